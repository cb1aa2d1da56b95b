/*
 * bb_watch: inotify on the directories along each watched path.
 *
 * Each watched file becomes a set of "interests": (directory, entry name)
 * pairs whose change can change what the path resolves to.  For a plain
 * path that is just (parent, file name).  Every symlink met on the way adds
 * (the directory holding the link, the link's name) and the resolution
 * continues at the link's target, so swapping `current -> release-2` or a
 * ConfigMap's `..data` link is seen in the directory where the swap happens.
 * A missing component ends the walk with an interest in the deepest existing
 * directory, so a deleted directory coming back is noticed too.
 *
 * After every relevant event the interests are resolved again and the
 * inotify watches moved to match; watches no interest needs are removed, so
 * a directory swapped away is no longer watched.
 */
#include "bb_watch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_log.h"

/* Symlinks followed per path before giving up (a loop, or a silly setup). */
#define WATCH_MAX_LINK_DEPTH 16
/* Everything that can replace, remove or rewrite a directory entry.
 * IN_MODIFY is left out on purpose: a writer's partial file would trigger a
 * reload of half a config; IN_CLOSE_WRITE comes when it is done. */
#define WATCH_DIR_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | \
                        IN_DELETE | IN_MOVE_SELF | IN_DELETE_SELF | IN_ATTRIB | IN_ONLYDIR)
/* Event buffer, bytes: room for many events per read(). */
#define WATCH_READ_BUF 8192

typedef struct watch_interest {
    int wd;      /* inotify watch on dir, or -1 when it could not be placed */
    char *dir;
    char *name;  /* the entry of dir that matters */
} watch_interest;

typedef struct interest_list {
    watch_interest *v;
    int n, cap;
} interest_list;

struct bb_watch {
    int fd;
    char **files;        /* absolute paths, owned */
    int n_files;
    interest_list interests;
    bool pending;        /* a burst of changes has been seen and not reported */
    uint64_t first_ms;   /* first event of the burst */
    uint64_t last_ms;    /* latest event of the burst */
    uint64_t retry_ms;   /* 0: no retry */
    uint64_t retry_from_ms;
};

static char *path_join(const char *a, const char *b);
static char *str_dup_n(const char *s, size_t n);
static void free_files(char **files, int n);
static char **copy_files(const char *const *paths, int n);
static void interests_clear(interest_list *list);
static int interest_add(interest_list *list, const char *dir, size_t dir_len, const char *name,
                        size_t name_len);
static int resolve_path(interest_list *list, const char *path, int depth);
static void rearm(bb_watch *watch);
static bool wd_used(const interest_list *list, int wd);
static bool event_relevant(const bb_watch *watch, const struct inotify_event *ev);
static const char **config_paths(const bb_config *cfg, int *n);

bb_watch *bb_watch_create(const char *const *paths, int n)
{
    bb_watch *watch = calloc(1, sizeof *watch);
    if (!watch)
        return NULL;
    watch->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (watch->fd < 0)
        goto fail;
    if (bb_watch_set_files(watch, paths, n) < 0)
        goto fail;
    return watch;
fail:;
    int saved = errno;
    bb_watch_destroy(watch);
    errno = saved;
    return NULL;
}

void bb_watch_destroy(bb_watch *watch)
{
    if (!watch)
        return;
    if (watch->fd >= 0)
        close(watch->fd);   /* drops every watch with it */
    interests_clear(&watch->interests);
    free(watch->interests.v);
    free_files(watch->files, watch->n_files);
    free(watch);
}

int bb_watch_fd(const bb_watch *watch)
{
    return watch->fd;
}

int bb_watch_set_files(bb_watch *watch, const char *const *paths, int n)
{
    char **files = copy_files(paths, n);
    if (!files && n > 0)
        return -1;
    free_files(watch->files, watch->n_files);
    watch->files = files;
    watch->n_files = n;
    rearm(watch);
    return 0;
}

bool bb_watch_poll(bb_watch *watch, uint64_t now_ms)
{
    /* Aligned as inotify_event requires. */
    char buf[WATCH_READ_BUF] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool relevant = false;

    for (;;) {
        ssize_t got = read(watch->fd, buf, sizeof buf);
        if (got <= 0)
            break;   /* EAGAIN: drained.  Errors other than that cannot be acted on. */
        for (char *p = buf; p < buf + got;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (event_relevant(watch, ev))
                relevant = true;
            p += sizeof *ev + ev->len;
        }
    }
    if (relevant) {
        if (!watch->pending) {
            watch->pending = true;
            watch->first_ms = now_ms;
        }
        watch->last_ms = now_ms;
        /* Follow the change now, not when the reload is due: a directory
         * that came back must be watched before its file is written. */
        rearm(watch);
    }
    if (bb_watch_ms_until_due(watch, now_ms) == 0) {
        watch->pending = false;
        watch->retry_from_ms = now_ms;
        return true;
    }
    return false;
}

