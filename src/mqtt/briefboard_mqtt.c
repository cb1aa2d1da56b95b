/*
 * briefboard-mqtt: the bridge between one display's control socket and an
 * MQTT broker, with Home Assistant discovery (see briefboard-mqtt(1) and
 * docs/fleet.md).
 *
 * It talks to the display only through the control socket, one short
 * connection per request: the display never waits for the bridge, and the
 * bridge never waits long for the display (REQUEST_TIMEOUT_MS).  The broker
 * may come and go: the bridge reconnects with a growing pause and, once
 * back, publishes its discovery entries, availability and state again.
 * Commands from the broker are untrusted: each is judged by
 * bb_mqtt_command, limited in rate, and a bad one costs one log line at
 * most (BAD_LOG_INTERVAL_MS).
 */
#include <errno.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "bb_ctl.h"
#include "bb_log.h"
#include "bb_mqtt_config.h"
#include "bb_mqtt_ha.h"

#define PROGRAM "briefboard-mqtt"
#define DEFAULT_CONFIG BB_SYSCONFDIR "/mqtt.cfg"
/* The display answers within a turn of its loop; give up after this. */
#define REQUEST_TIMEOUT_MS 2000
#define REPLY_MAX 16384
/* Reconnect pauses: doubling from the first to the last, ms. */
#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS 60000
/* Longest sleep of the loop, ms. */
#define LOOP_SLICE_MS 1000
#define BAD_LOG_INTERVAL_MS 5000
#define PASSWORD_MAX 1024
/* A screenshot larger than this is not published (a 4K PNG is ~1-3 MB). */
#define SHOT_MAX_BYTES (32 * 1024 * 1024)
#define STATE_KEY_MAX 8192
#define QOS_STATE 1
#define QOS_SHOT 0
#define EXIT_OK 0
#define EXIT_CONFIG 1
#define EXIT_ENV 2

typedef struct bridge {
    bb_mqtt_config *cfg;
    struct mosquitto *mosq;
    bool connected;
    bool ever_connected;
    uint64_t next_try_ms;
    uint64_t backoff_ms;
    int display_up;              /* -1 unknown, 0 down, 1 answering */
    int published_up;            /* what availability says on the broker; -1 nothing */
    char state_key[STATE_KEY_MAX];
    bool republish;              /* publish state and availability on the next poll */
    uint64_t next_status_ms;
    uint64_t next_shot_ms;       /* periodic screenshot; UINT64_MAX: none */
    uint64_t last_shot_ms;
    bool shot_wanted;
    bb_ctl_rate rate;
    uint64_t bad_logged_ms;
    int bad_suppressed;
    uint64_t forwarded, refused;
} bridge;

static volatile sig_atomic_t quit_signal;

static uint64_t now_ms(void);
static void on_signal(int sig);
static int usage(FILE *out, int rc);
static char *read_password(const char *path);
static int display_request(const bridge *b, const char *line, char *reply, size_t cap);
static void poll_status(bridge *b, uint64_t now);
static void take_screenshot(bridge *b, uint64_t now);
static void publish(bridge *b, const char *leaf, const void *data, size_t len, int qos);
static void publish_availability(bridge *b);
static void publish_discovery(bridge *b);
static void try_connect(bridge *b, uint64_t now);
static void log_bad(bridge *b, uint64_t now, const char *fmt, ...) BB_PRINTF(3, 4);
static void on_connect(struct mosquitto *m, void *ud, int rc);
static void on_disconnect(struct mosquitto *m, void *ud, int rc);
static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg);

