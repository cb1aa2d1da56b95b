/*
 * rel_common: what the reliability drivers (soak, hostile reloads) share --
 * starting the real program, reading its stats file and its memory, and
 * writing files the way editors and deploy tools do.
 *
 * BB_PROGRAM (the built briefboard) and BB_SHIM (the LD_PRELOAD library,
 * tests/reliability/bb_shim.c) are set by tests/CMakeLists.txt.
 */
#ifndef BB_REL_COMMON_H
#define BB_REL_COMMON_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BB_PROGRAM
#error "BB_PROGRAM must name the briefboard executable"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define REL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REL_SANITIZED 1
#endif
#endif
#ifndef REL_SANITIZED
#define REL_SANITIZED 0
#endif

/* How long the program may take to show its first frame, ms (ASan builds
 * and Mesa's software rasteriser are slow to start). */
#define REL_START_TIMEOUT_MS 30000

/* The stats file's keys the drivers use (src/app/bb_statsfile.h). */
typedef struct rel_stats {
    bool valid;
    long long mono_ms, wall;
    long long frames, presents;
    int synced, reloads, reload_failures, config_error;
    int slide, slides, talks, scenes_live;
} rel_stats;

static inline uint64_t rel_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static inline void rel_sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Whole file into a new NUL-terminated buffer; NULL when unreadable. */
static inline char *rel_read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0;) {
        len += got;
        if (len + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

/* Write a file the way vim or `sed -i` does: a temporary beside it, then
 * rename over.  Returns 0 or -1. */
static inline int rel_write_atomic(const char *path, const char *data, size_t len)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    size_t put = fwrite(data, 1, len, f);
    if (fclose(f) != 0 || put != len)
        return -1;
    return rename(tmp, path);
}

static inline long long rel_stats_key(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, klen) == 0 && p[klen] == ' ')
            return strtoll(p + klen + 1, NULL, 10);
    return -1;
}

static inline rel_stats rel_read_stats(const char *path)
{
    rel_stats s;
    memset(&s, 0, sizeof s);
    char *text = rel_read_file(path, NULL);
    if (!text)
        return s;
    s.valid = rel_stats_key(text, "frames") >= 0;
    s.mono_ms = rel_stats_key(text, "mono_ms");
    s.wall = rel_stats_key(text, "wall");
    s.synced = (int)rel_stats_key(text, "synced");
    s.frames = rel_stats_key(text, "frames");
    s.presents = rel_stats_key(text, "presents");
    s.reloads = (int)rel_stats_key(text, "reloads");
    s.reload_failures = (int)rel_stats_key(text, "reload_failures");
    s.config_error = (int)rel_stats_key(text, "config_error");
    s.slide = (int)rel_stats_key(text, "slide");
    s.slides = (int)rel_stats_key(text, "slides");
    s.talks = (int)rel_stats_key(text, "talks");
    s.scenes_live = (int)rel_stats_key(text, "scenes_live");
    free(text);
    return s;
}

/* Resident memory of pid in KiB (VmRSS), or -1. */
static inline long rel_rss_kib(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    char *text = rel_read_file(path, NULL);
    const char *line = text ? strstr(text, "VmRSS:") : NULL;
    long kib = line ? strtol(line + strlen("VmRSS:"), NULL, 10) : -1;
    free(text);
    return kib;
}

static inline bool rel_alive(pid_t pid)
{
    int status;
    return waitpid(pid, &status, WNOHANG) == 0;
}

/*
 * Start the program on config `cfg`, stats to `stats_path`, with extra
 * environment assignments (NULL-terminated "K=V" list; a value "$PID" is
 * the program's own pid), stdout and stderr to `log_path`.  Returns the
 * pid, or -1.
 */