void bb_watch_set_retry(bb_watch *watch, uint64_t retry_ms, uint64_t now_ms)
{
    if (retry_ms == watch->retry_ms)
        return;
    watch->retry_ms = retry_ms;
    watch->retry_from_ms = now_ms;
}

int64_t bb_watch_ms_until_due(const bb_watch *watch, uint64_t now_ms)
{
    if (!watch->pending && watch->retry_ms == 0)
        return -1;
    if (!watch->pending) {
        uint64_t retry = watch->retry_from_ms + watch->retry_ms;
        return now_ms >= retry ? 0 : (int64_t)(retry - now_ms);
    }
    uint64_t due = watch->last_ms + BB_WATCH_DEBOUNCE_MS;
    uint64_t latest = watch->first_ms + BB_WATCH_MAX_DELAY_MS;
    if (latest < due)
        due = latest;
    return now_ms >= due ? 0 : (int64_t)(due - now_ms);
}

bb_watch *bb_watch_create_for_config(const bb_config *cfg)
{
    int n;
    const char **paths = config_paths(cfg, &n);
    if (!paths)
        return NULL;
    bb_watch *watch = bb_watch_create(paths, n);
    free(paths);
    return watch;
}

int bb_watch_set_config(bb_watch *watch, const bb_config *cfg)
{
    int n;
    const char **paths = config_paths(cfg, &n);
    if (!paths)
        return -1;
    int rc = bb_watch_set_files(watch, paths, n);
    free(paths);
    return rc;
}

int bb_watch_count_dirs(const bb_watch *watch)
{
    int count = 0;
    for (int i = 0; i < watch->interests.n; i++) {
        int wd = watch->interests.v[i].wd;
        bool seen = wd < 0;
        for (int j = 0; j < i && !seen; j++)
            seen = watch->interests.v[j].wd == wd;
        count += !seen;
    }
    return count;
}

/* ---- static functions ---- */

static char *str_dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* "a" + "/" + "b", without doubling a slash after "/". Caller frees. */
static char *path_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    bool slash = la > 0 && a[la - 1] != '/';
    char *r = malloc(la + slash + lb + 1);
    if (!r)
        return NULL;
    memcpy(r, a, la);
    if (slash)
        r[la] = '/';
    memcpy(r + la + slash, b, lb + 1);
    return r;
}

static void free_files(char **files, int n)
{
    for (int i = 0; i < n && files; i++)
        free(files[i]);
    free(files);
}

/* Absolute copies of paths; NULL when out of memory (or n == 0). */
static char **copy_files(const char *const *paths, int n)
{
    if (n <= 0)
        return NULL;
    char **files = calloc((size_t)n, sizeof *files);
    char cwd[PATH_MAX];
    bool have_cwd = getcwd(cwd, sizeof cwd) != NULL;
    if (!files)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (paths[i][0] == '/' || !have_cwd)
            files[i] = str_dup_n(paths[i], strlen(paths[i]));
        else
            files[i] = path_join(cwd, paths[i]);
        if (!files[i]) {
            free_files(files, n);
            return NULL;
        }
    }
    return files;
}

static void interests_clear(interest_list *list)
{
    for (int i = 0; i < list->n; i++) {
        free(list->v[i].dir);
        free(list->v[i].name);
    }
    list->n = 0;
}

