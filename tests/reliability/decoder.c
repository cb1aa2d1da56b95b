/*
 * decoder: the real program showing a picture while the picture goes bad
 * under it, with a stand-in for systemd's watchdog ($NOTIFY_SOCKET, a 12 s
 * WatchdogSec as $WATCHDOG_USEC) and its control socket for screenshots.
 *
 *  1. a good (red) picture: on screen;
 *  2. replaced by one whose decoder child crashes (the test hook
 *     BRIEFBOARD_TEST_DECODER): refused, logged with the file's name and
 *     "crashed", the red picture stays;
 *  3. replaced by one whose decoder hangs: the display does not wait for
 *     it -- while the child hangs, screenshots are answered at once,
 *     showing red, and the stats file keeps being written -- and it is
 *     stopped at its deadline, refused with "took longer", the red
 *     picture stays;
 *  3b. hanging again, the child killed from outside (as the OOM killer
 *     would): refused at once as "crashed", the red picture stays;
 *  4. replaced by issue #16's row-3 files (a JPEG declaring 20000x20000, a
 *     PNG declaring 100000x100000, made here): refused from the header, the
 *     red picture stays, the display's peak resident memory (VmHWM) stays
 *     bounded;
 *  5. replaced by a good blue picture whose decoder takes two seconds:
 *     red while it decodes, then blue on screen (the control: the
 *     screenshots can tell the pictures apart).
 * Throughout, the process stays alive and the watchdog pings never stop for
 * longer than the watchdog interval.  Last, `--check` on the row-3 files
 * reports both as refused, in bounded time and memory.
 */
#include "rel_common.h"

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "bb_test.h"
#include "bb_test_images.h"
#include "bb_test_notify.h"

#define WATCHDOG_MS 12000
#define WATCHDOG_USEC "12000000"
/* The display's own peak resident memory with everything above done:
 * Mesa, fonts and a full-HD frame take ~100-200 MiB; a decoded 20000x20000
 * picture alone would be 1.6 GB. */
#define MAX_HWM_KIB (400 * 1024)
#define CHECK_MAX_MS 20000.0
#define CHECK_MAX_RSS_KIB (400 * 1024)
/* While a decoder hangs, HANG_SHOTS screenshots over HANG_SAMPLE_MS are
 * each answered within ANSWER_MAX_MS (the loop goes on; it used to wait
 * for the child's 7-8 s deadline). */
#define ANSWER_MAX_MS 1500.0
#define HANG_SAMPLE_MS 3000
#define HANG_SHOTS 3

static char dir[] = "/tmp/bb_decoder_XXXXXX";
static char sock_path[108], ctl_path[108], cfg_path[512], stats_path[512], log_path[512];
static char pic_path[512];
static int sock = -1;
static bb_test_pings pings;

/* Read watchdog messages for ms, counting pings and the longest gap. */
static void pump(unsigned ms)
{
    char msg[512];
    for (uint64_t end = rel_now_ms() + ms; rel_now_ms() < end;) {
        ssize_t got = recv(sock, msg, sizeof msg - 1, MSG_DONTWAIT);
        if (got < 0) {
            rel_sleep_ms(5);
            continue;
        }
        msg[got] = '\0';
        bb_test_pings_note(&pings, msg, rel_now_ms());
    }
}

/* "screenshot PATH" on the control socket; 0 when it answered "ok". */
static int screenshot(const char *png)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", ctl_path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    char line[700], reply[700] = "";
    snprintf(line, sizeof line, "screenshot %s\n", png);
    ssize_t n = write(fd, line, strlen(line));
    size_t got = 0;
    /* The display answers between frames: keep reading the notify socket. */
    for (uint64_t end = rel_now_ms() + 10000; n > 0 && rel_now_ms() < end && !strchr(reply, '\n');) {
        ssize_t r = recv(fd, reply + got, sizeof reply - 1 - got, MSG_DONTWAIT);
        if (r > 0) {
            got += (size_t)r;
            reply[got] = '\0';
        } else if (r == 0) {
            break;
        } else {
            pump(20);
        }
    }
    close(fd);
    return strncmp(reply, "ok", 2) == 0 ? 0 : -1;
}

/* Share of the screen (per mille) close to rgb in a fresh screenshot. */
static int share_of(Uint32 rgb)
{
    char png[600];
    snprintf(png, sizeof png, "%s/shot.png", dir);
    unlink(png);
    if (screenshot(png) != 0)
        return -1;
    SDL_Surface *raw = IMG_Load(png);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0) : NULL;
    SDL_FreeSurface(raw);
    if (!s)
        return -1;
    long hits = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            int close_enough = 1;
            for (int sh = 0; sh < 24; sh += 8) {
                int d = (int)((row[x] >> sh) & 0xFF) - (int)((rgb >> sh) & 0xFF);
                close_enough = close_enough && d < 12 && d > -12;
            }
            hits += close_enough;
        }
    }
    int per_mille = (int)(hits * 1000 / ((long)s->w * s->h));
    SDL_FreeSurface(s);
    return per_mille;
}

