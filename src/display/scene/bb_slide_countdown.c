/*
 * bb_slide_countdown: one talk -- its forum, title, a very large live
 * countdown, and where, when and who.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <string.h>

#include "bb_i18n.h"

/* The widest texts the big countdown shows from the digit cache (every
 * digit takes the same cell): under a day, and with days (no "in": the
 * "STARTS IN" word above says it). */
#define COUNTDOWN_WIDEST_HMS "00:00:00"
#define COUNTDOWN_CHARS "0123456789: "
#define COUNTDOWN_CHARS_BUF 64
#define COUNTDOWN_HEIGHT_SHARE 0.30   /* of the area's height */
#define COUNTDOWN_MAX_SHARE 0.28      /* of u */
/* On a portrait screen the block would leave the lower half empty: it sits
 * this share of the leftover height down (a little above centre). */
#define PORTRAIT_DROP_SHARE 0.45

static void format_start(const bb_scene *s, const bb_talk *t, char *buf, size_t len);
static void join(const bb_strv *v, const char *prefix, char *buf, size_t len);
static void widest_countdown(const bb_scene *s, const bb_talk *t, const bb_frame_clock *clock,
                             char *widest, size_t wlen, char *chars, size_t clen);

static int countdown_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_countdown_class = { .build = countdown_build };

static int countdown_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    int ti = s->slide->talk_index;
    if (ti < 0 || ti >= cfg->n_talks) {
        SDL_SetError("countdown slide names no known talk");
        return -1;
    }
    const bb_talk *t = &cfg->talks[ti];
    SDL_Rect box = bb_scene_content_box(s);
    if (s->slide->qr && bb_scene_qr_corner(s, t->url, &box) < 0)
        return -1;
    int y = box.y;
    scene_mark start = bb_scene_mark(s);

    /* A programme change first, on a line of its own: "now 14:30". */
    SDL_Rect bbox = { box.x, y, box.w, (int)(m->small_px * 1.4) };
    int badge_w = bb_scene_change_badge(s, t, clock->wall, bbox, m->small_px, BB_ALIGN_START);
    if (badge_w < 0)
        return -1;
    if (badge_w > 0)
        y += bbox.h + m->gap / 3;

    if (t->forum && strcmp(t->forum, t->title) != 0) {
        SDL_Rect kbox = { box.x, y, box.w, (int)(m->small_px * 1.4) };
        int kh = bb_scene_text(s, t->forum, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                               BB_ALIGN_START, kbox, m->small_px, m->min_px, 1, false, NULL);
        if (kh < 0)
            return -1;
        y += kh + m->gap / 3;
    }
    SDL_Rect tbox = { box.x, y, box.w, box.h / 4 };
    int th = bb_scene_text(s, t->title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                           BB_ALIGN_START, tbox, m->title_px, m->min_px, 2, true, NULL);
    if (th < 0)
        return -1;
    y += th + m->gap;

    /* Where, when, who, what: measured first: the countdown gets the room they leave. */
    char line[1024];
    const char *details[3];
    char when[256], who[512], what[512];
    format_start(s, t, when, sizeof when);
    if (t->venue && *when)
        snprintf(line, sizeof line, "%s · %s", t->venue, when);
    else
        snprintf(line, sizeof line, "%s", t->venue ? t->venue : when);
    join(&t->participants, "", who, sizeof who);
    join(&t->topics, bb_scene_tr(s, "Topics: "), what, sizeof what);
    details[0] = line;
    details[1] = who;
    details[2] = what;

    /* The state word above the countdown: "STARTS IN", "NOW", ... */
    bb_text_style label = { BB_WEIGHT_BOLD, m->small_px, bb_scene_color(pal->muted),
                            BB_ALIGN_START, BB_DIR_AUTO };
    int label_h = (int)(m->small_px * 1.4);
    if (!bb_scene_live_add(s, LIVE_STATE_LABEL, ti, (SDL_Rect){ box.x, y, box.w, label_h },
                           &label, bb_scene_color(pal->alert)))
        return -1;
    y += label_h;

    /* The countdown: as large as the text it shows now allows -- sized for
     * "in 00 d 00:00:00" whatever it showed, it left the right half empty
     * under a day. */
    char widest[BB_COUNTDOWN_BUF], chars[COUNTDOWN_CHARS_BUF];
    widest_countdown(s, t, clock, widest, sizeof widest, chars, sizeof chars);
    int cd_h = (int)(s->h * COUNTDOWN_HEIGHT_SHARE);
    /* ...but never at the cost of the details below it: the venue line and
     * two lines each for participants and topics keep their room. */
    int reserve = m->gap;
    for (int i = 0; i < 3; i++) {
        int px = i == 0 ? (int)(m->body_px * 0.9) : m->small_px, tw = 0;
        if (!*details[i])
            continue;
        bb_text_size(s->fonts, i == 0 ? BB_WEIGHT_BOLD : BB_WEIGHT_REGULAR, px, details[i],
                     strlen(details[i]), &tw, NULL);
        reserve += (int)(px * 1.3) * (tw > box.w ? 2 : 1) + m->gap / 3;
    }
    int room = (box.y + box.h - y - reserve);
    if (room < cd_h)
        cd_h = room > m->title_px * 3 / 2 ? room : m->title_px * 3 / 2;
    int cd_px = bb_digits_fit_px(s->fonts, BB_WEIGHT_BOLD, widest, box.w, cd_h,
                                 m->title_px, (int)(m->u * COUNTDOWN_MAX_SHARE));
    if (cd_px < 0)
        return -1;
    bb_text_style big = { BB_WEIGHT_BOLD, cd_px, bb_scene_color(pal->heading), BB_ALIGN_START,
                          BB_DIR_AUTO };
    scene_live *cd = bb_scene_live_add(s, LIVE_COUNTDOWN, ti, (SDL_Rect){ box.x, y, box.w, cd_h },
                                       &big, bb_scene_color(pal->alert));
    if (!cd)
        return -1;
    cd->labelled = true;
    cd->digits = bb_digits_create(s->renderer, s->fonts, BB_WEIGHT_BOLD, cd_px, chars);
    if (!cd->digits)
        return -1;
    cd->box.h = bb_digits_height(cd->digits);
    s->boxes[s->n_boxes - 1].h = cd->box.h;
    y += cd->box.h + m->gap;

    /* Where, when, who, what: under the countdown, small and muted. */
    int avail = box.y + box.h - y;
    int line_h = (int)(m->body_px * 1.3);
    for (int i = 0; i < 3 && avail > 0; i++) {
        if (!*details[i])
            continue;
        SDL_Color c = bb_scene_color(i == 0 ? pal->text : pal->muted);
        int max_px = i == 0 ? (int)(m->body_px * 0.9) : m->small_px;
        SDL_Rect dbox = { box.x, y, box.w, avail < 2 * line_h ? avail : 2 * line_h };
        int dh = bb_scene_text(s, details[i], i == 0 ? BB_WEIGHT_BOLD : BB_WEIGHT_REGULAR, c,
                               BB_ALIGN_START, dbox, max_px, m->min_px, 2, false, NULL);
        if (dh < 0)
            return -1;
        y += dh + m->gap / 3;
        avail = box.y + box.h - y;
    }
    if (s->h > s->w && avail > 0)
        bb_scene_shift_since(s, start, (int)(avail * PORTRAIT_DROP_SHARE));
    return 0;
}

