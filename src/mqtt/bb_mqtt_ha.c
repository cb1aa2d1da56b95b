/*
 * bb_mqtt_ha: topics, discovery entries and command rules (bb_mqtt_ha.h).
 */
#include "bb_mqtt_ha.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "bb_ctl.h"

/* One Home Assistant entity of a screen.  A field that is NULL is left out;
 * *_leaf names a topic under P/ID/. */
typedef struct ha_entity {
    const char *component;
    const char *object;
    const char *name;
    const char *icon;
    const char *state_leaf;
    const char *value_template;
    const char *command_leaf;
    const char *payload_press;       /* buttons */
    const char *payload_on, *payload_off, *state_on, *state_off;  /* the switch */
    const char *command_template;    /* the text entity */
    const char *image_leaf;          /* the image entity */
    const char *entity_category;
} ha_entity;

/* A new entity is one row here. */
static const ha_entity ha_entities[] = {
    {"sensor", "slide", "Slide", "mdi:presentation", "state",
     "{{ value_json.slide }}/{{ value_json.slides }} {{ value_json.slide_type }}",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"sensor", "config", "Config", "mdi:file-check", "state",
     "{{ value_json.config_state }}{% if value_json.config_error %}: {{ value_json.config_error }}{% endif %}",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "diagnostic"},
    {"sensor", "screen", "Screen", "mdi:monitor", "state", "{{ value_json.screen }}",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"text", "override", "Override message", "mdi:alert", "state",
     "{{ value_json.override_text if value_json.override_source == 'control' else '' }}", "cmd",
     NULL, NULL, NULL, NULL, NULL,
     "{% if value %}override {{ value }}{% else %}override clear{% endif %}", NULL, NULL},
    {"button", "next", "Next slide", "mdi:skip-next", NULL, NULL, "cmd", "next",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"button", "prev", "Previous slide", "mdi:skip-previous", NULL, NULL, "cmd", "prev",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"button", "reload", "Reload config", "mdi:reload", NULL, NULL, "cmd", "reload",
     NULL, NULL, NULL, NULL, NULL, NULL, "config"},
    {"switch", "power", "Power", "mdi:power", "state", "{{ value_json.power }}", "cmd", NULL,
     "power on", "power off", "on", "off", NULL, NULL, NULL},
    {"image", "screenshot", "Screenshot", "mdi:monitor-screenshot", NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, "screenshot", NULL},
};

/* The state key's fields: what a dashboard shows. */
static const char *const key_fields[] = {
    "config_state", "config_error", "slide", "slides", "slide_type", "paused", "clock_synced",
    "override", "override_text", "screen", "power", "schedule_updated", "reloads",
};

static void add_str(json_object *o, const char *key, const char *val);

void bb_mqtt_topic(const bb_mqtt_config *cfg, const char *leaf, char *out)
{
    snprintf(out, BB_MQTT_TOPIC_MAX, "%s/%s/%s", cfg->topic_prefix, cfg->screen_id, leaf);
}

int bb_mqtt_cmd_topics(const bb_mqtt_config *cfg, char topics[][BB_MQTT_TOPIC_MAX])
{
    int n = 0;
    bb_mqtt_topic(cfg, "cmd", topics[n++]);
    for (int i = 0; i < cfg->n_groups; i++)
        snprintf(topics[n++], BB_MQTT_TOPIC_MAX, "%s/group/%s/cmd", cfg->topic_prefix,
                 cfg->groups[i]);
    snprintf(topics[n++], BB_MQTT_TOPIC_MAX, "%s/all/cmd", cfg->topic_prefix);
    return n;
}

int bb_mqtt_discovery_count(void)
{
    return (int)(sizeof ha_entities / sizeof ha_entities[0]);
}