static int interest_add(interest_list *list, const char *dir, size_t dir_len, const char *name,
                        size_t name_len)
{
    if (dir_len == 0) {   /* the root directory */
        dir = "/";
        dir_len = 1;
    }
    for (int i = 0; i < list->n; i++) {
        const watch_interest *w = &list->v[i];
        if (strlen(w->dir) == dir_len && !strncmp(w->dir, dir, dir_len) &&
            strlen(w->name) == name_len && !strncmp(w->name, name, name_len))
            return 0;
    }
    if (list->n == list->cap) {
        int cap = list->cap ? list->cap * 2 : 8;
        watch_interest *v = realloc(list->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        list->v = v;
        list->cap = cap;
    }
    watch_interest *w = &list->v[list->n];
    w->wd = -1;
    w->dir = str_dup_n(dir, dir_len);
    w->name = str_dup_n(name, name_len);
    if (!w->dir || !w->name) {
        free(w->dir);
        free(w->name);
        return -1;
    }
    list->n++;
    return 0;
}

/*
 * Walk absolute `path` component by component.  `cur` holds the resolved
 * prefix; it never contains a symlink (those are followed as met), so ".."
 * can be applied to it lexically.
 */
static int resolve_path(interest_list *list, const char *path, int depth)
{
    size_t cap = strlen(path) + 2;
    char *cur = malloc(cap);
    int rc = -1;
    if (!cur)
        return -1;
    cur[0] = '\0';
    size_t cur_len = 0;

    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p) {     /* the path named a directory, or was "/" */
            rc = 0;
            break;
        }
        const char *comp = p;
        size_t comp_len = strcspn(p, "/");
        p += comp_len;
        if (comp_len == 1 && comp[0] == '.')
            continue;
        if (comp_len == 2 && comp[0] == '.' && comp[1] == '.') {
            char *slash = strrchr(cur, '/');
            cur_len = slash ? (size_t)(slash - cur) : 0;
            cur[cur_len] = '\0';
            continue;
        }
        size_t parent_len = cur_len;
        cur[cur_len++] = '/';
        memcpy(cur + cur_len, comp, comp_len);
        cur_len += comp_len;
        cur[cur_len] = '\0';

        struct stat st;
        bool exists = lstat(cur, &st) == 0;
        if (exists && S_ISLNK(st.st_mode)) {
            /* A symlink: its own name matters where it lives, then the walk
             * continues at its target with the rest of the path. */
            rc = interest_add(list, cur, parent_len, comp, comp_len);
            char target[PATH_MAX];
            ssize_t tl = readlink(cur, target, sizeof target - 1);
            if (rc < 0 || tl <= 0 || depth >= WATCH_MAX_LINK_DEPTH)
                break;
            target[tl] = '\0';
            cur[parent_len] = '\0';
            char *base = target[0] == '/' ? str_dup_n(target, (size_t)tl) : path_join(cur, target);
            char *next = base && *p ? path_join(base, p) : NULL;
            if (base && !*p) {
                next = base;
                base = NULL;
            }
            rc = next ? resolve_path(list, next, depth + 1) : -1;
            free(base);
            free(next);
            break;
        }
        if (!exists || *p == '\0' || !S_ISDIR(st.st_mode)) {
            /* The file itself, or a missing or odd directory on the way:
             * the deepest existing directory is watched for this name. */
            rc = interest_add(list, cur, parent_len, comp, comp_len);
            break;
        }
    }
    free(cur);
    return rc;
}

static bool wd_used(const interest_list *list, int wd)
{
    for (int i = 0; i < list->n; i++)
        if (list->v[i].wd == wd)
            return true;
    return false;
}

/* Resolve every file again and move the inotify watches to match. */
static void rearm(bb_watch *watch)
{
    interest_list fresh = {0};
    for (int i = 0; i < watch->n_files; i++)
        if (resolve_path(&fresh, watch->files[i], 0) < 0)
            bb_log_once(BB_LOG_WARNING, "watching %s for changes: out of memory", watch->files[i]);

    for (int i = 0; i < fresh.n; i++) {
        watch_interest *w = &fresh.v[i];
        /* Same inode, same wd: inotify hands back the existing watch. */
        w->wd = inotify_add_watch(watch->fd, w->dir, WATCH_DIR_MASK);
        if (w->wd < 0 && errno != ENOENT && errno != ENOTDIR)
            bb_log_once(BB_LOG_WARNING, "cannot watch %s for changes: %s", w->dir, strerror(errno));
    }
    for (int i = 0; i < watch->interests.n; i++) {
        int wd = watch->interests.v[i].wd;
        bool dup = false;
        for (int j = 0; j < i && !dup; j++)
            dup = watch->interests.v[j].wd == wd;
        if (wd >= 0 && !dup && !wd_used(&fresh, wd))
            inotify_rm_watch(watch->fd, wd);
    }
    interests_clear(&watch->interests);
    free(watch->interests.v);
    watch->interests = fresh;
}

static bool event_relevant(const bb_watch *watch, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW)
        return true;   /* events were lost: assume the worst */
    for (int i = 0; i < watch->interests.n; i++) {
        const watch_interest *w = &watch->interests.v[i];
        if (w->wd != ev->wd)
            continue;
        /* len 0: the directory itself moved, went away or was unwatched. */
        if (ev->len == 0 || strcmp(ev->name, w->name) == 0)
            return true;
    }
    return false;
}

/* The paths cfg depends on, borrowed from cfg, in a new array the caller
 * frees; NULL when out of memory. */
static const char **config_paths(const bb_config *cfg, int *n)
{
    int cap = cfg->files.n + cfg->schedules.n + cfg->n_slides + 1;
    const char **paths = malloc((size_t)cap * sizeof *paths);
    *n = 0;
    if (!paths)
        return NULL;
    for (int i = 0; i < cfg->files.n; i++)
        paths[(*n)++] = cfg->files.v[i];
    for (int i = 0; i < cfg->schedules.n; i++)
        paths[(*n)++] = cfg->schedules.v[i];
    for (int i = 0; i < cfg->n_slides; i++)
        if (cfg->slides[i].type == BB_SLIDE_IMAGE && cfg->slides[i].image)
            paths[(*n)++] = cfg->slides[i].image;
        else if (cfg->slides[i].type == BB_SLIDE_FEED && cfg->slides[i].feed_file)
            paths[(*n)++] = cfg->slides[i].feed_file;
    if (cfg->footer.logo)
        paths[(*n)++] = cfg->footer.logo;
    return paths;
}
