/*
 * soak: the real program, headless, through three simulated weeks of the
 * sample config in BB_SOAK_SECONDS of real time (default 100), checking
 * that resident memory and live textures stay flat after warm-up.
 *
 * The sample's dates are moved from January 2022 to March 2027 (after any
 * build date, so the real system clock path is used and counts as
 * synchronized) and its replay clock is switched off.  bb_shim (LD_PRELOAD)
 * then runs the wall clock from 2027-03-09 at the speed that covers the
 * span: the three talks go live and end, a takeaways slide expires, the
 * screen's zone (Europe/Zurich) changes to summer time on March 28.  On the
 * way the wall clock is stepped back to 1997 (before the build date: the
 * program must fall back to "waiting for time sync") and forward again,
 * then a day forward and two hours back, like NTP steps.  The config is
 * reloaded three times (transition slide, cut, fade).  Slides last 2-3 s and
 * fade in 0.6 s, so the cycle turns over many times.
 *
 * Sampled once a second: VmRSS from /proc and live textures from the shim.
 * After warm-up (the first quarter: a full turn of the cycle, every scene
 * built once) the last three eighths of the run are compared with the
 * three eighths before: RSS by its median, which must grow by less than
 * RSS_SLACK_KIB (1 MiB), live textures by their peak, which must not grow
 * at all.  Not peaks for RSS: memory moves by some 15 MB with the slide on
 * screen, so a window's peak depends on which slides it happened to catch;
 * the median is the level between heavy scenes, and a leak raises it.
 *
 * Environment: BB_SOURCE_DIR, BB_SOAK_SECONDS (>= 40), BB_SOAK_REPORT (a
 * file to write the samples to, as CSV).
 */
#include "rel_common.h"

#include "bb_test.h"

#ifndef BB_SHIM
#error "BB_SHIM must name the LD_PRELOAD library"
#endif

#define DEFAULT_SECONDS 100
#define MIN_SECONDS 40
#define RSS_SLACK_KIB 1024
/* 2027-03-09T18:00:00Z; the span covers March 9 to March 30. */
#define SIM_START 1804615200LL
#define SIM_SPAN_S (21LL * 86400)
#define MAX_SAMPLES 100000
#define YEARS_30_S (30LL * 365 * 86400)

typedef struct sample {
    double t;          /* real seconds since start */
    long rss_kib;
    long textures;
    rel_stats st;
} sample;

static char dir[] = "/tmp/bb_soak_XXXXXX";
static char cfg_path[512], stats_path[512], log_path[512], tex_path[512];
static sample samples[MAX_SAMPLES];
static int n_samples;

static long read_textures(void)
{
    char *text = rel_read_file(tex_path, NULL);
    long live = text && strncmp(text, "live ", 5) == 0 ? strtol(text + 5, NULL, 10) : -1;
    free(text);
    return live;
}

/* Switch the sample's replay clock off: "enabled = true;" inside the
 * top-level clock group becomes false.  Returns 1 when done. */
static int disable_replay(char **text)
{
    static const char on[] = "enabled = true;", off[] = "enabled = false;";
    char *group = strstr(*text, "\nclock = {");
    char *close = group ? strstr(group, "\n};") : NULL;
    char *at = group ? strstr(group, on) : NULL;
    if (!at || !close || at > close)
        return 0;
    size_t before = (size_t)(at - *text), len = strlen(*text);
    char *out = malloc(len + sizeof off);
    if (!out)
        return 0;
    memcpy(out, *text, before);
    memcpy(out + before, off, sizeof off - 1);
    memcpy(out + before + sizeof off - 1, at + sizeof on - 1, len - before - (sizeof on - 1) + 1);
    free(*text);
    *text = out;
    return 1;
}

/* The sample (its text, read once: a source tree being edited must not
 * change it under the run), moved to March 2027 on the system clock with
 * short slides.  Every edit must apply, or the sample has changed under the
 * test. */
