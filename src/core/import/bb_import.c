/*
 * bb_import: format detection, reading the file, and what the three
 * readers share (talk allocation, ids, safe text, lines, zones).
 *
 * The importer is the config loader's extension for `schedules`: talks go
 * straight into the config and its zones, so it uses the loader's private
 * helpers (bb_config_private.h) for interned file names and owned zones.
 */
#include "bb_import.h"
#include "bb_file.h"
#include "bb_sandbox.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bb_config_private.h"
#include "bb_import_readers.h"
#include "bb_linebreak.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define ICS_MAGIC "BEGIN:VCALENDAR"

static int import_text(bb_importer *im, bb_import_format format);
static void derive_prefix(const char *name, char *out, size_t len);
static char *read_file(const char *path, size_t *len, char *err, size_t err_len);

bb_import_format bb_import_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, UTF8_BOM, 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i >= len)
        return BB_IMPORT_UNKNOWN;
    if (data[i] == '<')
        return BB_IMPORT_XML;
    if (data[i] == '{')
        return BB_IMPORT_JSON;
    size_t magic = strlen(ICS_MAGIC);
    if (len - i >= magic && strncasecmp(data + i, ICS_MAGIC, magic) == 0)
        return BB_IMPORT_ICS;
    return BB_IMPORT_UNKNOWN;
}

const char *bb_import_format_name(bb_import_format format)
{
    switch (format) {
    case BB_IMPORT_XML: return "frab/pretalx XML";
    case BB_IMPORT_JSON: return "frab/pretalx JSON";
    case BB_IMPORT_ICS: return "iCalendar";
    default: return "unknown";
    }
}

bb_instant bb_import_anchor(const bb_config *cfg)
{
    if (cfg && cfg->replay.enabled)
        return cfg->replay.start;
    bb_instant now = (bb_instant)time(NULL);
    return now < (bb_instant)BB_BUILD_EPOCH ? (bb_instant)BB_BUILD_EPOCH : now;
}

struct sandboxed_import {
    bb_config *cfg;
    const char *data;
    size_t len;
    const char *name;
    bb_instant anchor;
};

/* In the child: the whole import into the child's copy of the config. */
static int import_in_child(void *arg, int out_fd)
{
    (void)out_fd;
    struct sandboxed_import *job = arg;
    bb_diag_list *scratch = bb_diag_list_create();
    if (!scratch)
        return 1;
    int rc = bb_import_buffer(job->cfg, job->data, job->len, job->name, NULL, job->anchor,
                              scratch);
    return rc < 0 ? 1 : 0;
}

long long bb_import_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int bb_import_file(bb_config *cfg, const char *path, const char *name, bb_instant anchor,
                   bb_diag_list *diags)
{
    return bb_import_file_by(cfg, path, name, anchor, 0, diags);
}

int bb_import_file_by(bb_config *cfg, const char *path, const char *name, bb_instant anchor,
                      long long deadline_ms, bb_diag_list *diags)
{
    bb_sandbox_limits lim = bb_sandbox_default_limits();
    if (deadline_ms > 0) {
        long long left = deadline_ms - bb_import_now_ms();
        if (left < BB_IMPORT_MIN_SLICE_MS) {
            bb_diag_add(diags, BB_ERROR, name, 0,
                        "not read: the schedules of one config may take %d s in all to "
                        "decode, and the files before this one used that up",
                        BB_IMPORT_LOAD_BUDGET_MS / 1000);
            return -1;
        }
        if (lim.deadline_ms > left / 2)
            lim.deadline_ms = (int)(left / 2);
    }
    char err[256];
    size_t len = 0;
    char *data = read_file(path, &len, err, sizeof err);
    if (!data) {
        bb_diag_add(diags, BB_ERROR, name, 0, "%s", err);
        return -1;
    }
    /* The decoders (libical above all: rows 1, 2 and 5 of issue #16 --
     * unbounded recursion, endless VTIMEZONE expansion) first run in a
     * sandboxed child.  Trade-off: the child only validates, and the parent
     * parses the file again when the child finished.  Serialising the talks
     * back through the pipe would save the second parse, but would need a
     * wire format for every talk field; the parse is deterministic, so a
     * child that finished within its limits proves the parent will, and a
     * schedule costs twice its parse time (0.3 s for 20,000 events). */
    struct sandboxed_import job = {cfg, data, len, name, anchor};
    bb_sandbox_status st = bb_sandbox_run(&lim, import_in_child, &job, NULL, NULL, 0);
    if (st != BB_SANDBOX_OK && st != BB_SANDBOX_FAILED && st != BB_SANDBOX_ERROR) {
        char why[128];
        bb_diag_add(diags, BB_ERROR, name, 0, "the schedule was refused: its decoder %s",
                    bb_sandbox_reason(st, &lim, why, sizeof why));
        free(data);
        return -1;
    }
    if (st == BB_SANDBOX_ERROR)
        bb_diag_add(diags, BB_WARNING, name, 0,
                    "could not start a separate decoder process; the schedule is read without one");
    /* FAILED: a clean refusal -- parse again here for its diagnostics. */
    int rc = bb_import_buffer(cfg, data, len, name, NULL, anchor, diags);
    free(data);
    return rc;
}

