/*
 * bb_control: the control socket (see bb_control.h).  The protocol's rules
 * are in the core (bb_ctl); this file moves bytes and applies commands.
 */
#define _GNU_SOURCE   /* accept4 */
#include "bb_control.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "bb_clock.h"
#include "bb_config.h"
#include "bb_ctl.h"
#include "bb_log.h"
#include "bb_screen.h"

/* Replies waiting for a slow reader, bytes: a few status lines.  More and
 * the client is dropped rather than buffered for. */
#define OUT_CAP 16384
/* One reply line, bytes: the status JSON with an override message of
 * BB_OVERRIDE_MAX_BYTES escaped, and an error line. */
#define REPLY_CAP 8192
/* Bad-input log lines: at most one per this many ms; the rest are counted
 * and the count goes into the next line. */
#define BAD_LOG_INTERVAL_MS 1000
/* Screenshots encode a full-screen PNG in the display's loop: at most this
 * many a second (and a burst of as many). */
#define SHOTS_PER_S 2
#define LISTEN_BACKLOG 8
#define MS_PER_S 1000

typedef struct client {
    int fd;                 /* -1: free slot */
    bb_ctl_reader in;
    char out[OUT_CAP];
    size_t out_len;
    bb_ctl_rate rate;
    uint64_t last_ms;       /* last whole line or connect */
    bool closing;           /* close once out is written */
    bool limited;           /* the rate limit was hit and not yet logged */
} client;

struct bb_control {
    int listen_fd;
    char *path;
    client clients[BB_CONTROL_MAX_CLIENTS];
    bb_ctl_rate global_rate;
    bb_ctl_rate shot_rate;
    uint64_t bad_logged_ms;
    int bad_suppressed;
};

static void control_accept(bb_control *c, uint64_t now_ms);
static void client_read(bb_control *c, client *cl, bb_show *show, const bb_control_info *info,
                        uint64_t now_ms);
static void client_line(bb_control *c, client *cl, bb_show *show, const bb_control_info *info,
                        const char *line, size_t len, uint64_t now_ms);
static void client_write(client *cl);
static void client_close(client *cl);
static void client_reply(client *cl, const char *fmt, ...) BB_PRINTF(2, 3);
static void control_log_bad(bb_control *c, uint64_t now_ms, const char *fmt, ...) BB_PRINTF(3, 4);
static int control_status(bb_show *show, const bb_control_info *info, uint64_t now_ms, char *out,
                          size_t cap);
static bool newest_mtime(const bb_config *cfg, time_t *out);

/* ---- public ---- */

