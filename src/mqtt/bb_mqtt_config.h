/*
 * bb_mqtt_config: briefboard-mqtt's own settings (/etc/briefboard/mqtt.cfg,
 * libconfig), separate from the display's config: the display never sees
 * the broker, its address or its credentials.
 *
 *   broker = { host = "mqtt.example.org"; port = 8883;
 *              username = "screen-lobby-1"; password_file = "/etc/briefboard/mqtt.password";
 *              ca_file = "/etc/ssl/certs/ca-certificates.crt";
 *              cert_file = "..."; key_file = "...";      # optional client certificate
 *              keepalive = 30; };
 *   screen = { id = "lobby-1"; name = "Lobby, left"; groups = ["lobby", "building-h"]; };
 *   topic_prefix = "briefboard";  discovery_prefix = "homeassistant";
 *   control = "/run/briefboard/control";
 *   status_interval = 5;           # s between status polls of the display
 *   screenshot_interval = 300;     # s between published screenshots; 0: on request only
 *   screenshot_min_interval = 10;  # s: requests closer than this are dropped
 *   screenshot_file = "/run/briefboard/mqtt-screenshot.png";
 *   commands_per_second = 5;       # commands forwarded to the display, burst twice that
 *
 * Defaults first, then the file's values, each range-checked; every mistake
 * is reported as "FILE:LINE: error: ...".
 */
#ifndef BB_MQTT_CONFIG_H
#define BB_MQTT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define BB_MQTT_MAX_GROUPS 16
/* Names that go into topics: letters, digits, '-' and '_' only (no MQTT
 * wildcards or levels), at most this many bytes. */
#define BB_MQTT_MAX_NAME 64
#define BB_MQTT_ERROR_MAX 512

typedef struct bb_mqtt_config {
    char *host;
    int port;                 /* default 1883, or 8883 with a CA */
    char *username;           /* NULL: anonymous */
    char *password_file;      /* NULL: none */
    char *ca_file, *ca_path;  /* either: TLS on */
    char *cert_file, *key_file;
    int keepalive_s;

    char *screen_id;          /* default: the host name */
    char *screen_name;        /* default: the id */
    char *groups[BB_MQTT_MAX_GROUPS];
    int n_groups;

    char *topic_prefix;
    char *discovery_prefix;
    char *control;            /* the display's control socket */
    int status_interval_s;
    int screenshot_interval_s;
    int screenshot_min_interval_s;
    char *screenshot_file;
    int commands_per_second;
} bb_mqtt_config;

/*
 * Parse the settings from text (file names the source in messages).
 * Returns a config the caller frees with bb_mqtt_config_free, or NULL with
 * "FILE:LINE: error: ..." in err (BB_MQTT_ERROR_MAX bytes).
 */
bb_mqtt_config *bb_mqtt_config_parse(const char *text, const char *file, char *err);

/* Read and parse the file at path (bounded size); as bb_mqtt_config_parse. */
bb_mqtt_config *bb_mqtt_config_load(const char *path, char *err);

/* NULL is a no-op. */
void bb_mqtt_config_free(bb_mqtt_config *cfg);

/* Is s a usable topic name (1..BB_MQTT_MAX_NAME of [A-Za-z0-9_-])? */
bool bb_mqtt_name_valid(const char *s);

#endif