int main(int argc, char **argv)
{
    const char *path = DEFAULT_CONFIG;
    bool check = false;
    char err[BB_MQTT_ERROR_MAX];
    char will[BB_MQTT_TOPIC_MAX];
    char *password = NULL;
    bridge b;
    int rc = EXIT_ENV;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout, EXIT_OK);
        if (strcmp(argv[i], "--version") == 0) {
            printf(PROGRAM " %s\n", BB_VERSION);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            path = argv[++i];
        else {
            fprintf(stderr, PROGRAM ": unknown option '%s' (see " PROGRAM " --help)\n", argv[i]);
            return EXIT_ENV;
        }
    }
    memset(&b, 0, sizeof b);
    b.cfg = bb_mqtt_config_load(path, err);
    if (!b.cfg) {
        fprintf(stderr, "%s\n", err);
        return EXIT_CONFIG;
    }
    if (b.cfg->password_file && !(password = read_password(b.cfg->password_file))) {
        bb_mqtt_config_free(b.cfg);
        return EXIT_CONFIG;
    }
    if (check) {
        printf("%s: ok: screen %s, broker %s:%d%s\n", path, b.cfg->screen_id, b.cfg->host,
               b.cfg->port, b.cfg->ca_file || b.cfg->ca_path ? " (TLS)" : "");
        rc = EXIT_OK;
        goto done;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    mosquitto_lib_init();
    char client_id[BB_MQTT_TOPIC_MAX];
    snprintf(client_id, sizeof client_id, "briefboard-%s", b.cfg->screen_id);
    b.mosq = mosquitto_new(client_id, true, &b);
    if (!b.mosq) {
        bb_log(BB_LOG_ERROR, "cannot make an MQTT client: %s", strerror(errno));
        goto done;
    }
    mosquitto_int_option(b.mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    bb_mqtt_topic(b.cfg, "availability", will);
    if (mosquitto_will_set(b.mosq, will, 7, "offline", QOS_STATE, true) != MOSQ_ERR_SUCCESS ||
        (b.cfg->username &&
         mosquitto_username_pw_set(b.mosq, b.cfg->username, password) != MOSQ_ERR_SUCCESS)) {
        bb_log(BB_LOG_ERROR, "cannot set up the MQTT client (last will, credentials)");
        goto done;
    }
    if (b.cfg->ca_file || b.cfg->ca_path) {
        int t = mosquitto_tls_set(b.mosq, b.cfg->ca_file, b.cfg->ca_path, b.cfg->cert_file,
                                  b.cfg->key_file, NULL);
        if (t != MOSQ_ERR_SUCCESS) {
            bb_log(BB_LOG_ERROR, "%s: TLS settings refused: %s", path, mosquitto_strerror(t));
            rc = EXIT_CONFIG;
            goto done;
        }
    }
    mosquitto_connect_callback_set(b.mosq, on_connect);
    mosquitto_disconnect_callback_set(b.mosq, on_disconnect);
    mosquitto_message_callback_set(b.mosq, on_message);

    uint64_t start = now_ms();
    b.display_up = -1;
    b.published_up = -1;
    b.backoff_ms = BACKOFF_FIRST_MS;
    b.next_shot_ms = b.cfg->screenshot_interval_s ? start : UINT64_MAX;
    bb_ctl_rate_init(&b.rate, b.cfg->commands_per_second, 2.0 * b.cfg->commands_per_second, start);
    bb_log(BB_LOG_INFO, "screen %s: broker %s:%d%s, display %s", b.cfg->screen_id, b.cfg->host,
           b.cfg->port, b.cfg->ca_file || b.cfg->ca_path ? " (TLS)" : "", b.cfg->control);

    while (!quit_signal) {
        uint64_t now = now_ms();
        if (!b.connected && now >= b.next_try_ms)
            try_connect(&b, now);
        if (now >= b.next_status_ms)
            poll_status(&b, now);
        if (b.connected && (b.shot_wanted || now >= b.next_shot_ms))
            take_screenshot(&b, now);
        now = now_ms();
        uint64_t wait = b.next_status_ms > now ? b.next_status_ms - now : 0;
        if (wait > LOOP_SLICE_MS)
            wait = LOOP_SLICE_MS;
        if (b.connected) {
            int l = mosquitto_loop(b.mosq, (int)wait, 1);
            if (l != MOSQ_ERR_SUCCESS && b.connected) {
                /* The connection broke without a disconnect callback. */
                b.connected = false;
                bb_log(BB_LOG_WARNING, "lost the broker: %s", mosquitto_strerror(l));
                b.next_try_ms = now_ms() + b.backoff_ms;
            }
        } else {
            poll(NULL, 0, (int)wait);
        }
    }
    bb_log(BB_LOG_INFO, "quitting on a signal (%llu commands forwarded, %llu refused)",
           (unsigned long long)b.forwarded, (unsigned long long)b.refused);
    if (b.connected) {
        /* Say so now rather than after the broker's keep-alive timeout. */
        publish(&b, "availability", "offline", 7, QOS_STATE);
        for (int i = 0; i < 5; i++)
            mosquitto_loop(b.mosq, 50, 1);
        mosquitto_disconnect(b.mosq);
    }
    rc = EXIT_OK;

done:
    if (b.mosq)
        mosquitto_destroy(b.mosq);
    mosquitto_lib_cleanup();
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    bb_mqtt_config_free(b.cfg);
    return rc;
}

/* ---- the display ---- */

/* One request on a fresh connection; the reply line (no newline) in reply.
 * Returns 0 for "ok..."/JSON, 1 for "error ...", -1 when the display is not
 * there or does not answer in time. */
static int display_request(const bridge *b, const char *line, char *reply, size_t cap)
{
    struct sockaddr_un addr;
    char req[BB_CTL_MAX_LINE + 1];
    size_t got = 0;
    int rc = -1;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    size_t n = (size_t)snprintf(req, sizeof req, "%s\n", line);
    uint64_t deadline = now_ms() + REQUEST_TIMEOUT_MS;

    reply[0] = '\0';
    if (fd < 0 || strlen(b->cfg->control) >= sizeof addr.sun_path || n >= sizeof req)
        goto done;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, b->cfg->control, strlen(b->cfg->control) + 1);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        goto done;
    if (send(fd, req, n, MSG_NOSIGNAL) != (ssize_t)n)
        goto done;
    while (got < cap - 1) {
        uint64_t now = now_ms();
        struct pollfd p = { fd, POLLIN, 0 };
        if (now >= deadline || poll(&p, 1, (int)(deadline - now)) <= 0)
            goto done;
        ssize_t r = recv(fd, reply + got, cap - 1 - got, 0);
        if (r <= 0)
            goto done;
        got += (size_t)r;
        reply[got] = '\0';
        char *nl = strchr(reply, '\n');
        if (nl) {
            *nl = '\0';
            rc = strncmp(reply, "error", 5) == 0 ? 1 : 0;
            break;
        }
    }
done:
    if (fd >= 0)
        close(fd);
    return rc;
}

