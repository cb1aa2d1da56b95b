/*
 * bb_mqtt_config: the bridge's settings (see bb_mqtt_config.h).
 */
#include "bb_mqtt_config.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The settings file is a few hundred bytes; refuse anything silly. */
#define MAX_FILE_BYTES (64 * 1024)
#define DEFAULT_PORT 1883
#define DEFAULT_TLS_PORT 8883
#define DEFAULT_KEEPALIVE_S 30
#define DEFAULT_STATUS_S 5
#define DEFAULT_SHOT_S 300
#define DEFAULT_SHOT_MIN_S 10
#define DEFAULT_RATE 5
#define HOST_MAX 256

typedef struct str_setting {
    const char *path;        /* libconfig path */
    size_t offset;           /* of the char * in bb_mqtt_config */
} str_setting;

typedef struct int_setting {
    const char *path;
    size_t offset;
    int min, max;
} int_setting;

static void fail_at(char *err, const char *file, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static const str_setting str_settings[] = {
    {"broker.host", offsetof(bb_mqtt_config, host)},
    {"broker.username", offsetof(bb_mqtt_config, username)},
    {"broker.password_file", offsetof(bb_mqtt_config, password_file)},
    {"broker.ca_file", offsetof(bb_mqtt_config, ca_file)},
    {"broker.ca_path", offsetof(bb_mqtt_config, ca_path)},
    {"broker.cert_file", offsetof(bb_mqtt_config, cert_file)},
    {"broker.key_file", offsetof(bb_mqtt_config, key_file)},
    {"screen.id", offsetof(bb_mqtt_config, screen_id)},
    {"screen.name", offsetof(bb_mqtt_config, screen_name)},
    {"topic_prefix", offsetof(bb_mqtt_config, topic_prefix)},
    {"discovery_prefix", offsetof(bb_mqtt_config, discovery_prefix)},
    {"control", offsetof(bb_mqtt_config, control)},
    {"screenshot_file", offsetof(bb_mqtt_config, screenshot_file)},
};

static const int_setting int_settings[] = {
    {"broker.port", offsetof(bb_mqtt_config, port), 1, 65535},
    {"broker.keepalive", offsetof(bb_mqtt_config, keepalive_s), 5, 3600},
    {"status_interval", offsetof(bb_mqtt_config, status_interval_s), 1, 3600},
    {"screenshot_interval", offsetof(bb_mqtt_config, screenshot_interval_s), 0, 86400},
    {"screenshot_min_interval", offsetof(bb_mqtt_config, screenshot_min_interval_s), 1, 3600},
    {"commands_per_second", offsetof(bb_mqtt_config, commands_per_second), 1, 100},
};

bb_mqtt_config *bb_mqtt_config_parse(const char *text, const char *file, char *err)
{
    config_t lc;
    bb_mqtt_config *cfg = calloc(1, sizeof *cfg);
    const config_setting_t *s;
    bool ok = false;

    err[0] = '\0';
    config_init(&lc);
    if (!cfg) {
        snprintf(err, BB_MQTT_ERROR_MAX, "%s: error: out of memory", file);
        goto done;
    }
    if (config_read_string(&lc, text) != CONFIG_TRUE) {
        snprintf(err, BB_MQTT_ERROR_MAX, "%s:%d: error: %s", file, config_error_line(&lc),
                 config_error_text(&lc));
        goto done;
    }
    for (size_t i = 0; i < sizeof str_settings / sizeof str_settings[0]; i++) {
        const char *v;
        s = config_lookup(&lc, str_settings[i].path);
        if (!s)
            continue;
        if (!(v = config_setting_get_string(s))) {
            fail_at(err, file, s, "%s must be a string", str_settings[i].path);
            goto done;
        }
        char **dst = (char **)((char *)cfg + str_settings[i].offset);
        if (!(*dst = strdup(v)))
            goto done;
    }
    /* Defaults that depend on others. */
    cfg->port = cfg->ca_file || cfg->ca_path ? DEFAULT_TLS_PORT : DEFAULT_PORT;
    cfg->keepalive_s = DEFAULT_KEEPALIVE_S;
    cfg->status_interval_s = DEFAULT_STATUS_S;
    cfg->screenshot_interval_s = DEFAULT_SHOT_S;
    cfg->screenshot_min_interval_s = DEFAULT_SHOT_MIN_S;
    cfg->commands_per_second = DEFAULT_RATE;
    for (size_t i = 0; i < sizeof int_settings / sizeof int_settings[0]; i++) {
        const int_setting *is = &int_settings[i];
        s = config_lookup(&lc, is->path);
        if (!s)
            continue;
        int v = config_setting_get_int(s);
        if (config_setting_type(s) != CONFIG_TYPE_INT || v < is->min || v > is->max) {
            char what[96];
            snprintf(what, sizeof what, "%s must be a whole number from %d to %d", is->path,
                     is->min, is->max);
            fail_at(err, file, s, "%s", what);
            goto done;
        }
        *(int *)((char *)cfg + is->offset) = v;
    }
    s = config_lookup(&lc, "screen.groups");
    if (s) {
        int n = config_setting_length(s);
        if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
            fail_at(err, file, s, "%s must be a list of names: [\"lobby\", \"building-h\"]",
                    "screen.groups");
            goto done;
        }
        if (n > BB_MQTT_MAX_GROUPS) {
            fail_at(err, file, s, "%s: at most 16 groups", "screen.groups");
            goto done;
        }
        for (int i = 0; i < n; i++) {
            const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
            const char *v = config_setting_get_string(g);
            if (!v || !bb_mqtt_name_valid(v)) {
                fail_at(err, file, g, "%s: a group name is 1-64 letters, digits, '-' or '_'",
                        "screen.groups");
                goto done;
            }
            if (!(cfg->groups[cfg->n_groups++] = strdup(v)))
                goto done;
        }
    }
    if (!cfg->host) {
        snprintf(err, BB_MQTT_ERROR_MAX, "%s:1: error: broker.host is missing: the MQTT broker "
                 "to connect to", file);
        goto done;
    }
    if (strlen(cfg->host) >= HOST_MAX) {
        fail_at(err, file, config_lookup(&lc, "broker.host"), "%s is too long", "broker.host");
        goto done;
    }
    if (!cfg->cert_file != !cfg->key_file) {
        fail_at(err, file, config_lookup(&lc, cfg->cert_file ? "broker.cert_file" : "broker.key_file"),
                "%s: a client certificate needs both cert_file and key_file", "broker");
        goto done;
    }
    if (cfg->cert_file && !cfg->ca_file && !cfg->ca_path) {
        fail_at(err, file, config_lookup(&lc, "broker.cert_file"),
                "%s: a client certificate needs TLS: set ca_file or ca_path", "broker");
        goto done;
    }
    if (!cfg->screen_id) {
        char host[HOST_MAX] = "";
        gethostname(host, sizeof host - 1);
        /* A host name with dots (FQDN) keeps its first label. */
        host[strcspn(host, ".")] = '\0';
        if (!(cfg->screen_id = strdup(host)))
            goto done;
    }
    if (!bb_mqtt_name_valid(cfg->screen_id)) {
        s = config_lookup(&lc, "screen.id");
        if (s)
            fail_at(err, file, s, "%s: 1-64 letters, digits, '-' or '_'", "screen.id");
        else
            snprintf(err, BB_MQTT_ERROR_MAX, "%s:1: error: screen.id is not set and the host "
                     "name '%s' is not usable as one: set screen.id", file, cfg->screen_id);
        goto done;
    }
    const char *names[] = {"topic_prefix", "discovery_prefix"};
    char **vals[] = {&cfg->topic_prefix, &cfg->discovery_prefix};
    const char *defaults[] = {"briefboard", "homeassistant"};
    for (int i = 0; i < 2; i++) {
        if (*vals[i] && !bb_mqtt_name_valid(*vals[i])) {
            fail_at(err, file, config_lookup(&lc, names[i]),
                    "%s: 1-64 letters, digits, '-' or '_'", names[i]);
            goto done;
        }
        if (!*vals[i] && !(*vals[i] = strdup(defaults[i])))
            goto done;
    }
    if ((!cfg->screen_name && !(cfg->screen_name = strdup(cfg->screen_id))) ||
        (!cfg->control && !(cfg->control = strdup("/run/briefboard/control"))) ||
        (!cfg->screenshot_file &&
         !(cfg->screenshot_file = strdup("/run/briefboard/mqtt-screenshot.png"))))
        goto done;
    if (cfg->screenshot_file[0] != '/') {
        fail_at(err, file, config_lookup(&lc, "screenshot_file"),
                "%s must be an absolute path (the display writes it)", "screenshot_file");
        goto done;
    }
    ok = true;

done:
    if (!ok && !err[0])
        snprintf(err, BB_MQTT_ERROR_MAX, "%s: error: out of memory", file);
    config_destroy(&lc);
    if (!ok) {
        bb_mqtt_config_free(cfg);
        return NULL;
    }
    return cfg;
}