bb_control *bb_control_create(const char *path, uint64_t now_ms)
{
    struct sockaddr_un addr;
    struct stat st;
    bb_control *c = NULL;

    if (strlen(path) >= sizeof addr.sun_path) {
        bb_log(BB_LOG_ERROR, "control socket: the path %s is too long", path);
        return NULL;
    }
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            bb_log(BB_LOG_ERROR, "control socket: %s exists and is not a socket; no control socket",
                   path);
            return NULL;
        }
        unlink(path);   /* left by a display that did not stop cleanly */
    }
    c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path)))
        goto oom;
    for (int i = 0; i < BB_CONTROL_MAX_CLIENTS; i++)
        c->clients[i].fd = -1;
    c->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->listen_fd < 0)
        goto sys;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if (bind(c->listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        goto sys;
    /* The unit's UMask=0077 would leave it to the owner: the group
     * (briefboard: briefboardctl users, the MQTT bridge) may connect. */
    if (chmod(path, 0660) < 0 || listen(c->listen_fd, LISTEN_BACKLOG) < 0)
        goto sys;
    bb_ctl_rate_init(&c->global_rate, BB_CONTROL_RATE_GLOBAL, 2 * BB_CONTROL_RATE_GLOBAL, now_ms);
    bb_ctl_rate_init(&c->shot_rate, SHOTS_PER_S, SHOTS_PER_S, now_ms);
    bb_log(BB_LOG_INFO, "control socket at %s", path);
    return c;

sys:
    bb_log(BB_LOG_ERROR, "control socket %s: %s; running without it", path, strerror(errno));
    if (c && c->listen_fd >= 0) {
        close(c->listen_fd);
        c->listen_fd = -1;
        unlink(path);
    }
    bb_control_destroy(c);
    return NULL;
oom:
    bb_log(BB_LOG_ERROR, "control socket: out of memory");
    bb_control_destroy(c);
    return NULL;
}

void bb_control_destroy(bb_control *c)
{
    if (!c)
        return;
    for (int i = 0; i < BB_CONTROL_MAX_CLIENTS; i++)
        client_close(&c->clients[i]);
    if (c->listen_fd > 0) {
        close(c->listen_fd);
        unlink(c->path);
    }
    free(c->path);
    free(c);
}

int bb_control_pollfds(const bb_control *c, struct pollfd *fds)
{
    int n = 0;
    if (!c)
        return 0;
    fds[n].fd = c->listen_fd;
    fds[n].events = POLLIN;
    fds[n++].revents = 0;
    for (int i = 0; i < BB_CONTROL_MAX_CLIENTS; i++) {
        const client *cl = &c->clients[i];
        if (cl->fd < 0)
            continue;
        fds[n].fd = cl->fd;
        fds[n].events = (short)(POLLIN | (cl->out_len ? POLLOUT : 0));
        fds[n++].revents = 0;
    }
    return n;
}

void bb_control_service(bb_control *c, bb_show *show, const bb_control_info *info,
                        uint64_t now_ms)
{
    if (!c)
        return;
    control_accept(c, now_ms);
    for (int i = 0; i < BB_CONTROL_MAX_CLIENTS; i++) {
        client *cl = &c->clients[i];
        if (cl->fd < 0)
            continue;
        if (!cl->closing)
            client_read(c, cl, show, info, now_ms);
        if (cl->fd >= 0 && cl->limited) {
            cl->limited = false;
            control_log_bad(c, now_ms, "control socket: a client sends too fast; requests dropped");
        }
        if (cl->fd >= 0 && !cl->closing && now_ms - cl->last_ms > BB_CONTROL_IDLE_MS) {
            client_reply(cl, "error idle for %d s", BB_CONTROL_IDLE_MS / MS_PER_S);
            cl->closing = true;
        }
        if (cl->fd >= 0)
            client_write(cl);
        if (cl->fd >= 0 && cl->closing && cl->out_len == 0)
            client_close(cl);
    }
}

char *bb_control_default_path(const char *opt_path)
{
    const char *dir;
    char *p;
    if (opt_path)
        return strdup(opt_path);
    dir = getenv("RUNTIME_DIRECTORY");
    if (!dir || !*dir)
        return NULL;
    /* systemd may list several directories, colon-separated: the first. */
    size_t n = strcspn(dir, ":");
    p = malloc(n + sizeof "/" BB_CONTROL_SOCKET_NAME);
    if (p) {
        memcpy(p, dir, n);
        memcpy(p + n, "/" BB_CONTROL_SOCKET_NAME, sizeof "/" BB_CONTROL_SOCKET_NAME);
    }
    return p;
}

/* ---- static ---- */

static void control_accept(bb_control *c, uint64_t now_ms)
{
    for (;;) {
        int fd = accept4(c->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        client *free_slot = NULL;
        if (fd < 0)
            return;   /* EAGAIN: none waiting (anything else: try next turn) */
        for (int i = 0; i < BB_CONTROL_MAX_CLIENTS && !free_slot; i++)
            if (c->clients[i].fd < 0)
                free_slot = &c->clients[i];
        if (!free_slot) {
            static const char busy[] = "error busy: too many connections\n";
            ssize_t w = send(fd, busy, sizeof busy - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            (void)w;
            close(fd);
            control_log_bad(c, now_ms, "control socket: more than %d connections; one refused",
                            BB_CONTROL_MAX_CLIENTS);
            continue;
        }
        free_slot->fd = fd;
        free_slot->out_len = 0;
        free_slot->closing = false;
        free_slot->limited = false;
        free_slot->last_ms = now_ms;
        bb_ctl_reader_init(&free_slot->in);
        bb_ctl_rate_init(&free_slot->rate, BB_CONTROL_RATE_PER_CONN, 2 * BB_CONTROL_RATE_PER_CONN,
                         now_ms);
    }
}

static void client_read(bb_control *c, client *cl, bb_show *show, const bb_control_info *info,
                        uint64_t now_ms)
{
    for (;;) {
        size_t space;
        char *dst = bb_ctl_reader_space(&cl->in, &space);
        ssize_t n = space ? recv(cl->fd, dst, space, MSG_DONTWAIT) : 0;
        if (space && n == 0) {
            cl->closing = true;   /* the client closed its end: answer what came */
            return;
        }
        if (space && n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                client_close(cl);
            return;
        }
        bb_ctl_reader_added(&cl->in, (size_t)n);
        const char *line;
        size_t len;
        bb_ctl_next next;
        while ((next = bb_ctl_reader_next(&cl->in, &line, &len)) != BB_CTL_NONE) {
            if (cl->fd < 0 || cl->closing)
                return;
            if (next == BB_CTL_OVERSIZED) {
                control_log_bad(c, now_ms, "control socket: a request longer than %d bytes",
                                BB_CTL_MAX_LINE - 1);
                client_reply(cl, "error line longer than %d bytes", BB_CTL_MAX_LINE - 1);
                continue;
            }
            cl->last_ms = now_ms;
            if (len == 0)
                continue;   /* an empty line: nothing asked */
            client_line(c, cl, show, info, line, len, now_ms);
        }
        if (cl->fd < 0 || cl->out_len > OUT_CAP / 2)
            return;   /* let it read its replies first */
    }
}

static void client_line(bb_control *c, client *cl, bb_show *show, const bb_control_info *info,
                        const char *line, size_t len, uint64_t now_ms)
{
    static bb_ctl_request req;   /* 4 KiB: not on the loop's stack; one loop thread */
    char err[BB_CTL_ERROR_MAX];

    if (!bb_ctl_rate_take(&cl->rate, now_ms) || !bb_ctl_rate_take(&c->global_rate, now_ms)) {
        cl->limited = true;
        client_reply(cl, "error rate limit: at most %d requests a second",
                     BB_CONTROL_RATE_PER_CONN);
        return;
    }
    if (bb_ctl_parse(line, len, &req, err) < 0) {
        control_log_bad(c, now_ms, "control socket: %s", err);
        client_reply(cl, "error %s", err);
        return;
    }
    switch (req.verb) {
    case BB_CTL_STATUS: {
        static char json[REPLY_CAP];
        if (control_status(show, info, now_ms, json, sizeof json) < 0)
            client_reply(cl, "error status too long");
        else
            client_reply(cl, "%s", json);
        break;
    }
    case BB_CTL_NEXT: bb_show_command(show, BB_CMD_NEXT); client_reply(cl, "ok"); break;
    case BB_CTL_PREV: bb_show_command(show, BB_CMD_PREVIOUS); client_reply(cl, "ok"); break;
    case BB_CTL_PAUSE: bb_show_set_paused(show, true); client_reply(cl, "ok paused"); break;
    case BB_CTL_RESUME: bb_show_set_paused(show, false); client_reply(cl, "ok resumed"); break;
    case BB_CTL_RELOAD:
        bb_log(BB_LOG_INFO, "reload asked through the control socket");
        if (bb_show_reload(show) == 0)
            client_reply(cl, "ok reloaded");
        else
            client_reply(cl, "error config refused: %s",
                         bb_show_config_error_line(show) ? bb_show_config_error_line(show)
                                                         : "cannot reload");
        break;
    case BB_CTL_OVERRIDE_SET:
        if (bb_show_override_set(show, req.arg) < 0)
            client_reply(cl, "error out of memory");
        else
            client_reply(cl, "ok override on");
        break;
    case BB_CTL_OVERRIDE_CLEAR:
        bb_show_override_set(show, NULL);
        client_reply(cl, "ok override cleared%s",
                     bb_show_override_text(show) ? "; the override file's message still shows"
                                                 : "");
        break;
    case BB_CTL_POWER_ON: bb_show_set_power(show, true); client_reply(cl, "ok power on"); break;
    case BB_CTL_POWER_OFF: bb_show_set_power(show, false); client_reply(cl, "ok power off"); break;
    case BB_CTL_SCREENSHOT:
        if (!bb_ctl_rate_take(&c->shot_rate, now_ms)) {
            control_log_bad(c, now_ms, "control socket: screenshots asked too often");
            client_reply(cl, "error rate limit: at most %d screenshots a second", SHOTS_PER_S);
        } else if (bb_screen_write_png(bb_show_screen(show), req.arg) < 0) {
            client_reply(cl, "error cannot write %s (see the log)", req.arg);
        } else {
            client_reply(cl, "ok %s", req.arg);
        }
        break;
    }
}

static void client_write(client *cl)
{
    while (cl->out_len > 0) {
        ssize_t n = send(cl->fd, cl->out, cl->out_len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                client_close(cl);
            return;
        }
        memmove(cl->out, cl->out + n, cl->out_len - (size_t)n);
        cl->out_len -= (size_t)n;
    }
}

static void client_close(client *cl)
{
    if (cl->fd < 0)
        return;
    close(cl->fd);
    cl->fd = -1;
    cl->out_len = 0;
}

/* Queue one reply line; a client whose replies pile up is dropped: the
 * display never waits for a reader. */
static void client_reply(client *cl, const char *fmt, ...)
{
    char line[REPLY_CAP + 2];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof line - 2)
        n = (int)(sizeof line - 2);
    line[n++] = '\n';
    if (cl->out_len + (size_t)n > OUT_CAP) {
        client_close(cl);
        return;
    }
    memcpy(cl->out + cl->out_len, line, (size_t)n);
    cl->out_len += (size_t)n;
}

static void control_log_bad(bb_control *c, uint64_t now_ms, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    if (c->bad_logged_ms && now_ms - c->bad_logged_ms < BAD_LOG_INTERVAL_MS) {
        c->bad_suppressed++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->bad_suppressed)
        bb_log(BB_LOG_WARNING, "%s (and %d more bad requests not logged)", msg, c->bad_suppressed);
    else
        bb_log(BB_LOG_WARNING, "%s", msg);
    c->bad_suppressed = 0;
    c->bad_logged_ms = now_ms ? now_ms : 1;
}

/* The status line: one JSON object (docs/fleet.md lists the keys). */
static int control_status(bb_show *show, const bb_control_info *info, uint64_t now_ms, char *out,
                          size_t cap)
{
    const bb_config *cfg = bb_show_config(show);
    bb_clock *clock = bb_show_clock(show);
    bb_show_stats st;
    char path[BB_SHOW_ERROR_LINE * 2], error[BB_SHOW_ERROR_LINE * 2];
    static char ov[BB_CTL_MAX_LINE * 2];
    char fetched[40] = "null";
    const char *ov_text = bb_show_override_text(show);
    const char *err_line = bb_show_config_error_line(show);
    int current = bb_show_current(show);
    time_t newest;

    bb_show_stats_get(show, &st);
    char *abs = bb_show_config_path(show) ? realpath(bb_show_config_path(show), NULL) : NULL;
    const char *shown = abs ? abs : bb_show_config_path(show) ? bb_show_config_path(show) : "";
    if (!bb_ctl_utf8_valid(shown, strlen(shown)) ||
        bb_ctl_json_string(shown, path, sizeof path) < 0)
        strcpy(path, "\"\"");
    free(abs);
    if (!err_line || bb_ctl_json_string(err_line, error, sizeof error) < 0)
        strcpy(error, "null");
    if (!ov_text || bb_ctl_json_string(ov_text, ov, sizeof ov) < 0)
        strcpy(ov, "null");
    if (newest_mtime(cfg, &newest)) {
        struct tm tm;
        gmtime_r(&newest, &tm);
        strftime(fetched, sizeof fetched, "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
    }
    int n = snprintf(out, cap,
                     "{\"version\":\"%s\",\"pid\":%ld,\"config\":%s,\"config_state\":\"%s\","
                     "\"config_error\":%s,\"slide\":%d,\"slides\":%d,\"slide_type\":\"%s\","
                     "\"page\":null,\"paused\":%s,\"clock_synced\":%s,\"wall\":%lld,"
                     "\"override\":%s,\"override_source\":%s,\"override_text\":%s,"
                     "\"screen\":\"%s\",\"power\":\"%s\",\"uptime_s\":%llu,\"frames\":%llu,"
                     "\"presents\":%llu,\"wakeups\":%llu,\"reloads\":%d,\"reload_failures\":%d,"
                     "\"schedules\":%d,\"schedule_updated\":%s}",
                     BB_VERSION, (long)getpid(), path,
                     bb_show_config_error(show) ? "refused" : "good", error, current + 1,
                     cfg->n_slides,
                     current >= 0 ? bb_slide_type_name(cfg->slides[current].type) : "none",
                     bb_show_paused(show) ? "true" : "false",
                     bb_clock_synchronized(clock) ? "true" : "false",
                     (long long)bb_clock_wall(clock), ov_text ? "true" : "false",
                     !ov_text ? "null"
                     : bb_show_override_from_control(show) ? "\"control\""
                                                           : "\"file\"",
                     ov, bb_show_screen_state(show), bb_show_power(show) ? "on" : "off",
                     (unsigned long long)((now_ms - info->started_ms) / MS_PER_S),
                     (unsigned long long)st.frames, (unsigned long long)st.presents,
                     (unsigned long long)info->wakeups, st.reloads, st.reload_failures,
                     cfg->schedules.n, fetched);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* The newest modification time of the config's schedule files: when the
 * fetch (or anyone) last brought a changed schedule. */
static bool newest_mtime(const bb_config *cfg, time_t *out)
{
    bool any = false;
    for (int i = 0; i < cfg->schedules.n; i++) {
        struct stat st;
        if (stat(cfg->schedules.v[i], &st) == 0 && (!any || st.st_mtime > *out)) {
            *out = st.st_mtime;
            any = true;
        }
    }
    return any;
}
