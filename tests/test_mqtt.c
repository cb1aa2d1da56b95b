/*
 * test_mqtt: the MQTT bridge's pure parts -- its settings (each mistake with
 * the exact line and message), topics, Home Assistant discovery entries,
 * the rules for commands from the broker, and the state key.
 */
#include <json-c/json.h>
#include <string.h>

#include "bb_ctl.h"
#include "bb_mqtt_config.h"
#include "bb_mqtt_ha.h"
#include "bb_test.h"

typedef struct bad_case {
    const char *text;
    const char *error;
} bad_case;

static const bad_case bad_cases[] = {
    {"screen = { id = \"a\"; };", "t.cfg:1: error: broker.host is missing: the MQTT broker to connect to"},
    {"broker = { host = \"h\";\n port = 0; };", "t.cfg:2: error: broker.port must be a whole number from 1 to 65535"},
    {"broker = { host = \"h\"; port = \"1883\"; };", "t.cfg:1: error: broker.port must be a whole number from 1 to 65535"},
    {"broker = { host = 5; };", "t.cfg:1: error: broker.host must be a string"},
    {"broker = { host = \"h\"; };\nscreen = { id = \"lobby/1\"; };", "t.cfg:2: error: screen.id: 1-64 letters, digits, '-' or '_'"},
    {"broker = { host = \"h\"; };\nscreen = { id = \"a\";\n groups = [\"lobby\", \"#\"]; };", "t.cfg:3: error: screen.groups: a group name is 1-64 letters, digits, '-' or '_'"},
    {"broker = { host = \"h\"; };\nscreen = { id = \"a\"; groups = \"lobby\"; };", "t.cfg:2: error: screen.groups must be a list of names: [\"lobby\", \"building-h\"]"},
    {"broker = { host = \"h\";\n cert_file = \"c.pem\"; };", "t.cfg:2: error: broker: a client certificate needs both cert_file and key_file"},
    {"broker = { host = \"h\"; cert_file = \"c\";\n key_file = \"k\"; };", "t.cfg:1: error: broker: a client certificate needs TLS: set ca_file or ca_path"},
    {"broker = { host = \"h\"; };\nscreenshot_file = \"shot.png\";", "t.cfg:2: error: screenshot_file must be an absolute path (the display writes it)"},
    {"broker = { host = \"h\"; };\nstatus_interval = 0;", "t.cfg:2: error: status_interval must be a whole number from 1 to 3600"},
    {"broker = { host = \"h\" ", "t.cfg:1: error: syntax error"},
    {"broker = { host = \"h\"; };\ntopic_prefix = \"a/b\";", "t.cfg:2: error: topic_prefix: 1-64 letters, digits, '-' or '_'"},
};

static void test_config(void)
{
    char err[BB_MQTT_ERROR_MAX];
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        bb_mqtt_config *c = bb_mqtt_config_parse(bad_cases[i].text, "t.cfg", err);
        CHECK(c == NULL);
        CHECK_STR(err, bad_cases[i].error);
        bb_mqtt_config_free(c);
    }
    bb_mqtt_config *c = bb_mqtt_config_parse(
        "broker = { host = \"mqtt.example.org\"; ca_file = \"/etc/ssl/ca.pem\";\n"
        "  username = \"lobby-1\"; password_file = \"/etc/briefboard/mqtt.password\"; };\n"
        "screen = { id = \"lobby-1\"; groups = [\"lobby\", \"building-h\"]; };\n",
        "t.cfg", err);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(c->port, 8883);   /* TLS: the TLS port by default */
    CHECK_STR(c->screen_name, "lobby-1");
    CHECK_INT(c->n_groups, 2);
    CHECK_STR(c->topic_prefix, "briefboard");
    CHECK_STR(c->control, "/run/briefboard/control");
    CHECK_INT(c->screenshot_interval_s, 300);

    char topics[BB_MQTT_MAX_CMD_TOPICS][BB_MQTT_TOPIC_MAX];
    CHECK_INT(bb_mqtt_cmd_topics(c, topics), 4);
    CHECK_STR(topics[0], "briefboard/lobby-1/cmd");
    CHECK_STR(topics[1], "briefboard/group/lobby/cmd");
    CHECK_STR(topics[2], "briefboard/group/building-h/cmd");
    CHECK_STR(topics[3], "briefboard/all/cmd");

    /* Every discovery entry is JSON with the device, availability and a
     * unique id; the kinds the issue asks for are all there. */
    const char *want[] = {"sensor/briefboard_lobby-1/slide", "sensor/briefboard_lobby-1/config",
                          "text/briefboard_lobby-1/override", "button/briefboard_lobby-1/next",
                          "button/briefboard_lobby-1/prev", "button/briefboard_lobby-1/reload",
                          "switch/briefboard_lobby-1/power", "image/briefboard_lobby-1/screenshot"};
    int found = 0;
    for (int i = 0; i < bb_mqtt_discovery_count(); i++) {
        char topic[BB_MQTT_TOPIC_MAX];
        char *json = bb_mqtt_discovery(c, i, "9.9", topic);
        json_object *o = json ? json_tokener_parse(json) : NULL, *v, *dev;
        CHECK(o != NULL);
        CHECK(strncmp(topic, "homeassistant/", 14) == 0);
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
            if (strstr(topic, want[k]))
                found++;
        CHECK(json_object_object_get_ex(o, "availability_topic", &v) &&
              strcmp(json_object_get_string(v), "briefboard/lobby-1/availability") == 0);
        CHECK(json_object_object_get_ex(o, "unique_id", &v));
        CHECK(json_object_object_get_ex(o, "device", &dev) &&
              json_object_object_get_ex(dev, "identifiers", &v));
        if (strstr(topic, "/power/")) {
            CHECK(json_object_object_get_ex(o, "command_topic", &v) &&
                  strcmp(json_object_get_string(v), "briefboard/lobby-1/cmd") == 0);
            CHECK(json_object_object_get_ex(o, "payload_off", &v) &&
                  strcmp(json_object_get_string(v), "power off") == 0);
        }
        if (strstr(topic, "/screenshot/"))
            CHECK(json_object_object_get_ex(o, "image_topic", &v) &&
                  strcmp(json_object_get_string(v), "briefboard/lobby-1/screenshot") == 0);
        json_object_put(o);
        free(json);
    }
    CHECK_INT(found, (int)(sizeof want / sizeof want[0]));
    bb_mqtt_config_free(c);
}

