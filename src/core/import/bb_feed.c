/*
 * bb_feed: RSS 2.0 and Atom 1.0 through libxml2 (see bb_feed.h).
 *
 *   RSS   <rss><channel><title/><item><title/><pubDate/></item>...
 *   Atom  <feed xmlns="http://www.w3.org/2005/Atom"><title/>
 *           <entry><title type="text|html|xhtml"/><published/><updated/></entry>...
 *
 * Only what a slide shows is read: the feed's title, each item's title and
 * date.  Elements are matched by local name (a feed's namespace prefixes
 * vary); an item without a title is skipped with a warning, one with a date
 * that cannot be read is kept without its age.
 */
#include "bb_feed.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bb_import_common.h"
#include "bb_xml.h"

#define MINUTE_S 60
#define HOUR_S 3600
/* Warnings listed per feed; the rest are counted in one line. */
#define MAX_WARNINGS 10
#define TEXT_BUF 4096

/* One document being read. */
typedef struct feed_reader {
    const char *name;
    bb_diag_list *diags;
    bb_feed *feed;
    int cap;
    int warnings;
} feed_reader;

static int read_rss(feed_reader *rd, const xmlNode *root);
static int read_atom(feed_reader *rd, const xmlNode *root);
static int add_item(feed_reader *rd, const xmlNode *node, const xmlNode *title,
                    const xmlNode *date, bool rfc822);
static char *title_text(const xmlNode *title);
static void gather(const xmlNode *node, int depth, char *buf, size_t len, size_t *at);
static void strip_markup(char *s);
static void warn(feed_reader *rd, int line, const char *fmt, ...) BB_PRINTF(3, 4);
static int newest_first(const void *a, const void *b);

bb_feed *bb_feed_parse(const char *data, size_t len, const char *name, bb_diag_list *diags)
{
    if (len > BB_FEED_MAX_BYTES) {
        bb_diag_add(diags, BB_ERROR, name, 0, "the feed is larger than %d bytes",
                    BB_FEED_MAX_BYTES);
        return NULL;
    }
    bb_xml_error err;
    xmlDocPtr doc = bb_xml_read(data, len, &err);
    if (!doc) {
        bb_diag_add(diags, BB_ERROR, name, err.line, "XML: %s", err.message);
        return NULL;
    }
    feed_reader rd = { name, diags, calloc(1, sizeof(bb_feed)), 0, 0 };
    int rc = -1;
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!rd.feed)
        bb_diag_add(diags, BB_ERROR, name, 0, "out of memory");
    else if (bb_xml_is(root, "rss") || bb_xml_is(root, "RDF"))
        rc = read_rss(&rd, root);
    else if (bb_xml_is(root, "feed"))
        rc = read_atom(&rd, root);
    else
        bb_diag_add(diags, BB_ERROR, name, root ? bb_xml_line(root) : 1,
                    "the XML root element is <%.40s>; a feed has <rss> (RSS 2.0) or <feed> "
                    "(Atom)", root ? (const char *)root->name : "");
    xmlFreeDoc(doc);
    if (rc < 0) {
        bb_feed_destroy(rd.feed);
        return NULL;
    }
    if (rd.warnings > MAX_WARNINGS)
        bb_diag_add(diags, BB_WARNING, name, 0, "%d more warnings like these",
                    rd.warnings - MAX_WARNINGS);
    if (rd.feed->n_items == 0)
        bb_diag_add(diags, BB_WARNING, name, 0, "the feed has no items to show");
    else
        qsort(rd.feed->items, (size_t)rd.feed->n_items, sizeof *rd.feed->items, newest_first);
    return rd.feed;
}

void bb_feed_destroy(bb_feed *feed)
{
    if (!feed)
        return;
    for (int i = 0; i < feed->n_items; i++)
        free(feed->items[i].title);
    free(feed->items);
    free(feed->title);
    free(feed);
}

void bb_feed_age(bb_instant when, bb_instant now, char *buf, size_t len)
{
    long long d = (long long)(now - when);
    if (d < MINUTE_S)
        snprintf(buf, len, "just now");
    else if (d < HOUR_S)
        snprintf(buf, len, "%lld min ago", d / MINUTE_S);
    else if (d < BB_SECONDS_PER_DAY)
        snprintf(buf, len, "%lld h ago", d / HOUR_S);
    else
        snprintf(buf, len, "%lld d ago", d / BB_SECONDS_PER_DAY);
}