static void poll_status(bridge *b, uint64_t now)
{
    static char reply[REPLY_MAX];
    char key[STATE_KEY_MAX];
    int rc = display_request(b, "status", reply, sizeof reply);
    b->next_status_ms = now + (uint64_t)b->cfg->status_interval_s * 1000;
    int up = rc == 0 && bb_mqtt_state_key(reply, key, sizeof key) == 0;
    if (up != b->display_up) {
        bb_log(up ? BB_LOG_INFO : BB_LOG_WARNING, "display %s at %s",
               up ? "answers" : "does not answer", b->cfg->control);
        b->display_up = up;
    }
    if (!b->connected)
        return;
    if (up != b->published_up || b->republish)
        publish_availability(b);
    if (up && (b->republish || strcmp(key, b->state_key) != 0)) {
        publish(b, "state", reply, strlen(reply), QOS_STATE);
        memcpy(b->state_key, key, strlen(key) + 1);
    }
    b->republish = false;
}

static void take_screenshot(bridge *b, uint64_t now)
{
    char line[BB_CTL_MAX_LINE], reply[512];
    struct stat st;
    void *png = NULL;
    int fd = -1;

    b->shot_wanted = false;
    b->last_shot_ms = now;
    if (b->cfg->screenshot_interval_s)
        b->next_shot_ms = now + (uint64_t)b->cfg->screenshot_interval_s * 1000;
    if (b->display_up != 1)
        return;
    snprintf(line, sizeof line, "screenshot %s", b->cfg->screenshot_file);
    if (display_request(b, line, reply, sizeof reply) != 0) {
        bb_log_once(BB_LOG_WARNING, "screenshot: the display refused: %s", reply);
        return;
    }
    fd = open(b->cfg->screenshot_file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        st.st_size > SHOT_MAX_BYTES || !(png = malloc((size_t)st.st_size))) {
        bb_log_once(BB_LOG_WARNING, "screenshot: cannot read %s: %s", b->cfg->screenshot_file,
                    fd < 0 ? strerror(errno) : "not a usable file");
        goto done;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, (char *)png + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got == (size_t)st.st_size)
        publish(b, "screenshot", png, got, QOS_SHOT);
done:
    free(png);
    if (fd >= 0)
        close(fd);
}