typedef struct cmd_case {
    const char *payload;
    size_t len;                 /* 0: strlen */
    bb_mqtt_action action;
    const char *line_or_error;
} cmd_case;

static const cmd_case cmd_cases[] = {
    {"next", 0, BB_MQTT_FORWARD, "next"},
    {"override Evacuate now\n", 0, BB_MQTT_FORWARD, "override Evacuate now"},
    {"power off\r\n", 0, BB_MQTT_FORWARD, "power off"},
    {"screenshot", 0, BB_MQTT_SCREENSHOT, ""},
    {"status", 0, BB_MQTT_STATUS, ""},
    {"screenshot /etc/x.png", 0, BB_MQTT_REFUSE, "screenshot takes no path over MQTT"},
    {"rm -rf /", 0, BB_MQTT_REFUSE, "unknown command 'rm'"},
    {"\xff\xfe", 0, BB_MQTT_REFUSE, "not UTF-8"},
    {"", 0, BB_MQTT_REFUSE, "empty request"},
    {"next\nprev", 0, BB_MQTT_REFUSE, "control character 0x0A in the request"},
    {"next\0", 5, BB_MQTT_REFUSE, "not UTF-8"},
};

static void test_commands(void)
{
    static char line[BB_CTL_MAX_LINE];
    char err[BB_CTL_ERROR_MAX];
    for (size_t i = 0; i < sizeof cmd_cases / sizeof cmd_cases[0]; i++) {
        const cmd_case *c = &cmd_cases[i];
        size_t len = c->len ? c->len : strlen(c->payload);
        bb_mqtt_action a = bb_mqtt_command(c->payload, len, line, err);
        CHECK_INT(a, c->action);
        if (a == BB_MQTT_FORWARD)
            CHECK_STR(line, c->line_or_error);
        else if (a == BB_MQTT_REFUSE)
            CHECK_STR(err, c->line_or_error);
    }
    static char big[BB_CTL_MAX_LINE + 10];
    memset(big, 'a', sizeof big);
    CHECK_INT(bb_mqtt_command(big, sizeof big, line, err), BB_MQTT_REFUSE);
    CHECK_CONTAINS(err, "payload of");
    CHECK_INT(bb_mqtt_command(NULL, 0, line, err), BB_MQTT_REFUSE);
}

static void test_state_key(void)
{
    char a[512], b[512];
    CHECK_INT(bb_mqtt_state_key("{\"slide\":2,\"uptime_s\":5,\"frames\":9,\"power\":\"on\"}", a,
                                sizeof a), 0);
    CHECK_INT(bb_mqtt_state_key("{\"slide\":2,\"uptime_s\":6,\"frames\":12,\"power\":\"on\"}", b,
                                sizeof b), 0);
    CHECK_STR(a, b);   /* counters and clocks do not count */
    CHECK_INT(bb_mqtt_state_key("{\"slide\":3,\"uptime_s\":6,\"power\":\"on\"}", b, sizeof b), 0);
    CHECK(strcmp(a, b) != 0);
    CHECK_INT(bb_mqtt_state_key("error busy", a, sizeof a), -1);
    CHECK_INT(bb_mqtt_state_key("[1,2]", a, sizeof a), -1);
    CHECK(bb_mqtt_name_valid("building-h_2"));
    CHECK(!bb_mqtt_name_valid("+"));
    CHECK(!bb_mqtt_name_valid(""));
}

int main(void)
{
    test_config();
    test_commands();
    test_state_key();
    return bb_test_finish("test_mqtt");
}
