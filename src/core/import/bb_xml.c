/*
 * bb_xml: libxml2 with untrusted input (see bb_xml.h).
 */
#include "bb_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                     XML_PARSE_BIG_LINES)

/* The first error libxml2 reports. */
typedef struct xml_errors {
    bool have;
    bb_xml_error *out;
} xml_errors;

static void on_error(void *user, xmlErrorPtr err);

xmlDocPtr bb_xml_read(const char *text, size_t len, bb_xml_error *err)
{
    err->line = 0;
    snprintf(err->message, sizeof err->message, "the document could not be read");
    if (len > (size_t)0x7FFFFFFF)
        return NULL;
    xml_errors errors = { false, err };
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    /* Structured errors reach on_error with the context as user data. */
    ctxt->sax->serror = on_error;
    ctxt->_private = &errors;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, NULL, NULL, XML_OPTIONS);
    if (doc && !ctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

bool bb_xml_is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

const xmlNode *bb_xml_child(const xmlNode *node, const char *name)
{
    for (const xmlNode *c = node ? node->children : NULL; c; c = c->next)
        if (bb_xml_is(c, name))
            return c;
    return NULL;
}

char *bb_xml_text(const xmlNode *first)
{
    size_t len = 0;
    for (const xmlNode *n = first; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            len += strlen((const char *)n->content);
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
    return s;
}

int bb_xml_line(const xmlNode *node)
{
    long line = node ? xmlGetLineNo(node) : 0;
    return line > 0 && line < 0x7FFFFFFF ? (int)line : 0;
}

/* --- static functions --- */

static void on_error(void *user, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = user;
    xml_errors *errors = ctxt ? ctxt->_private : NULL;
    if (!errors || errors->have || !err || err->level < XML_ERR_ERROR)
        return;
    errors->have = true;
    errors->out->line = err->line;
    snprintf(errors->out->message, sizeof errors->out->message, "%s",
             err->message ? err->message : "malformed document");
    /* libxml2's messages end in a newline. */
    size_t n = strlen(errors->out->message);
    while (n > 0 && (errors->out->message[n - 1] == '\n' || errors->out->message[n - 1] == ' '))
        errors->out->message[--n] = '\0';
}