int bb_import_buffer(bb_config *cfg, const char *data, size_t len, const char *name,
                     const char *prefix, bb_instant anchor, bb_diag_list *diags)
{
    bb_importer im = {.cfg = cfg, .diags = diags, .len = len, .anchor = anchor,
                      .cap = cfg->n_talks};
    im.name = bb_cfg_intern_file(cfg, name ? name : "<schedule>");
    if (prefix)
        snprintf(im.prefix, sizeof im.prefix, "%s", prefix);
    else
        derive_prefix(im.name, im.prefix, sizeof im.prefix);

    if (len > BB_IMPORT_MAX_BYTES) {
        bb_imp_error(&im, 0, "the schedule is larger than %d bytes", BB_IMPORT_MAX_BYTES);
        return -1;
    }
    im.text = data;   /* for bb_imp_line_at only, until the copy below */
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        bb_imp_error(&im, bb_imp_line_at(&im, (size_t)(nul - data)),
                     "the schedule contains a NUL byte: it is not a text file");
        return -1;
    }
    bb_import_format format = bb_import_sniff(data, len);
    if (format == BB_IMPORT_UNKNOWN) {
        bb_imp_error(&im, 1,
                     "not a schedule this program reads: expected frab/pretalx XML "
                     "(<schedule>), frab/pretalx JSON ({ \"schedule\": ... }) or iCalendar "
                     "(BEGIN:VCALENDAR)");
        return -1;
    }
    /* The readers want a terminated string, and the file's own memory may
     * be a caller's exact-size buffer. */
    char *text = malloc(len + 1);
    if (!text) {
        bb_imp_error(&im, 0, "out of memory");
        return -1;
    }
    memcpy(text, data, len);
    text[len] = '\0';
    im.text = text;
    bb_imp_index_lines(&im);   /* without it, lines are counted the slow way */
    int rc = import_text(&im, format);
    bb_imp_free_lines(&im);
    if (im.warnings > BB_IMPORT_MAX_WARNINGS)
        bb_diag_add(diags, BB_WARNING, im.name, 0, "%d more warnings in this file (not listed)",
                    im.warnings - BB_IMPORT_MAX_WARNINGS);
    free(text);
    return rc < 0 || im.errors > 0 ? -1 : im.added;
}

static int import_text(bb_importer *im, bb_import_format format)
{
    switch (format) {
    case BB_IMPORT_XML: return bb_import_read_xml(im);
    case BB_IMPORT_JSON: return bb_import_read_json(im);
    case BB_IMPORT_ICS: return bb_import_read_ics(im);
    default: return -1;
    }
}

/* "conf/programme.schedule.xml" -> "programme": the name without its
 * directory and last extension, made a safe id. */
static void derive_prefix(const char *name, char *out, size_t len)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    if (n >= len)
        n = len - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = bb_imp_id_char_ok(base[i]) ? base[i] : '_';
    out[n] = '\0';
    if (n == 0)
        snprintf(out, len, "schedule");
}

static char *read_file(const char *path, size_t *len, char *err, size_t err_len)
{
    bb_file_data file;
    bb_file_status status = bb_file_read(path, BB_IMPORT_MAX_BYTES, 0, &file);
    if (status != BB_FILE_OK) {
        bb_file_describe(status, &file, "the schedule", BB_IMPORT_MAX_BYTES, err, err_len);
        return NULL;
    }
    *len = file.len;
    return file.data;
}