/* Wait up to ms for text in the program's log; true when it is there. */
static bool log_has(const char *text, unsigned ms)
{
    for (uint64_t end = rel_now_ms() + ms;;) {
        char *log = rel_read_file(log_path, NULL);
        bool found = log && strstr(log, text);
        free(log);
        if (found)
            return true;
        if (rel_now_ms() >= end)
            return false;
        pump(100);
    }
}

static int log_count(const char *text)
{
    char *log = rel_read_file(log_path, NULL);
    int n = 0;
    for (const char *p = log ? strstr(log, text) : NULL; p; p = strstr(p + 1, text))
        n++;
    free(log);
    return n;
}

/* The picture shown is still the red one. */
static void expect_red(const char *when)
{
    pump(1500);   /* the watcher's settling time and a frame or two */
    int red = share_of(0xC02020);
    printf("decoder: %s: red on %d per mille of the screen\n", when, red);
    CHECK(red > 200);
}

/* While the decoder of the picture just written hangs: the loop keeps
 * answering (screenshots, red, one after another, each at once) and
 * writing its stats file, where it used to wait for the child. */
static void expect_loop_goes_on(void)
{
    pump(1500);   /* the watcher's settling time: the decode has started */
    rel_stats before = rel_read_stats(stats_path);
    double worst = 0;
    int red = 1000;
    for (int i = 0; i < HANG_SHOTS; i++) {
        double t0 = ti_now_ms();
        int share = share_of(0xC02020);
        double ms = ti_now_ms() - t0;
        worst = ms > worst ? ms : worst;
        red = share < red ? share : red;
        pump(HANG_SAMPLE_MS / HANG_SHOTS);
    }
    rel_stats after = rel_read_stats(stats_path);
    printf("decoder: while it hangs: %d screenshots, the slowest in %.0f ms, red on >= %d per "
           "mille; the stats file's clock moved %lld ms in %d ms\n", HANG_SHOTS, worst, red,
           after.mono_ms - before.mono_ms, HANG_SAMPLE_MS);
    CHECK(worst < ANSWER_MAX_MS);
    CHECK(red > 200);
    CHECK(after.mono_ms - before.mono_ms >= HANG_SAMPLE_MS / 2);
}

