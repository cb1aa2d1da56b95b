/*
 * bb_i18n: the words, dates, times and quotation marks briefboard itself
 * puts on screen, in the screen's language.
 *
 * Two established libraries sit behind this one small interface, so the
 * rest of the program never sees them:
 *   - messages: gettext catalogs (po/LANG.po compiled to
 *     share/locale/LANG/LC_MESSAGES/briefboard.mo), read by a small reader
 *     here rather than through glibc's gettext(), because glibc translates
 *     only under a generated glibc locale and a Pi image has none; and one
 *     screen shows several languages at once (a slide's `lang`);
 *   - dates, times, relative times, quotation marks, text direction: ICU
 *     (CLDR data), which needs no glibc locale either.
 * Numbers are always written with Latin digits ("@numbers=latn"), so dates
 * agree with the countdown digits drawn from the tabular digit cache.
 *
 * A language is a tag as written in the config: "de", "en-US", "pt_BR",
 * "zh-Hans".  NULL or "" means English.  Plain "en" follows international
 * (British) conventions -- day before month, 24-hour clock -- as the screens
 * did before languages existed; "en-US" gives the American ones.
 *
 * Catalogs and formatters are loaded on first use and kept until
 * bb_i18n_shutdown(); the module is not thread-safe (the display is single-
 * threaded).  Nothing here fails loudly: an unknown language or a missing
 * catalog falls back to English words and ICU's root formats.
 */
#ifndef BB_I18N_H
#define BB_I18N_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bb_time.h"

/* The gettext domain: the .mo files are named briefboard.mo. */
#define BB_I18N_DOMAIN "briefboard"
/* Longest language tag accepted, in bytes. */
#define BB_I18N_TAG_MAX 32

typedef enum bb_clock_format {
    BB_CLOCK_AUTO,   /* what the language's region uses */
    BB_CLOCK_24H,
    BB_CLOCK_12H,
    BB_CLOCK_FORMAT_COUNT
} bb_clock_format;

typedef enum bb_date_style {
    BB_DATE_SHORT,       /* weekday, day, month: "Sat 8 Mar", "Sa., 8. März", "3月8日周六" */
    BB_DATE_LONG,        /* the same with the year: "Sat, 8 Mar 2025" */
    BB_DATE_DAY_MONTH,   /* "8 March", "8. März" */
    BB_DATE_FULL,        /* "22 February 2025", "22. Februar 2025" */
    BB_DATE_WEEKDAY,     /* "Sat", "Sa." */
    BB_DATE_STYLE_COUNT
} bb_date_style;

/*
 * Where the compiled catalogs are: a directory holding LANG/LC_MESSAGES/
 * briefboard.mo.  Without a call, the build tree's locale directory is used
 * when it exists, else the install prefix's (share/locale) -- never the
 * working directory.  dir is copied; NULL restores that default.  Catalogs
 * already loaded are dropped.
 */
void bb_i18n_set_localedir(const char *dir);

/* The directory in use now (borrowed, never NULL). */
const char *bb_i18n_localedir(void);

/*
 * Is `tag` a well-formed language tag ("de", "en-US", "zh_Hans_CN")?
 * Letters, digits, '-' and '_', starting with 2-3 letters.
 */
bool bb_i18n_tag_valid(const char *tag);

/* Does briefboard ship a catalog for `tag` (or its base language), or is
 * it English?  An unknown language still gets ICU's dates, English words. */
bool bb_i18n_has_catalog(const char *tag);

/*
 * The translation of `msgid` (an English message, UTF-8) in `lang`, or
 * msgid itself when there is none.  The result is borrowed: valid until
 * bb_i18n_shutdown() or bb_i18n_set_localedir().
 */
const char *bb_tr(const char *lang, const char *msgid);

/*
 * Translate `msgid` and fill its placeholders: "%s" takes the next of
 * args[0..n_args), "%1$s".."%9$s" a given one (translators may reorder),
 * "%%" is a percent sign.  No printf: a catalog can never make the program
 * read what it did not pass.  Writes at most len bytes, always terminated,
 * cut on a UTF-8 character boundary.  Returns buf.
 */
char *bb_trf(char *buf, size_t len, const char *lang, const char *msgid, const char *const *args,
             int n_args);

/* A civil date in `lang`'s words and order (CLDR through ICU).  The time
 * fields of c are ignored.  Writes at most len bytes, always terminated. */
void bb_fmt_date(const char *lang, const bb_civil *c, bb_date_style style, char *buf, size_t len);

/* A time of day: "09:15", "9:15 AM", "上午9:15".  hour 0-23. */
void bb_fmt_time(const char *lang, bb_clock_format cf, int hour, int minute, char *buf,
                 size_t len);

/* Does `lang` with clock format `cf` use a 12-hour clock? */
bool bb_i18n_uses_12h(const char *lang, bb_clock_format cf);

/*
 * A single-unit relative time, CLDR-worded: seconds > 0 is in the future
 * ("in 4 min", "in 4 Min."), < 0 in the past ("5 min ago", "vor 5 Min.").
 * The unit is the largest whole one (days, hours, minutes); under a minute
 * counts as one minute.
 */
void bb_fmt_relative(const char *lang, int64_t seconds, char *buf, size_t len);

/* The language's quotation marks ("“" "”", "„" "“", "«" "»"); each buffer
 * at least 8 bytes. */
void bb_quotes(const char *lang, char *open, size_t open_len, char *close, size_t close_len);

/* Is `lang` written right to left (Arabic, Hebrew, Persian, Urdu, ...)? */
bool bb_i18n_rtl(const char *lang);

/* Free every loaded catalog and formatter (the end of the program, or a
 * test).  Safe to call more than once; later calls load again. */
void bb_i18n_shutdown(void);

#endif