static char *soak_config(const char *src, const char *sample_text, const char *transition)
{
    char assets[600], trans[64];
    snprintf(assets, sizeof assets, "\"%s/assets/", src);
    snprintf(trans, sizeof trans, "transition = \"%s\";", transition);
    char *text = malloc(strlen(sample_text) + 1);
    if (!text)
        return NULL;
    strcpy(text, sample_text);
    int edits[5];
    edits[0] = rel_replace_all(&text, "\"../assets/", assets);
    edits[1] = rel_replace_all(&text, "2022-01-", "2027-03-");
    edits[2] = disable_replay(&text);
    edits[3] = rel_replace_all(&text, "duration = 12;", "duration = 2;") +
               rel_replace_all(&text, "duration = 20;", "duration = 3;");
    edits[4] = rel_replace_all(&text, "transition = \"fade\";", trans);
    for (int i = 0; i < 5; i++) {
        if (edits[i] == 0) {
            fprintf(stderr, "soak: edit %d of the sample config did not apply\n", i);
            free(text);
            return NULL;
        }
    }
    return text;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* A percentile (0-100) of RSS over [from, to), or -1 when there are no
 * samples.  The median is the level the process returns to between heavy
 * scenes: it rises with any leak, but neither the slide mix of a window
 * nor one sample caught mid-transition (two scenes alive, the allocator
 * not yet trimmed) moves it. */
static long rss_percentile(double from, double to, int pct)
{
    static long v[MAX_SAMPLES];
    int n = 0;
    for (int i = 0; i < n_samples; i++)
        if (samples[i].t >= from && samples[i].t < to && samples[i].rss_kib > 0)
            v[n++] = samples[i].rss_kib;
    if (n == 0)
        return -1;
    qsort(v, (size_t)n, sizeof v[0], cmp_long);
    return v[n * pct / 100];
}

static long peak(double from, double to, bool rss)
{
    long best = -1;
    for (int i = 0; i < n_samples; i++)
        if (samples[i].t >= from && samples[i].t < to) {
            long v = rss ? samples[i].rss_kib : samples[i].textures;
            if (v > best)
                best = v;
        }
    return best;
}

static void write_report(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "t,rss_kib,textures,frames,slide,reloads,synced,wall\n");
    for (int i = 0; i < n_samples; i++)
        fprintf(f, "%.1f,%ld,%ld,%lld,%d,%d,%d,%lld\n", samples[i].t, samples[i].rss_kib,
                samples[i].textures, samples[i].st.frames, samples[i].st.slide,
                samples[i].st.reloads, samples[i].st.synced, samples[i].st.wall);
    fclose(f);
}