int bb_feed_parse_rfc822(const char *text, bb_instant *out)
{
    static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec" };
    /* RFC 822's zones; military letters are ambiguous in practice: refused. */
    static const struct { const char *name; int hours; } zones[] = {
        { "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
        { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
        { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 } };
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    const char *comma = strchr(p, ',');
    if (comma && comma - p <= 9)
        p = comma + 1;
    int day, year, hour, minute, second = 0, used = 0;
    char mon[4] = "", zone[8] = "";
    if (sscanf(p, " %2d %3s %4d %2d:%2d%n", &day, mon, &year, &hour, &minute, &used) != 5)
        return -1;
    p += used;
    if (*p == ':') {
        if (sscanf(p, ":%2d%n", &second, &used) != 1)
            return -1;
        p += used;
    }
    if (sscanf(p, " %7s", zone) != 1)
        return -1;
    int month = 0;
    for (int i = 0; i < 12 && !month; i++)
        if (strcasecmp(mon, months[i]) == 0)
            month = i + 1;
    if (year < 100)
        year += year < 50 ? 2000 : 1900;
    int offset = 0;
    bool zone_ok = false;
    if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5 &&
        strspn(zone + 1, "0123456789") == 4) {
        int hh = (zone[1] - '0') * 10 + (zone[2] - '0'), mm = (zone[3] - '0') * 10 + (zone[4] - '0');
        zone_ok = hh < 24 && mm < 60;
        offset = (hh * 3600 + mm * 60) * (zone[0] == '-' ? -1 : 1);
    }
    for (size_t i = 0; i < sizeof zones / sizeof zones[0] && !zone_ok; i++)
        if (strcasecmp(zone, zones[i].name) == 0) {
            zone_ok = true;
            offset = zones[i].hours * 3600;
        }
    if (!zone_ok || !month || year < 1970 || year > 9999 || day < 1 ||
        day > bb_days_in_month(year, month) || hour > 23 || minute > 59 || second > 60)
        return -1;
    bb_civil c = { .year = year, .month = month, .day = day, .hour = hour, .minute = minute,
                   .second = second > 59 ? 59 : second };
    *out = bb_civil_to_instant(&c, offset);
    return 0;
}

int bb_feed_parse_rfc3339(const char *text, bb_instant *out)
{
    char buf[64];
    size_t n = 0;
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    /* Copy without a fraction of a second (".123"), which bb_iso_parse
     * refuses and a slide does not need. */
    for (; *p && n + 1 < sizeof buf; p++) {
        if (*p == '.' && n == 19) {
            while (isdigit((unsigned char)p[1]))
                p++;
            continue;
        }
        buf[n++] = *p;
    }
    while (n > 0 && isspace((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    if (*p)
        return -1;
    bb_iso iso;
    char err[128];
    if (bb_iso_parse(buf, &iso, err, sizeof err) < 0 || !iso.has_time || !iso.has_offset)
        return -1;
    *out = bb_civil_to_instant(&iso.civil, iso.offset_s);
    return 0;
}

/* --- static functions --- */

static int read_rss(feed_reader *rd, const xmlNode *root)
{
    const xmlNode *channel = bb_xml_child(root, "channel");
    if (!channel) {
        bb_diag_add(rd->diags, BB_ERROR, rd->name, bb_xml_line(root),
                    "<%s> has no <channel>: not an RSS feed", (const char *)root->name);
        return -1;
    }
    const xmlNode *title = bb_xml_child(channel, "title");
    rd->feed->kind = BB_FEED_RSS;
    rd->feed->title = title ? title_text(title) : NULL;
    /* RSS 2.0 has its items in the channel, RSS 1.0 (RDF) beside it. */
    const xmlNode *parents[2] = { channel, root };
    for (int k = 0; k < 2; k++)
        for (const xmlNode *n = parents[k]->children; n; n = n->next) {
            if (!bb_xml_is(n, "item"))
                continue;
            const xmlNode *date = bb_xml_child(n, "pubDate");
            if (!date)
                date = bb_xml_child(n, "date");   /* Dublin Core, RSS 1.0 */
            if (add_item(rd, n, bb_xml_child(n, "title"), date,
                         date && bb_xml_is(date, "pubDate")) < 0)
                return -1;
        }
    return 0;
}

static int read_atom(feed_reader *rd, const xmlNode *root)
{
    rd->feed->kind = BB_FEED_ATOM;
    const xmlNode *title = bb_xml_child(root, "title");
    rd->feed->title = title ? title_text(title) : NULL;
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (!bb_xml_is(n, "entry"))
            continue;
        /* When it first appeared, else when it last changed. */
        const xmlNode *date = bb_xml_child(n, "published");
        if (!date)
            date = bb_xml_child(n, "updated");
        if (add_item(rd, n, bb_xml_child(n, "title"), date, false) < 0)
            return -1;
    }
    return 0;
}

static int add_item(feed_reader *rd, const xmlNode *node, const xmlNode *title,
                    const xmlNode *date, bool rfc822)
{
    int line = bb_xml_line(node);
    const char *what = rd->feed->kind == BB_FEED_RSS ? "item" : "entry";
    char *text = title ? title_text(title) : NULL;
    if (!text) {
        warn(rd, line, "%s has no title (not shown)", what);
        return 0;
    }
    bb_feed_item item = { .title = text, .line = line };
    if (date) {
        char *d = bb_xml_text(date->children);
        if (d && (rfc822 ? bb_feed_parse_rfc822(d, &item.time)
                         : bb_feed_parse_rfc3339(d, &item.time)) == 0)
            item.has_time = true;
        else
            warn(rd, bb_xml_line(date), "%s's <%s> \"%.40s\" is not %s (shown without its age)",
                 what, (const char *)date->name, d ? d : "",
                 rfc822 ? "an RFC 822 date (\"Sat, 01 Feb 2025 09:40:00 +0000\")"
                        : "an RFC 3339 date (\"2025-02-01T09:40:00Z\")");
        free(d);
    }
    if (rd->feed->n_items == BB_FEED_MAX_ITEMS) {
        /* Feeds list newest first as a rule; the oldest are dropped. */
        free(item.title);
        return 0;
    }
    if (rd->feed->n_items == rd->cap) {
        int cap = rd->cap ? rd->cap * 2 : 16;
        bb_feed_item *grown = realloc(rd->feed->items, (size_t)cap * sizeof *grown);
        if (!grown) {
            free(item.title);
            bb_diag_add(rd->diags, BB_ERROR, rd->name, line, "out of memory");
            return -1;
        }
        rd->feed->items = grown;
        rd->cap = cap;
    }
    rd->feed->items[rd->feed->n_items++] = item;
    return 0;
}

/* A title for the screen: its text (for Atom's type="xhtml", the text of
 * its elements too), markup of type="html" stripped, cleaned by
 * bb_imp_text; NULL when blank. */
static char *title_text(const xmlNode *title)
{
    char buf[TEXT_BUF];
    size_t at = 0;
    buf[0] = '\0';
    xmlChar *type = xmlGetProp(title, (const xmlChar *)"type");
    bool html = type && strcmp((const char *)type, "html") == 0;
    bool xhtml = type && strcmp((const char *)type, "xhtml") == 0;
    xmlFree(type);
    if (xhtml) {
        gather(title->children, 0, buf, sizeof buf, &at);
    } else {
        char *s = bb_xml_text(title->children);
        if (!s)
            return NULL;
        snprintf(buf, sizeof buf, "%s", s);
        free(s);
    }
    if (html)
        strip_markup(buf);
    return bb_imp_text(buf);
}

/* The text of a node list and its elements, depth-first, up to
 * BB_FEED_MAX_DEPTH levels, into buf (cut at len). */
static void gather(const xmlNode *node, int depth, char *buf, size_t len, size_t *at)
{
    for (const xmlNode *n = node; n && depth <= BB_FEED_MAX_DEPTH; n = n->next) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            int w = snprintf(buf + *at, len - *at, "%s", (const char *)n->content);
            *at = w < 0 || (size_t)w >= len - *at ? len - 1 : *at + (size_t)w;
        } else if (n->type == XML_ELEMENT_NODE) {
            gather(n->children, depth + 1, buf, len, at);
        }
    }
}

/* Tags out (<em>...</em> -> ...), the five predefined entities decoded: an
 * Atom title of type="html" carries escaped markup. */
static void strip_markup(char *s)
{
    static const struct { const char *name; char c; } ents[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
        { "&#39;", '\'' } };
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r == '<') {
            const char *end = strchr(r, '>');
            if (end) {
                r = end + 1;
                continue;
            }
        }
        if (*r == '&') {
            bool done = false;
            for (size_t i = 0; i < sizeof ents / sizeof ents[0] && !done; i++) {
                size_t n = strlen(ents[i].name);
                if (strncmp(r, ents[i].name, n) == 0) {
                    *w++ = ents[i].c;
                    r += n;
                    done = true;
                }
            }
            if (done)
                continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static void warn(feed_reader *rd, int line, const char *fmt, ...)
{
    if (++rd->warnings > MAX_WARNINGS)
        return;
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    bb_diag_add(rd->diags, BB_WARNING, rd->name, line, "%s", message);
}

/* Dated items newest first, then undated ones in document order (by line:
 * qsort is not stable). */
static int newest_first(const void *a, const void *b)
{
    const bb_feed_item *x = a, *y = b;
    if (x->has_time != y->has_time)
        return x->has_time ? -1 : 1;
    if (x->has_time && x->time != y->time)
        return x->time > y->time ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}
