/*
 * briefboardctl: send one command to a running briefboard's control socket
 * and print its one-line reply (see briefboardctl(1), docs/fleet.md).
 *
 *   briefboardctl [--socket PATH] [--timeout S] COMMAND [ARG]...
 *
 * Exit status: 0 when the display did it (or answered `status`), 1 when it
 * answered "error ...", 2 for a usage mistake or no answer at all.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define PROGRAM "briefboardctl"
#define DEFAULT_SOCKET "/run/briefboard/control"
#define SOCKET_ENV "BRIEFBOARD_CONTROL"
/* The protocol's longest request and reply, bytes (bb_ctl.h, bb_control.c). */
#define MAX_REQUEST 4096
#define MAX_REPLY 16384
#define DEFAULT_TIMEOUT_S 10
#define EXIT_DONE 0
#define EXIT_REFUSED 1
#define EXIT_FAILED 2

static int usage(FILE *out, int rc);
static int build_request(int argc, char **argv, char *req, size_t cap);
static int64_t now_ms(void);

int main(int argc, char **argv)
{
    const char *path = getenv(SOCKET_ENV);
    long timeout_s = DEFAULT_TIMEOUT_S;
    char req[MAX_REQUEST + 1];
    static char reply[MAX_REPLY + 1];
    size_t got = 0;
    int i = 1;

    if (!path || !*path)
        path = DEFAULT_SOCKET;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage(stdout, EXIT_DONE);
        if (strcmp(argv[i], "--version") == 0) {
            printf(PROGRAM " %s\n", BB_VERSION);
            return EXIT_DONE;
        }
        if ((strcmp(argv[i], "--socket") == 0 || strcmp(argv[i], "-s") == 0) && i + 1 < argc) {
            path = argv[++i];
        } else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
            char *end;
            timeout_s = strtol(argv[++i], &end, 10);
            if (*end || timeout_s < 1 || timeout_s > 3600) {
                fprintf(stderr, PROGRAM ": --timeout: expected seconds from 1 to 3600, got '%s'\n",
                        argv[i]);
                return EXIT_FAILED;
            }
        } else {
            fprintf(stderr, PROGRAM ": unknown option '%s' (see " PROGRAM " --help)\n", argv[i]);
            return EXIT_FAILED;
        }
    }
    if (i >= argc)
        return usage(stderr, EXIT_FAILED);
    if (build_request(argc - i, argv + i, req, sizeof req) < 0)
        return EXIT_FAILED;

    struct sockaddr_un addr;
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, PROGRAM ": %s: path too long\n", path);
        return EXIT_FAILED;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(stderr, PROGRAM ": cannot connect to %s: %s (is briefboard running, and are you "
                        "in its group?)\n", path, strerror(errno));
        return EXIT_FAILED;
    }
    size_t len = strlen(req), sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, PROGRAM ": %s: %s\n", path, strerror(errno));
            return EXIT_FAILED;
        }
        sent += (size_t)n;
    }
    int64_t deadline = now_ms() + timeout_s * 1000;
    while (!memchr(reply, '\n', got)) {
        int64_t left = deadline - now_ms();
        struct pollfd p = { fd, POLLIN, 0 };
        if (left <= 0 || got == MAX_REPLY) {
            fprintf(stderr, PROGRAM ": no answer from %s within %ld s\n", path, timeout_s);
            return EXIT_FAILED;
        }
        if (poll(&p, 1, (int)left) <= 0)
            continue;
        ssize_t n = recv(fd, reply + got, MAX_REPLY - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, PROGRAM ": %s closed the connection without an answer\n", path);
            return EXIT_FAILED;
        }
        got += (size_t)n;
    }
    close(fd);
    *(char *)memchr(reply, '\n', got) = '\0';
    if (strncmp(reply, "error", 5) == 0) {
        fprintf(stderr, PROGRAM ": %s\n", reply);
        return EXIT_REFUSED;
    }
    puts(reply);
    return EXIT_DONE;
}

static int usage(FILE *out, int rc)
{
    fputs("Usage: " PROGRAM " [--socket PATH] [--timeout S] COMMAND [ARG]...\n"
          "Send one command to a running briefboard and print its answer.\n"
          "\n"
          "Commands:\n"
          "  status                 one line of JSON: config state, slide, override, power...\n"
          "  next | prev            the next / previous slide\n"
          "  pause | resume         stop / restart the slide cycle\n"
          "  reload                 re-read the config\n"
          "  override TEXT...       show TEXT full screen (\\n: a line break)\n"
          "  override clear         remove it\n"
          "  power on | power off   panel on / off\n"
          "  screenshot FILE.png    write the frame on screen (by the display's user)\n"
          "\n"
          "  --socket PATH  the control socket (default $" SOCKET_ENV ", else " DEFAULT_SOCKET ")\n"
          "  --timeout S    wait at most S seconds for the answer (default 10)\n"
          "Exit status: 0 done, 1 refused by the display, 2 usage or no answer\n",
          out);
    return rc;
}

/* The words joined by spaces, and a newline; a relative screenshot path is
 * made absolute (the display's working directory is not ours). */
static int build_request(int argc, char **argv, char *req, size_t cap)
{
    size_t o = 0;
    for (int i = 0; i < argc; i++) {
        char abs[PATH_MAX];
        const char *w = argv[i];
        if (i == 1 && strcmp(argv[0], "screenshot") == 0 && w[0] != '/') {
            char cwd[PATH_MAX];
            if (!getcwd(cwd, sizeof cwd) ||
                (size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, w) >= sizeof abs) {
                fprintf(stderr, PROGRAM ": %s: path too long\n", w);
                return -1;
            }
            w = abs;
        }
        size_t n = strlen(w);
        if (strpbrk(w, "\n\r")) {
            fprintf(stderr, PROGRAM ": a newline cannot be sent; write \\n for a line break\n");
            return -1;
        }
        if (o + n + 2 > cap - 1) {
            fprintf(stderr, PROGRAM ": the command is longer than %d bytes\n", MAX_REQUEST - 1);
            return -1;
        }
        if (i > 0)
            req[o++] = ' ';
        memcpy(req + o, w, n);
        o += n;
    }
    req[o++] = '\n';
    req[o] = '\0';
    return 0;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