/* --check on the row-3 files: refused, bounded time and memory. */
static void check_row3(const char *jpeg, const char *png)
{
    char cfg[600];
    snprintf(cfg, sizeof cfg, "%s/row3.cfg", dir);
    FILE *f = fopen(cfg, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "version = 1;\nslides = (\n  { type = \"image\"; file = \"%s\"; },\n"
               "  { type = \"image\"; file = \"%s\"; }\n);\n", jpeg, png);
    fclose(f);
    char out[600];
    snprintf(out, sizeof out, "%s/check.out", dir);
    fflush(NULL);   /* or the child's freopen writes our buffered lines again */
    double t0 = ti_now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(out, "w", stdout) || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
            _exit(127);
        execl(BB_PROGRAM, BB_PROGRAM, "--check", "--config", cfg, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    CHECK(pid > 0 && wait4(pid, &status, 0, &ru) == pid);
    double ms = ti_now_ms() - t0;
    printf("decoder: --check on row 3: %.0f ms, peak resident %ld KiB\n", ms, ru.ru_maxrss);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    CHECK(ms < CHECK_MAX_MS);
    CHECK(ru.ru_maxrss > 0 && ru.ru_maxrss < CHECK_MAX_RSS_KIB);
    char *text = rel_read_file(out, NULL);
    char want[700];
    snprintf(want, sizeof want, "image %s was refused: its JPEG header declares 20000 x 20000", jpeg);
    CHECK(text && strstr(text, want));
    snprintf(want, sizeof want, "image %s was refused: its PNG header declares 100000 x 100000", png);
    CHECK(text && strstr(text, want));
    if (bb_test_failures && text)
        fprintf(stderr, "--- --check said ---\n%s\n", text);
    free(text);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    snprintf(sock_path, sizeof sock_path, "%s/notify", dir);
    snprintf(ctl_path, sizeof ctl_path, "%s/control", dir);
    snprintf(cfg_path, sizeof cfg_path, "%s/briefboard.cfg", dir);
    snprintf(stats_path, sizeof stats_path, "%s/stats", dir);
    snprintf(log_path, sizeof log_path, "%s/briefboard.log", dir);
    snprintf(pic_path, sizeof pic_path, "%s/picture.png", dir);

    /* One image slide and nothing else, so every screenshot shows it. */
    const char *cfg = "version = 1;\n"
                      "footer = { enabled = false; };\n"
                      "slides = ( { type = \"image\"; file = \"picture.png\"; fit = \"cover\"; } );\n";
    CHECK(rel_write_atomic(cfg_path, cfg, strlen(cfg)) == 0);
    CHECK(ti_solid_png(pic_path, 640, 360, 0xC02020, NULL) == 0);

    sock = bb_test_notify_bind(sock_path);
    if (sock < 0)
        return 1;
    char env_socket[200], env_runtime[200];
    snprintf(env_socket, sizeof env_socket, "NOTIFY_SOCKET=%s", sock_path);
    snprintf(env_runtime, sizeof env_runtime, "RUNTIME_DIRECTORY=%s", dir);
    const char *env[] = {env_socket, env_runtime, "WATCHDOG_USEC=" WATCHDOG_USEC,
                         "WATCHDOG_PID=$PID", "BRIEFBOARD_TEST_DECODER=1", NULL};
    pid_t pid = rel_spawn(cfg_path, stats_path, log_path, env);
    CHECK(pid > 0);
    bool started = rel_wait_started(pid, stats_path);
    CHECK(started);
    if (!started) {
        rel_finish(true, dir, log_path);
        return bb_test_finish("decoder");
    }
    pump(500);

    expect_red("a good picture");

    CHECK(ti_solid_png(pic_path, 640, 360, 0xC02020, TI_MARK_CRASH) == 0);
    char want[700];
    snprintf(want, sizeof want, "image %s was refused: its decoder crashed; its last good version "
                                "stays on screen", pic_path);
    CHECK(log_has(want, 15000));
    expect_red("its decoder crashed");
    CHECK(rel_alive(pid));

    CHECK(ti_solid_png(pic_path, 640, 360, 0xC02020, TI_MARK_HANG "....") == 0);
    expect_loop_goes_on();
    snprintf(want, sizeof want, "image %s was refused: its decoder took longer than", pic_path);
    CHECK(log_has(want, 20000));
    expect_red("its decoder hung");
    CHECK(rel_alive(pid));

    int crashed_before = log_count("its decoder crashed");
    CHECK(ti_solid_png(pic_path, 640, 360, 0xC02020, TI_MARK_HANG "........") == 0);
    pump(1500);   /* the watcher's settling time: the decode has started */
    CHECK_INT(ti_kill_children(pid), 1);
    pump(1000);
    printf("decoder: its decoder killed: logged %d more time(s)\n",
           log_count("its decoder crashed") - crashed_before);
    CHECK(log_count("its decoder crashed") == crashed_before + 1);
    expect_red("its decoder was killed");
    CHECK(rel_alive(pid));

    char jpeg[600], png[600];
    snprintf(jpeg, sizeof jpeg, "%s/row3.jpg", dir);
    snprintf(png, sizeof png, "%s/row3.png", dir);
    CHECK(ti_row3_jpeg(jpeg, 20000) > 0);
    CHECK(ti_row3_png(png, 100000) > 0);
    for (int k = 0; k < 2; k++) {
        /* Into the picture's place, as an editor would copy it. */
        size_t len = 0;
        unsigned char *data = ti_slurp(k == 0 ? jpeg : png, &len);
        CHECK(data && ti_write(pic_path, data, len, NULL) == 0);
        free(data);
        snprintf(want, sizeof want, "image %s was refused: its %s header declares %s", pic_path,
                 k == 0 ? "JPEG" : "PNG", k == 0 ? "20000 x 20000" : "100000 x 100000");
        CHECK(log_has(want, 15000));
        expect_red(k == 0 ? "a JPEG declaring 20000x20000" : "a PNG declaring 100000x100000");
    }
    char status_path[64];
    snprintf(status_path, sizeof status_path, "/proc/%ld/status", (long)pid);
    long hwm = ti_status_kib(status_path, "VmHWM");
    printf("decoder: the display's peak resident memory: %ld KiB\n", hwm);
    CHECK(hwm > 0 && hwm < MAX_HWM_KIB);

    /* A refusal is logged once, not each time the slide comes round (a
     * reload forgets what was logged: at most once more per reload). */
    rel_stats st = rel_read_stats(stats_path);
    int crashed = log_count("its decoder crashed");
    CHECK(crashed >= 1 && crashed <= 1 + (st.reloads > 0 ? st.reloads : 0));

    CHECK(ti_solid_png(pic_path, 640, 360, 0x2040C0, TI_MARK_SLOW) == 0);
    pump(1000);
    int red = share_of(0xC02020);
    printf("decoder: a blue picture decoding slowly: red on %d per mille meanwhile\n", red);
    CHECK(red > 200);
    pump(TI_SLOW_MS + 1500);
    int blue = share_of(0x2040C0);
    printf("decoder: a good blue picture: blue on %d per mille of the screen\n", blue);
    CHECK(blue > 200);

    printf("decoder: %d watchdog pings, longest gap %llu ms (interval %d ms)\n", pings.count,
           (unsigned long long)pings.max_gap_ms, WATCHDOG_MS);
    CHECK(pings.count >= 3);
    CHECK(pings.max_gap_ms < WATCHDOG_MS);
    CHECK(rel_alive(pid));
    int code = rel_stop(pid, 20000);
    CHECK(code != -1 && WIFEXITED(code) && WEXITSTATUS(code) == 0);

    check_row3(jpeg, png);

    close(sock);
    rel_finish(bb_test_failures > 0, dir, log_path);
    IMG_Quit();
    SDL_Quit();
    return bb_test_finish("decoder");
}