/* The widest countdown this scene will show -- days and all while the talk
 * is a day or more away, else "00:00:00" -- and the characters to cache:
 * digits, the colon and the language's day unit ("d", "T", "j", "д", "天").
 * Glyphs of a script the cache cannot draw one by one (Arabic joins) are
 * left out: that text is drawn shaped, as any other live text. */
static void widest_countdown(const bb_scene *s, const bb_talk *t, const bb_frame_clock *clock,
                             char *widest, size_t wlen, char *chars, size_t clen)
{
    snprintf(chars, clen, "%s", COUNTDOWN_CHARS);
    snprintf(widest, wlen, "%s", COUNTDOWN_WIDEST_HMS);
    if (!t->has_start || t->start - clock->wall < BB_SECONDS_PER_DAY)
        return;
    const char *lang = bb_scene_lang(s);
    bb_countdown cd;
    bb_talk_countdown_lang(t, &s->cfg->timing, clock->wall, clock->synced, lang, true, &cd);
    if (cd.state != BB_STATE_SCHEDULED)
        return;
    /* Every digit the same cell wide: "0" stands for all of them. */
    snprintf(widest, wlen, "%s", cd.text);
    for (char *p = widest; *p; p++)
        if (*p >= '1' && *p <= '9')
            *p = '0';
    if (bb_text_is_rtl(cd.text, strlen(cd.text)))
        return;
    size_t used = strlen(chars);
    for (const char *p = cd.text; *p;) {
        size_t n = 1;   /* one UTF-8 sequence at a time */
        while (((unsigned char)p[n] & 0xc0) == 0x80)
            n++;
        char one[8] = "";
        if (n < sizeof one)
            memcpy(one, p, n);
        if (*one && !strstr(chars, one) && used + n < clen) {
            memcpy(chars + used, one, n + 1);
            used += n;
        }
        p += n;
    }
}

/* "Mon, 10 Jan 2022, 09:00 CET", plus the screen's time when its offset
 * differs at that instant: "(15:00 here)".  The time and its zone are
 * joined by a no-break space: "09:00" must not end a line with "CET"
 * stranded on the next. */
static void format_start(const bb_scene *s, const bb_talk *t, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!t->has_start)
        return;
    const bb_tz *screen = s->cfg->display.tz;
    const char *lang = bb_scene_lang(s);
    bb_civil c;
    const char *abbr = NULL;
    int off = bb_tz_to_civil(t->tz, t->start, &c);
    bb_tz_offset_at(t->tz, t->start, &abbr);
    char day[64], hm[48];
    bb_fmt_date(lang, &c, BB_DATE_LONG, day, sizeof day);
    bb_fmt_time(lang, s->cfg->display.clock_format, c.hour, c.minute, hm, sizeof hm);
    char when[160];
    const char *args[] = { day, hm };
    bb_trf(when, sizeof when, lang, "%s, %s", args, 2);   /* the language's own joint */
    int n = snprintf(buf, len, "%s%s%s", when, abbr ? "\u00a0" : "", abbr ? abbr : "");
    if (screen && bb_tz_offset_at(screen, t->start, NULL) != off && n > 0 && (size_t)n < len) {
        char here[48], note[96];
        bb_scene_format_local(s, t->start, screen, false, here, sizeof here);
        const char *arg = here;
        bb_trf(note, sizeof note, lang, "(%s here)", &arg, 1);
        snprintf(buf + n, len - (size_t)n, " %s", note);
    }
}

static void join(const bb_strv *v, const char *prefix, char *buf, size_t len)
{
    buf[0] = '\0';
    if (v->n == 0)
        return;
    size_t used = (size_t)snprintf(buf, len, "%s", prefix);
    for (int i = 0; i < v->n && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " · " : "", v->v[i]);
}
