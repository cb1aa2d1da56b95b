/*
 * bb_panel: DPMS on the DRM connector and HDMI-CEC for the TV.
 */
#include "bb_panel.h"

#include <SDL_syswm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include "bb_cec.h"
#include "bb_log.h"

#define ERR_BYTES 160

struct bb_panel {
    int drm_fd;            /* SDL's, borrowed; -1 when not on KMS/DRM */
    uint32_t connector;    /* 0: none */
    uint32_t dpms_prop;    /* 0: no DPMS property */
    char name[32];
    bb_cec *cec;           /* NULL: no CEC */
    bool on;               /* the last state set */
};

static void panel_find_connector(bb_panel *p);
static void panel_connector_name(const drmModeConnector *c, char *out, size_t cap);
static uint32_t panel_find_prop(int fd, uint32_t connector, const char *name);
static bool panel_prop_value(int fd, uint32_t connector, uint32_t prop, uint64_t *value);

bb_panel *bb_panel_create(SDL_Window *window, const bb_panel_params *params)
{
    bb_panel *p = calloc(1, sizeof *p);
    SDL_SysWMinfo info;
    if (!p)
        return NULL;
    p->drm_fd = -1;
    p->on = true;
    SDL_VERSION(&info.version);
    if (window && SDL_GetWindowWMInfo(window, &info) && info.subsystem == SDL_SYSWM_KMSDRM) {
        p->drm_fd = info.info.kmsdrm.drm_fd;
        panel_find_connector(p);
    }
    if (params && params->cec) {
        char err[ERR_BYTES];
        const bb_cec_io *io = params->cec_io ? params->cec_io : bb_cec_io_system();
        p->cec = bb_cec_open(params->cec_device, io, err, sizeof err);
        if (!p->cec)
            bb_log(BB_LOG_WARNING, "display.cec: no HDMI-CEC (%s); the panel is switched by DPMS only",
                   err);
    }
    return p;
}

void bb_panel_destroy(bb_panel *p)
{
    if (!p)
        return;
    bb_cec_destroy(p->cec);
    free(p);
}

int bb_panel_set_power(bb_panel *p, bool on)
{
    char cec_err[ERR_BYTES] = "";
    const char *dpms = "no DPMS";
    const char *cec = p->cec ? "CEC ok" : "no CEC";
    bool any_ok = false, any_tried = false;

    /* On: the picture first, then wake the TV, so it wakes to a picture. */
    if (p->dpms_prop) {
        any_tried = true;
        if (drmModeConnectorSetProperty(p->drm_fd, p->connector, p->dpms_prop,
                                        on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) == 0) {
            dpms = on ? "DPMS on" : "DPMS off";
            any_ok = true;
        } else {
            dpms = "DPMS failed";
        }
    }
    if (p->cec) {
        any_tried = true;
        if (bb_cec_set_power(p->cec, on, cec_err, sizeof cec_err) == 0)
            any_ok = true;
        else
            cec = "CEC failed";
    }
    p->on = on;
    bb_log(any_tried && !any_ok ? BB_LOG_WARNING : BB_LOG_INFO, "panel %s%s%s: %s, %s%s%s",
           on ? "on" : "off", p->name[0] ? " on " : "", p->name, dpms, cec,
           cec_err[0] ? ": " : "", cec_err);
    return any_tried && !any_ok ? -1 : 0;
}

bool bb_panel_power(const bb_panel *p)
{
    uint64_t value;
    if (p->dpms_prop && panel_prop_value(p->drm_fd, p->connector, p->dpms_prop, &value))
        return value == DRM_MODE_DPMS_ON;
    return p->on;
}