char *bb_mqtt_discovery(const bb_mqtt_config *cfg, int i, const char *version, char *topic)
{
    const ha_entity *e = &ha_entities[i];
    char t[BB_MQTT_TOPIC_MAX], id[BB_MQTT_TOPIC_MAX];
    char *out = NULL;
    json_object *o = json_object_new_object(), *dev = json_object_new_object();
    json_object *ids = json_object_new_array();

    snprintf(topic, BB_MQTT_TOPIC_MAX, "%s/%s/briefboard_%s/%s/config", cfg->discovery_prefix,
             e->component, cfg->screen_id, e->object);
    if (!o || !dev || !ids)
        goto done;
    snprintf(id, sizeof id, "briefboard_%s_%s", cfg->screen_id, e->object);
    add_str(o, "name", e->name);
    add_str(o, "unique_id", id);
    add_str(o, "object_id", id);
    add_str(o, "icon", e->icon);
    bb_mqtt_topic(cfg, "availability", t);
    add_str(o, "availability_topic", t);
    add_str(o, "payload_available", "online");
    add_str(o, "payload_not_available", "offline");
    if (e->state_leaf) {
        bb_mqtt_topic(cfg, e->state_leaf, t);
        add_str(o, "state_topic", t);
    }
    add_str(o, "value_template", e->value_template);
    if (e->command_leaf) {
        bb_mqtt_topic(cfg, e->command_leaf, t);
        add_str(o, "command_topic", t);
    }
    add_str(o, "payload_press", e->payload_press);
    add_str(o, "payload_on", e->payload_on);
    add_str(o, "payload_off", e->payload_off);
    add_str(o, "state_on", e->state_on);
    add_str(o, "state_off", e->state_off);
    add_str(o, "command_template", e->command_template);
    if (e->command_template)
        json_object_object_add(o, "max", json_object_new_int(255));   /* HA's text limit */
    if (e->image_leaf) {
        bb_mqtt_topic(cfg, e->image_leaf, t);
        add_str(o, "image_topic", t);
        add_str(o, "content_type", "image/png");
    }
    add_str(o, "entity_category", e->entity_category);
    snprintf(id, sizeof id, "briefboard_%s", cfg->screen_id);
    json_object_array_add(ids, json_object_new_string(id));
    json_object_object_add(dev, "identifiers", ids);
    ids = NULL;
    add_str(dev, "name", cfg->screen_name);
    add_str(dev, "manufacturer", "briefboard");
    add_str(dev, "model", "briefboard display");
    add_str(dev, "sw_version", version);
    json_object_object_add(o, "device", dev);
    dev = NULL;
    out = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));

done:
    json_object_put(ids);
    json_object_put(dev);
    json_object_put(o);
    return out;
}

bb_mqtt_action bb_mqtt_command(const void *payload, size_t len, char *line, char *err)
{
    static bb_ctl_request req;
    const char *p = payload;
    err[0] = '\0';
    if (len >= BB_CTL_MAX_LINE) {
        snprintf(err, BB_CTL_ERROR_MAX, "payload of %zu bytes (at most %d)", len,
                 BB_CTL_MAX_LINE - 1);
        return BB_MQTT_REFUSE;
    }
    /* One trailing newline (mosquitto_pub -l, echo) is not an error. */
    if (len > 0 && p[len - 1] == '\n')
        len--;
    if (len > 0 && p[len - 1] == '\r')
        len--;
    if (len == 10 && memcmp(p, "screenshot", 10) == 0)
        return BB_MQTT_SCREENSHOT;
    if (bb_ctl_parse(p, len, &req, err) < 0)
        return BB_MQTT_REFUSE;
    switch (req.verb) {
    case BB_CTL_STATUS:
        return BB_MQTT_STATUS;
    case BB_CTL_SCREENSHOT:
        snprintf(err, BB_CTL_ERROR_MAX, "screenshot takes no path over MQTT");
        return BB_MQTT_REFUSE;
    default:
        memcpy(line, p, len);
        line[len] = '\0';
        return BB_MQTT_FORWARD;
    }
}

int bb_mqtt_state_key(const char *status, char *out, size_t cap)
{
    json_object *o = json_tokener_parse(status), *k = NULL;
    int rc = -1;
    if (!o || !json_object_is_type(o, json_type_object))
        goto done;
    k = json_object_new_object();
    if (!k)
        goto done;
    for (size_t i = 0; i < sizeof key_fields / sizeof key_fields[0]; i++) {
        json_object *v;
        if (json_object_object_get_ex(o, key_fields[i], &v))
            json_object_object_add(k, key_fields[i], json_object_get(v));
    }
    const char *s = json_object_to_json_string_ext(k, JSON_C_TO_STRING_PLAIN);
    if (strlen(s) < cap) {
        memcpy(out, s, strlen(s) + 1);
        rc = 0;
    }
done:
    json_object_put(k);
    json_object_put(o);
    return rc;
}

static void add_str(json_object *o, const char *key, const char *val)
{
    if (val)
        json_object_object_add(o, key, json_object_new_string(val));
}
