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
 * Untrusted input: no network, no DTD loading, no entity substitution (the
 * text of an element is read from its text and CDATA nodes only, so a
 * user-defined entity is dropped rather than expanded: no "billion laughs"),
 * libxml2's own depth and amplification limits, and its messages go to the
 * diagnostics, never to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bb_import_readers.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                     XML_PARSE_BIG_LINES)
/* Strings one event may hold while it is mapped: its fields and persons. */
#define POOL_MAX (16 + BB_IMPORT_MAX_PERSONS)
#define MESSAGE_MAX 200

/* The first error libxml2 reports. */
typedef struct xml_errors {
    bool have;
    int line;
    char message[MESSAGE_MAX];
} xml_errors;

/* Strings made for one event, freed together. */
typedef struct text_pool {
    char *v[POOL_MAX];
    int n;
} text_pool;

static void on_error(void *user, xmlErrorPtr err);
static const xmlNode *child(const xmlNode *node, const char *name);
static bool is_element(const xmlNode *node, const char *name);
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
    xml_errors errors = {0};
    text_pool conf_pool = {0};
    xmlDocPtr doc = NULL;

    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        bb_imp_error(im, 0, "out of memory");
        return -1;
    }
    /* Structured errors reach on_error with the context as user data. */
    ctxt->sax->serror = on_error;
    ctxt->_private = &errors;
    doc = xmlCtxtReadMemory(ctxt, im->text, (int)im->len, NULL, NULL, XML_OPTIONS);
    if (!doc || !ctxt->wellFormed) {
        if (errors.have)
            bb_imp_error(im, errors.line, "XML: %s", errors.message);
        else
            bb_imp_error(im, 0, "XML: the document could not be read");
        goto fail;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is_element(root, "schedule")) {
        bb_imp_error(im, root ? (int)xmlGetLineNo(root) : 1,
                     "the XML root element is <%.40s>; a frab/pretalx schedule has <schedule>",
                     root ? (const char *)root->name : "");
        goto fail;
    }
    bb_frab_conference conf = {0};
    if (read_conference(im, root, &conf_pool, &conf) < 0)
        goto fail;
    for (const xmlNode *day = root->children; day; day = day->next) {
        if (!is_element(day, "day"))
            continue;
        text_pool day_pool = {0};
        const char *date = attr(&day_pool, day, "date");
        for (const xmlNode *room = day->children; room; room = room->next) {
            if (!is_element(room, "room"))
                continue;
            const char *room_name = attr(&day_pool, room, "name");
            for (const xmlNode *ev = room->children; ev && !im->full; ev = ev->next)
                if (is_element(ev, "event"))
                    read_event(im, &conf, date, room_name, ev);
        }
        pool_clear(&day_pool);
    }
    rc = 0;
fail:
    pool_clear(&conf_pool);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* --- static functions --- */

static void on_error(void *user, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = user;
    xml_errors *errors = ctxt ? ctxt->_private : NULL;
    if (!errors || errors->have || !err || err->level < XML_ERR_ERROR)
        return;
    errors->have = true;
    errors->line = err->line;
    snprintf(errors->message, sizeof errors->message, "%s",
             err->message ? err->message : "malformed document");
    /* libxml2's messages end in a newline. */
    size_t n = strlen(errors->message);
    while (n > 0 && (errors->message[n - 1] == '\n' || errors->message[n - 1] == ' '))
        errors->message[--n] = '\0';
}

static int read_conference(bb_importer *im, const xmlNode *root, text_pool *pool,
                           bb_frab_conference *conf)
{
    const xmlNode *c = child(root, "conference");
    if (!c)
        return 0;
    conf->title = child_text(pool, c, "title");
    const char *zone = child_text(pool, c, "time_zone_name");
    if (zone && zone[0]) {
        conf->tz = bb_imp_zone(im, zone);
        if (!conf->tz) {
            bb_imp_error(im, (int)xmlGetLineNo(child(c, "time_zone_name")),
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
        .persons = persons,
        .line = (int)xmlGetLineNo(node),
    };
    if (!ev.room || !ev.room[0])
        ev.room = room;
    if (!ev.state)
        ev.state = child_text(&pool, node, "status");
    const xmlNode *list = child(node, "persons");
    for (const xmlNode *p = list ? list->children : NULL;
         p && ev.n_persons < BB_IMPORT_MAX_PERSONS; p = p->next)
        if (is_element(p, "person") && (persons[ev.n_persons] = keep(&pool, p->children)))
            ev.n_persons++;
    int rc = bb_imp_frab_event(im, conf, &ev);
    pool_clear(&pool);
    return rc;
}

static const xmlNode *child(const xmlNode *node, const char *name)
{
    for (const xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (is_element(c, name))
            return c;
    return NULL;
}

static bool is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* The text and CDATA of a node list, joined, kept in pool; NULL when there
 * is none or the pool is full. */
static const char *keep(text_pool *pool, const xmlNode *first)
{
    size_t len = 0;
    for (const xmlNode *n = first; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            len += strlen((const char *)n->content);
    if (pool->n == POOL_MAX)
        return NULL;
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    size_t at = 0;
    for (const xmlNode *n = first; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            size_t k = strlen((const char *)n->content);
            memcpy(s + at, n->content, k);
            at += k;
        }
    s[at] = '\0';
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
    const xmlNode *c = child(node, name);
    return c ? keep(pool, c->children) : NULL;
}

static void pool_clear(text_pool *pool)
{
    for (int i = 0; i < pool->n; i++)
        free(pool->v[i]);
    pool->n = 0;
}
