/*
 * bb_import_xml: the frab/pretalx schedule.xml, through libxml2.
 *
 *   <schedule>
 *     <conference><title>..</title><time_zone_name>Europe/Brussels</time_zone_name></conference>
 *     <day index="1" date="2025-03-28">
 *       <room name="Main Hall">
 *         <event guid=".." id="101">
 *           <date>2025-03-28T10:00:00+01:00</date><start>10:00</start><duration>00:45</duration>
 *           <room>Main Hall</room><title>..</title><track>..</track>
 *           <persons><person id="7">..</person></persons>
 *
 * Untrusted input: parsed through bb_xml (no network, no DTD, no entity
 * expansion, libxml2's depth and amplification limits, messages to the
 * diagnostics).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_import_readers.h"
#include "bb_xml.h"

/* Strings one event may hold while it is mapped: its fields and persons. */
#define POOL_MAX (16 + BB_IMPORT_MAX_PERSONS)

/* Strings made for one event, freed together. */
typedef struct text_pool {
    char *v[POOL_MAX];
    int n;
} text_pool;

static const char *keep(text_pool *pool, const xmlNode *first);
static const char *attr(text_pool *pool, const xmlNode *node, const char *name);
static const char *child_text(text_pool *pool, const xmlNode *node, const char *name);
static void pool_clear(text_pool *pool);
static int read_conference(bb_importer *im, const xmlNode *root, text_pool *pool,
                           bb_frab_conference *conf);
static int read_event(bb_importer *im, const bb_frab_conference *conf, const char *day,
                      const char *room, const xmlNode *node);

int bb_import_read_xml(bb_importer *im)
{
    int rc = -1;
    text_pool conf_pool = {0};
    bb_xml_error err;
    xmlDocPtr doc = bb_xml_read(im->text, im->len, &err);
    if (!doc) {
        bb_imp_error(im, err.line, "XML: %s", err.message);
        goto fail;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !bb_xml_is(root, "schedule")) {
        bb_imp_error(im, root ? bb_xml_line(root) : 1,
                     "the XML root element is <%.40s>; a frab/pretalx schedule has <schedule>",
                     root ? (const char *)root->name : "");
        goto fail;
    }
    bb_frab_conference conf = {0};
    if (read_conference(im, root, &conf_pool, &conf) < 0)
        goto fail;
    for (const xmlNode *day = root->children; day; day = day->next) {
        if (!bb_xml_is(day, "day"))
            continue;
        text_pool day_pool = {0};
        const char *date = attr(&day_pool, day, "date");
        for (const xmlNode *room = day->children; room; room = room->next) {
            if (!bb_xml_is(room, "room"))
                continue;
            const char *room_name = attr(&day_pool, room, "name");
            for (const xmlNode *ev = room->children; ev && !im->full; ev = ev->next)
                if (bb_xml_is(ev, "event"))
                    read_event(im, &conf, date, room_name, ev);
        }
        pool_clear(&day_pool);
    }
    rc = 0;
fail:
    pool_clear(&conf_pool);
    xmlFreeDoc(doc);
    return rc;
}

/* --- static functions --- */

static int read_conference(bb_importer *im, const xmlNode *root, text_pool *pool,
                           bb_frab_conference *conf)
{
    const xmlNode *c = bb_xml_child(root, "conference");
    if (!c)
        return 0;
    conf->title = child_text(pool, c, "title");
    const char *zone = child_text(pool, c, "time_zone_name");
    if (zone && zone[0]) {
        conf->tz = bb_imp_zone(im, zone);
        if (!conf->tz) {
            bb_imp_error(im, bb_xml_line(bb_xml_child(c, "time_zone_name")),
                         "time_zone_name \"%.60s\" is not in the tz database", zone);
            return -1;
        }
    }
    return 0;
}

static int read_event(bb_importer *im, const bb_frab_conference *conf, const char *day,
                      const char *room, const xmlNode *node)
{
    text_pool pool = {0};
    const char *persons[BB_IMPORT_MAX_PERSONS];
    bb_frab_event ev = {
        .id = attr(&pool, node, "id"),
        .guid = attr(&pool, node, "guid"),
        .title = child_text(&pool, node, "title"),
        .room = child_text(&pool, node, "room"),
        .track = child_text(&pool, node, "track"),
        .date = child_text(&pool, node, "date"),
        .day = day,
        .start = child_text(&pool, node, "start"),
        .duration = child_text(&pool, node, "duration"),
        .state = child_text(&pool, node, "state"),
        .url = child_text(&pool, node, "url"),
        .persons = persons,
        .line = bb_xml_line(node),
    };
    if (!ev.room || !ev.room[0])
        ev.room = room;
    if (!ev.state)
        ev.state = child_text(&pool, node, "status");
    const xmlNode *list = bb_xml_child(node, "persons");
    for (const xmlNode *p = list ? list->children : NULL;
         p && ev.n_persons < BB_IMPORT_MAX_PERSONS; p = p->next)
        if (bb_xml_is(p, "person") && (persons[ev.n_persons] = keep(&pool, p->children)))
            ev.n_persons++;
    int rc = bb_imp_frab_event(im, conf, &ev);
    pool_clear(&pool);
    return rc;
}

/* The text and CDATA of a node list, joined, kept in pool; NULL when there
 * is none or the pool is full. */
static const char *keep(text_pool *pool, const xmlNode *first)
{
    if (pool->n == POOL_MAX)
        return NULL;
    char *s = bb_xml_text(first);
    if (s)
        pool->v[pool->n++] = s;
    return s;
}

static const char *attr(text_pool *pool, const xmlNode *node, const char *name)
{
    xmlAttrPtr a = xmlHasProp(node, (const xmlChar *)name);
    return a && a->type == XML_ATTRIBUTE_NODE ? keep(pool, a->children) : NULL;
}

static const char *child_text(text_pool *pool, const xmlNode *node, const char *name)
{
    const xmlNode *c = bb_xml_child(node, name);
    return c ? keep(pool, c->children) : NULL;
}

static void pool_clear(text_pool *pool)
{
    for (int i = 0; i < pool->n; i++)
        free(pool->v[i]);
    pool->n = 0;
}
