/*
 * bb_xml: reading untrusted XML safely with libxml2 -- the schedule reader
 * (bb_import_xml.c) and the feed reader (bb_feed.c) share it.
 *
 * No network (XML_PARSE_NONET), no DTD loading, no entity substitution (the
 * text of an element is read from its text and CDATA nodes only, so a
 * user-defined entity is dropped rather than expanded: no "billion
 * laughs"), libxml2's own depth (256) and amplification limits (no
 * XML_PARSE_HUGE), and libxml2's messages go to the caller, never to
 * stderr.  The caller caps the size of what it passes in.
 */
#ifndef BB_XML_H
#define BB_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#define BB_XML_MESSAGE_MAX 200

/* Why a document could not be read. */
typedef struct bb_xml_error {
    int line;                          /* 0 when libxml2 gave none */
    char message[BB_XML_MESSAGE_MAX];  /* libxml2's first error, trimmed */
} bb_xml_error;

/*
 * Parse len bytes of text (need not be NUL-terminated).  Returns a document
 * the caller frees with xmlFreeDoc, or NULL when it is not well-formed or
 * memory runs out: *err then says why and where.
 */
xmlDocPtr bb_xml_read(const char *text, size_t len, bb_xml_error *err);

/* Is node an element called name (local name, any namespace)? */
bool bb_xml_is(const xmlNode *node, const char *name);

/* The first child element of node called name, or NULL (also for NULL). */
const xmlNode *bb_xml_child(const xmlNode *node, const char *name);

/*
 * The text and CDATA of a node list (first and its siblings), joined, in a
 * new string the caller frees; "" when there is none; NULL when out of
 * memory.  Entity references and child elements are skipped.
 */
char *bb_xml_text(const xmlNode *first);

/* The line of node (1-based), 0 when unknown or NULL. */
int bb_xml_line(const xmlNode *node);

#endif