int bb_panel_probe(bb_panel *p, bb_panel_output *out)
{
    drmModeConnector *c;
    memset(out, 0, sizeof *out);
    if (p->drm_fd < 0)
        return -1;
    if (!p->connector)
        panel_find_connector(p);
    if (!p->connector)
        return -1;
    /* A full probe (not drmModeGetConnectorCurrent): the modes of what
     * came back are what matter. */
    c = drmModeGetConnector(p->drm_fd, p->connector);
    if (!c)
        return -1;
    out->known = true;
    out->connected = c->connection == DRM_MODE_CONNECTED;
    snprintf(out->name, sizeof out->name, "%s", p->name);
    for (int i = 0; out->connected && i < c->count_modes; i++) {
        if (i == 0 || (c->modes[i].type & DRM_MODE_TYPE_PREFERRED)) {
            out->width = c->modes[i].hdisplay;
            out->height = c->modes[i].vdisplay;
            out->refresh_hz = (int)c->modes[i].vrefresh;
        }
        if (c->modes[i].type & DRM_MODE_TYPE_PREFERRED)
            break;
    }
    drmModeFreeConnector(c);
    return 0;
}

/* ---- static ---- */

/* The connector SDL lit: the one with an encoder (SDL's kmsdrm takes the
 * first connected connector and gives it a CRTC), else the first connected. */
static void panel_find_connector(bb_panel *p)
{
    drmModeRes *res = drmModeGetResources(p->drm_fd);
    uint32_t fallback = 0;
    char fallback_name[32] = "";
    if (!res)
        return;
    for (int i = 0; i < res->count_connectors && !p->connector; i++) {
        drmModeConnector *c = drmModeGetConnectorCurrent(p->drm_fd, res->connectors[i]);
        if (!c)
            continue;
        if (c->encoder_id) {
            p->connector = c->connector_id;
            panel_connector_name(c, p->name, sizeof p->name);
        } else if (!fallback && c->connection == DRM_MODE_CONNECTED) {
            fallback = c->connector_id;
            panel_connector_name(c, fallback_name, sizeof fallback_name);
        }
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    if (!p->connector && fallback) {
        p->connector = fallback;
        snprintf(p->name, sizeof p->name, "%s", fallback_name);
    }
    if (p->connector)
        p->dpms_prop = panel_find_prop(p->drm_fd, p->connector, "DPMS");
    bb_log(BB_LOG_DEBUG, "panel: connector %s (id %u), %s", p->name[0] ? p->name : "none",
           p->connector, p->dpms_prop ? "DPMS" : "no DPMS");
}

static void panel_connector_name(const drmModeConnector *c, char *out, size_t cap)
{
    const char *type = drmModeGetConnectorTypeName(c->connector_type);
    snprintf(out, cap, "%s-%u", type ? type : "Unknown", c->connector_type_id);
}

/* The id of the connector's property `name`, or 0.  Each property is
 * fetched to read its name: done once, when the connector is found. */
static uint32_t panel_find_prop(int fd, uint32_t connector, const char *name)
{
    uint32_t id = 0;
    drmModeObjectProperties *props = drmModeObjectGetProperties(fd, connector,
                                                                DRM_MODE_OBJECT_CONNECTOR);
    if (!props)
        return 0;
    for (uint32_t i = 0; i < props->count_props && !id; i++) {
        drmModePropertyRes *prop = drmModeGetProperty(fd, props->props[i]);
        if (!prop)
            continue;
        if (strcmp(prop->name, name) == 0)
            id = prop->prop_id;
        drmModeFreeProperty(prop);
    }
    drmModeFreeObjectProperties(props);
    return id;
}

/* The value of the connector's property prop (an id panel_find_prop
 * found): one look at the connector's values, not a fetch of every
 * property by name -- the loop asks at every wake-up.  False when the
 * connector no longer has it. */
static bool panel_prop_value(int fd, uint32_t connector, uint32_t prop, uint64_t *value)
{
    bool found = false;
    drmModeObjectProperties *props = drmModeObjectGetProperties(fd, connector,
                                                                DRM_MODE_OBJECT_CONNECTOR);
    if (!props)
        return false;
    for (uint32_t i = 0; i < props->count_props && !found; i++) {
        if (props->props[i] == prop) {
            *value = props->prop_values[i];
            found = true;
        }
    }
    drmModeFreeObjectProperties(props);
    return found;
}