/* ---- the broker ---- */

static void publish(bridge *b, const char *leaf, const void *data, size_t len, int qos)
{
    char topic[BB_MQTT_TOPIC_MAX];
    bb_mqtt_topic(b->cfg, leaf, topic);
    int rc = mosquitto_publish(b->mosq, NULL, topic, (int)len, data, qos, true);
    if (rc != MOSQ_ERR_SUCCESS)
        bb_log_once(BB_LOG_WARNING, "cannot publish %s: %s", topic, mosquitto_strerror(rc));
}

static void publish_availability(bridge *b)
{
    const char *a = b->display_up == 1 ? "online" : "offline";
    publish(b, "availability", a, strlen(a), QOS_STATE);
    b->published_up = b->display_up == 1;
}

static void publish_discovery(bridge *b)
{
    char topic[BB_MQTT_TOPIC_MAX];
    for (int i = 0; i < bb_mqtt_discovery_count(); i++) {
        char *json = bb_mqtt_discovery(b->cfg, i, BB_VERSION, topic);
        if (!json) {
            bb_log(BB_LOG_ERROR, "out of memory for the discovery entries");
            return;
        }
        mosquitto_publish(b->mosq, NULL, topic, (int)strlen(json), json, QOS_STATE, true);
        free(json);
    }
}