bb_mqtt_config *bb_mqtt_config_load(const char *path, char *err)
{
    static char text[MAX_FILE_BYTES + 1];
    size_t len = 0;
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(err, BB_MQTT_ERROR_MAX, "%s: error: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, BB_MQTT_ERROR_MAX, "%s: error: not a regular file", path);
        close(fd);
        return NULL;
    }
    for (;;) {
        ssize_t n = read(fd, text + len, sizeof text - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof text - 1) {
            snprintf(err, BB_MQTT_ERROR_MAX, "%s: error: larger than %d bytes", path,
                     MAX_FILE_BYTES);
            close(fd);
            return NULL;
        }
    }
    close(fd);
    text[len] = '\0';
    return bb_mqtt_config_parse(text, path, err);
}

void bb_mqtt_config_free(bb_mqtt_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < sizeof str_settings / sizeof str_settings[0]; i++)
        free(*(char **)((char *)cfg + str_settings[i].offset));
    for (int i = 0; i < cfg->n_groups; i++)
        free(cfg->groups[i]);
    free(cfg);
}

bool bb_mqtt_name_valid(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return n > 0 && n <= BB_MQTT_MAX_NAME;
}

/* ---- static ---- */

static void fail_at(char *err, const char *file, const config_setting_t *s, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, BB_MQTT_ERROR_MAX, "%s:%d: error: %s", file,
             s ? config_setting_source_line(s) : 1, msg);
}