int main(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    const char *secs_env = getenv("BB_SOAK_SECONDS");
    int seconds = secs_env ? atoi(secs_env) : DEFAULT_SECONDS;
    if (seconds < MIN_SECONDS)
        seconds = MIN_SECONDS;
    if (!src || !mkdtemp(dir)) {
        fprintf(stderr, "soak: need BB_SOURCE_DIR and a temp dir\n");
        return 1;
    }
    snprintf(cfg_path, sizeof cfg_path, "%s/briefboard.cfg", dir);
    snprintf(stats_path, sizeof stats_path, "%s/stats", dir);
    snprintf(log_path, sizeof log_path, "%s/briefboard.log", dir);
    snprintf(tex_path, sizeof tex_path, "%s/textures", dir);

    char sample_path[512];
    snprintf(sample_path, sizeof sample_path, "%s/config/briefboard.cfg", src);
    char *sample_text = rel_read_file(sample_path, NULL);
    char *text = sample_text ? soak_config(src, sample_text, "fade") : NULL;
    if (!text || rel_write_atomic(cfg_path, text, strlen(text)) != 0)
        return 1;
    free(text);

    /* The clock script, in real seconds: to 1997 at 40 %, back at 45 %,
     * a day forward at 60 %, two hours back at 70 %. */
    double scale = (double)SIM_SPAN_S / seconds;
    char env_start[64], env_scale[64], env_jumps[160], env_tex[600], env_preload[600];
    snprintf(env_start, sizeof env_start, "BB_SHIM_WALL_START=%lld", SIM_START);
    snprintf(env_scale, sizeof env_scale, "BB_SHIM_WALL_SCALE=%.3f", scale);
    snprintf(env_jumps, sizeof env_jumps, "BB_SHIM_WALL_JUMPS=%.1f:%lld,%.1f:%lld,%.1f:86400,%.1f:-7200",
             seconds * 0.40, -YEARS_30_S, seconds * 0.45, YEARS_30_S, seconds * 0.60,
             seconds * 0.70);
    snprintf(env_tex, sizeof env_tex, "BB_SHIM_TEXTURE_FILE=%s", tex_path);
    snprintf(env_preload, sizeof env_preload, "LD_PRELOAD=%s", BB_SHIM);
    /* The sanitizer runtime wants to be first; the shim only wraps libc and
     * SDL symbols, so the order does not matter here.  ASan's quarantine
     * holds freed memory back (256 MB by default), which would read as
     * growth: a sanitizer build of the program runs without it. */
    char env_asan[1024];
    const char *asan = getenv("ASAN_OPTIONS");
    snprintf(env_asan, sizeof env_asan,
             "ASAN_OPTIONS=%s%sverify_asan_link_order=0:quarantine_size_mb=0",
             asan ? asan : "", asan && *asan ? ":" : "");
    const char *env[] = {"BRIEFBOARD_ASSUME_SYNC=1", env_start, env_scale, env_jumps, env_tex,
                         env_preload, env_asan, NULL};
    printf("soak: %d s real, wall x%.0f from 2027-03-09T18:00Z\n", seconds, scale);

    pid_t pid = rel_spawn(cfg_path, stats_path, log_path, env);
    if (pid <= 0 || !rel_wait_started(pid, stats_path)) {
        fprintf(stderr, "soak: the program did not start\n");
        rel_show_log(log_path);
        return 1;
    }
    /* Time 0 is when the program runs; the shim's clock started a little
     * earlier, at exec, which only shifts the script by the start-up time. */
    uint64_t t0 = rel_now_ms();
    static const char *const transitions[] = {"slide", "cut", "fade"};
    int reloads_done = 0;
    bool saw_unsynced = false, saw_resync = false;

    while (rel_alive(pid)) {
        double t = (double)(rel_now_ms() - t0) / 1000.0;
        if (t >= seconds)
            break;
        if (reloads_done < 3 && t >= seconds * (0.3 + 0.2 * reloads_done)) {
            char *next = soak_config(src, sample_text, transitions[reloads_done]);
            if (next && rel_write_atomic(cfg_path, next, strlen(next)) == 0)
                reloads_done++;
            free(next);
        }
        if (n_samples < MAX_SAMPLES) {
            sample *s = &samples[n_samples++];
            s->t = t;
            s->rss_kib = rel_rss_kib(pid);
            s->textures = read_textures();
            s->st = rel_read_stats(stats_path);
            /* Only the step to 1997 can make it unsynced (2027 is after any
             * build date); the shim's script started at exec, a little
             * before t = 0, so no window is assumed. */
            if (s->st.valid && !s->st.synced)
                saw_unsynced = true;
            if (saw_unsynced && s->st.valid && s->st.synced)
                saw_resync = true;
        }
        rel_sleep_ms(1000);
    }
    bool alive = rel_alive(pid);
    CHECK(alive);
    rel_stats end = rel_read_stats(stats_path);
    int status = alive ? rel_stop(pid, 30000) : -1;
    CHECK(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);

    const char *report = getenv("BB_SOAK_REPORT");
    if (report)
        write_report(report);

    double warm = seconds * 0.25, mid = seconds * 0.625;
    long rss_early = peak(warm, mid, true), rss_late = peak(mid, seconds + 1, true);
    long tex_early = peak(warm, mid, false), tex_late = peak(mid, seconds + 1, false);
    long p50_early = rss_percentile(warm, mid, 50), p50_late = rss_percentile(mid, seconds + 1, 50);
    long p90_early = rss_percentile(warm, mid, 90), p90_late = rss_percentile(mid, seconds + 1, 90);
    long rss_start = n_samples ? samples[0].rss_kib : -1;
    printf("soak: %d samples; RSS %ld KiB at start; after warm-up median %ld then %ld KiB "
           "(growth %+ld KiB), p90 %ld then %ld, peak %ld then %ld; live textures peak %ld "
           "then %ld; %lld frames, %d reloads, %d refused; clock unsynced seen %d, resynced %d\n",
           n_samples, rss_start, p50_early, p50_late, p50_late - p50_early, p90_early, p90_late,
           rss_early, rss_late, tex_early, tex_late, end.frames, end.reloads,
           end.reload_failures, saw_unsynced, saw_resync);

    CHECK(n_samples >= seconds / 2);
    CHECK(p50_early > 0 && p50_late > 0);
    CHECK(p50_late - p50_early < RSS_SLACK_KIB);
    CHECK(tex_early >= 0);
    CHECK(tex_late <= tex_early);
    CHECK_INT(end.reloads, 3);
    CHECK_INT(end.reload_failures, 0);
    CHECK(saw_unsynced);
    CHECK(saw_resync);
    /* The cycle turned over: slides of 2-3 s for the whole run. */
    CHECK(end.frames > seconds);
    rel_finish(bb_test_failures > 0, dir, log_path);
    free(sample_text);
    return bb_test_finish("soak");
}
