/*
 * bb_mqtt_ha: the bridge's topics, its Home Assistant discovery entries and
 * the rules for commands that arrive over MQTT -- pure functions (no
 * broker, no socket), unit-tested.
 *
 * Topics, with P = topic_prefix and ID = screen.id:
 *   P/ID/availability      "online" / "offline" (retained; the last will)
 *   P/ID/state             the display's `status` JSON (retained)
 *   P/ID/screenshot        the frame on screen, PNG bytes (retained)
 *   P/ID/cmd               commands for this screen
 *   P/group/GROUP/cmd      commands for every screen in GROUP
 *   P/all/cmd              commands for every screen
 * A command is one line of the control protocol (bb_ctl.h), e.g.
 * "override Evacuate by the north stairs", "next", "power off", plus
 * "screenshot" (publish one now) and "status" (publish the state now).
 * Discovery: D/<component>/briefboard_ID/<object>/config (D =
 * discovery_prefix), one device per screen.
 */
#ifndef BB_MQTT_HA_H
#define BB_MQTT_HA_H

#include <stddef.h>

#include "bb_mqtt_config.h"

/* Room for any topic the bridge makes, bytes. */
#define BB_MQTT_TOPIC_MAX 256
/* Command topics: the screen's, its groups', all. */
#define BB_MQTT_MAX_CMD_TOPICS (BB_MQTT_MAX_GROUPS + 2)

/* P/ID/leaf into out (BB_MQTT_TOPIC_MAX). */
void bb_mqtt_topic(const bb_mqtt_config *cfg, const char *leaf, char *out);

/* The command topics to subscribe to, into topics; returns how many. */
int bb_mqtt_cmd_topics(const bb_mqtt_config *cfg, char topics[][BB_MQTT_TOPIC_MAX]);

/* How many discovery entries a screen has. */
int bb_mqtt_discovery_count(void);

/*
 * Discovery entry i (0..count-1): its topic into topic (BB_MQTT_TOPIC_MAX)
 * and its JSON payload, which the caller frees.  Returns NULL when out of
 * memory.
 */
char *bb_mqtt_discovery(const bb_mqtt_config *cfg, int i, const char *version, char *topic);

/* What a command from MQTT asks the bridge to do. */
typedef enum bb_mqtt_action {
    BB_MQTT_REFUSE = -1,     /* bad: log it, nothing else */
    BB_MQTT_FORWARD,         /* send the line to the display */
    BB_MQTT_SCREENSHOT,      /* take and publish a screenshot */
    BB_MQTT_STATUS           /* publish the state now */
} bb_mqtt_action;

/*
 * Judge an MQTT command payload of len bytes (not NUL-terminated; may be
 * anything).  For BB_MQTT_FORWARD the protocol line (no newline) is in line
 * (BB_CTL_MAX_LINE bytes).  Refused: oversized, not UTF-8, not a command of
 * the protocol, or one the broker may not give (`screenshot PATH`: a path
 * on this machine).  err (BB_CTL_ERROR_MAX bytes) says why.
 */
bb_mqtt_action bb_mqtt_command(const void *payload, size_t len, char *line, char *err);

/*
 * The part of a status JSON that a dashboard shows (slide, config state,
 * override, screen, power, ...), without counters and clocks, into out
 * (cap bytes): the bridge republishes the state when this changes.
 * Returns 0, or -1 when status is not a JSON object.
 */
int bb_mqtt_state_key(const char *status, char *out, size_t cap);

#endif