static inline pid_t rel_spawn(const char *cfg, const char *stats_path, const char *log_path,
                       const char *const *env)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* A driver that crashes must not leave the program running. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    FILE *log = freopen(log_path, "w", stderr);
    if (!log || dup2(fileno(stderr), STDOUT_FILENO) < 0)
        _exit(127);
    setenv("BRIEFBOARD_STATS_FILE", stats_path, 1);
    /* The program must not inherit the test's own view of the world. */
    unsetenv("BRIEFBOARD_CONFIG");
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
#if REL_SANITIZED
    /* SDL unloads Mesa's EGL driver at exit, before LeakSanitizer looks:
     * Mesa's own process-lifetime allocations then show up as leaks from
     * "<unknown module>" that no suppression can name.  The dummy driver
     * renders in software with no EGL, so a leak report is ours to fix. */
    setenv("SDL_VIDEODRIVER", "dummy", 1);
#endif
    for (int i = 0; env && env[i]; i++) {
        char name[256];
        const char *eq = strchr(env[i], '=');
        size_t nl = eq ? (size_t)(eq - env[i]) : 0;
        if (!eq || nl >= sizeof name)
            _exit(127);
        memcpy(name, env[i], nl);
        name[nl] = '\0';
        if (strcmp(eq + 1, "$PID") == 0) {
            /* WATCHDOG_PID=$PID: this process, as systemd sets it. */
            char pid_text[32];
            snprintf(pid_text, sizeof pid_text, "%ld", (long)getpid());
            setenv(name, pid_text, 1);
            continue;
        }
        setenv(name, eq + 1, 1);
    }
    execl(BB_PROGRAM, BB_PROGRAM, "--config", cfg, (char *)NULL);
    _exit(127);
}

/* SIGTERM, then wait up to timeout_ms; SIGKILL after that.  Returns the
 * exit status as from waitpid, or -1 when it had to be killed. */
static inline int rel_stop(pid_t pid, unsigned timeout_ms)
{
    int status = 0;
    kill(pid, SIGTERM);
    for (uint64_t end = rel_now_ms() + timeout_ms; rel_now_ms() < end; rel_sleep_ms(20))
        if (waitpid(pid, &status, WNOHANG) == pid)
            return status;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

/* Wait until the stats file shows a first frame; false on timeout/death. */
static inline bool rel_wait_started(pid_t pid, const char *stats_path)
{
    for (uint64_t end = rel_now_ms() + REL_START_TIMEOUT_MS; rel_now_ms() < end; rel_sleep_ms(50)) {
        if (!rel_alive(pid))
            return false;
        rel_stats s = rel_read_stats(stats_path);
        if (s.valid && s.frames > 0)
            return true;
    }
    return false;
}

/* Print the tail of the program's log, for a failure's context. */
static inline void rel_show_log(const char *log_path)
{
    size_t len;
    char *text = rel_read_file(log_path, &len);
    if (!text)
        return;
    const size_t tail = 3000;
    fprintf(stderr, "--- program log (last %zu bytes) ---\n%s\n---\n", len < tail ? len : tail,
            len > tail ? text + len - tail : text);
    free(text);
}

/* After a run: on failure show the program's log and keep the work
 * directory for a look; on success remove it. */
static inline void rel_finish(bool failed, const char *work_dir, const char *log_path)
{
    if (failed) {
        rel_show_log(log_path);
        fprintf(stderr, "the run's files are kept in %s\n", work_dir);
        return;
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", work_dir);
}

/* Replace every `from` in *text with `to`; returns how many. */
static inline int rel_replace_all(char **text, const char *from, const char *to)
{
    int count = 0;
    size_t fl = strlen(from), tl = strlen(to);
    for (char *p = strstr(*text, from); p; p = strstr(p, from)) {
        size_t off = (size_t)(p - *text), len = strlen(*text);
        char *n = malloc(len - fl + tl + 1);
        if (!n)
            abort();
        memcpy(n, *text, off);
        memcpy(n + off, to, tl);
        memcpy(n + off + tl, *text + off + fl, len - off - fl + 1);
        free(*text);
        *text = n;
        p = n + off + tl;
        count++;
    }
    return count;
}

#endif