static void try_connect(bridge *b, uint64_t now)
{
    int rc = b->ever_connected ? mosquitto_reconnect(b->mosq)
                               : mosquitto_connect(b->mosq, b->cfg->host, b->cfg->port,
                                                   b->cfg->keepalive_s);
    if (rc == MOSQ_ERR_SUCCESS) {
        b->ever_connected = true;
        b->connected = true;   /* TCP is up; on_connect confirms the session */
        return;
    }
    bb_log_once(BB_LOG_WARNING, "cannot reach the broker %s:%d: %s; retrying with a growing pause",
                b->cfg->host, b->cfg->port,
                rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
    b->next_try_ms = now + b->backoff_ms;
    b->backoff_ms = b->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : b->backoff_ms * 2;
}

static void on_connect(struct mosquitto *m, void *ud, int rc)
{
    bridge *b = ud;
    char topics[BB_MQTT_MAX_CMD_TOPICS][BB_MQTT_TOPIC_MAX];
    if (rc != 0) {
        bb_log(BB_LOG_ERROR, "the broker refused the connection: %s",
               mosquitto_connack_string(rc));
        b->connected = false;
        b->next_try_ms = now_ms() + b->backoff_ms;
        b->backoff_ms = b->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : b->backoff_ms * 2;
        mosquitto_disconnect(m);
        return;
    }
    bb_log(BB_LOG_INFO, "connected to the broker %s:%d", b->cfg->host, b->cfg->port);
    bb_log_reset_once();
    b->backoff_ms = BACKOFF_FIRST_MS;
    publish_discovery(b);
    int n = bb_mqtt_cmd_topics(b->cfg, topics);
    for (int i = 0; i < n; i++)
        mosquitto_subscribe(m, NULL, topics[i], QOS_STATE);
    /* State and availability again: the broker may have lost them. */
    b->republish = true;
    b->next_status_ms = 0;
    if (b->cfg->screenshot_interval_s)
        b->shot_wanted = true;
}

static void on_disconnect(struct mosquitto *m, void *ud, int rc)
{
    bridge *b = ud;
    (void)m;
    if (!b->connected)
        return;
    b->connected = false;
    b->published_up = -1;
    b->next_try_ms = now_ms() + b->backoff_ms;
    if (rc != 0)
        bb_log(BB_LOG_WARNING, "lost the broker (%s); reconnecting", mosquitto_strerror(rc));
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
    bridge *b = ud;
    static char line[BB_CTL_MAX_LINE];
    static char reply[REPLY_MAX];
    char err[BB_CTL_ERROR_MAX];
    uint64_t now = now_ms();
    (void)m;

    if (!bb_ctl_rate_take(&b->rate, now)) {
        b->refused++;
        log_bad(b, now, "commands arrive faster than %d a second; dropped",
                b->cfg->commands_per_second);
        return;
    }
    switch (bb_mqtt_command(msg->payload, msg->payloadlen > 0 ? (size_t)msg->payloadlen : 0,
                            line, err)) {
    case BB_MQTT_REFUSE:
        b->refused++;
        log_bad(b, now, "refused a command on %s: %s", msg->topic, err);
        return;
    case BB_MQTT_SCREENSHOT:
        if (b->last_shot_ms && now - b->last_shot_ms < (uint64_t)b->cfg->screenshot_min_interval_s * 1000) {
            log_bad(b, now, "screenshot asked again within %d s; dropped",
                    b->cfg->screenshot_min_interval_s);
            return;
        }
        b->shot_wanted = true;
        return;
    case BB_MQTT_STATUS:
        b->republish = true;
        b->next_status_ms = 0;
        return;
    case BB_MQTT_FORWARD:
        break;
    }
    int rc = display_request(b, line, reply, sizeof reply);
    b->forwarded++;
    if (rc < 0)
        bb_log_once(BB_LOG_WARNING, "the display does not answer at %s", b->cfg->control);
    else if (rc > 0)
        log_bad(b, now, "the display refused '%.40s' from %s: %s", line, msg->topic, reply);
    else
        bb_log(BB_LOG_INFO, "%s: %.60s", msg->topic, line);
    b->next_status_ms = 0;   /* show its effect at once */
}

/* ---- small things ---- */

static void log_bad(bridge *b, uint64_t now, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (b->bad_logged_ms && now - b->bad_logged_ms < BAD_LOG_INTERVAL_MS) {
        b->bad_suppressed++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (b->bad_suppressed)
        bb_log(BB_LOG_WARNING, "%s (and %d more bad commands not logged)", msg, b->bad_suppressed);
    else
        bb_log(BB_LOG_WARNING, "%s", msg);
    b->bad_suppressed = 0;
    b->bad_logged_ms = now ? now : 1;
}

static char *read_password(const char *path)
{
    char buf[PASSWORD_MAX + 1];
    size_t len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: error: cannot read the password file: %s\n", path,
                fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    for (;;) {
        ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof buf - 1)
            break;
    }
    close(fd);
    if (len == PASSWORD_MAX) {
        fprintf(stderr, "%s: error: longer than %d bytes\n", path, PASSWORD_MAX - 1);
        return NULL;
    }
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        len--;
    buf[len] = '\0';
    char *p = strdup(buf);
    memset(buf, 0, sizeof buf);
    return p;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void on_signal(int sig)
{
    (void)sig;
    quit_signal = 1;
}

static int usage(FILE *out, int rc)
{
    fputs("Usage: " PROGRAM " [--config FILE] [--check]\n"
          "Bridge a briefboard display's control socket to an MQTT broker, with Home\n"
          "Assistant discovery.\n"
          "\n"
          "  --config FILE  settings (default " DEFAULT_CONFIG ")\n"
          "  --check        validate the settings and the password file, then exit\n"
          "Exit status: 0 ok, 1 bad settings, 2 usage or environment failure\n",
          out);
    return rc;
}
