/*
 * bbbench: launch one program for the benchmark (bench/run.sh) and measure
 * its whole process tree over a fixed window.
 *
 *   bbbench [-w SECONDS] [-g SECONDS] [-s PAGE.html] [-p PORT] [-t TASKS.txt] -- CMD ARGS...
 *
 * -g: how long the program may take to exit after SIGTERM before SIGKILL
 * (default 3 s; valgrind needs longer to write its profile).
 *
 * The child is moved into a fresh cgroup v2 group before it execs, so every
 * process it starts is counted; the group's cpu.stat usage_usec is the CPU
 * time.  Where no cgroup v2 hierarchy is writable, the tree is found through
 * /proc (parent pids) and its utime+stime summed: children that exited
 * before the end are then counted only when their parent reaped them.
 * Every SAMPLE_MS it sums the PSS of the tree (smaps_rollup) and keeps the
 * peak.  With -s it serves PAGE.html at http://127.0.0.1:PORT/ and takes
 * "GET /fcp?t=EPOCH_MS" from the page as its first contentful paint.  With
 * -t it appends "mono_ns voluntary_switches" of the launched process's main thread
 * at each sample (for wake-ups per second).
 *
 * Prints "key value" lines: accounting, cpu_s, pss_peak_kib, procs_peak,
 * launch_mono_ns, fcp_ms (-1: none reported).  Never fails on slowness;
 * exit status 2 only when the program could not be started.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MS 100          /* PSS and thread samples, ms */
#define MAX_PROCS 512          /* processes followed in the tree */
#define TERM_GRACE_MS 3000     /* SIGTERM, then SIGKILL after this, ms (-g) */
#define PAGE_MAX (1 << 20)     /* largest page served, bytes */

static char bench_cg[600];     /* the cgroup directory, "" when none */
static double bench_grace_ms = TERM_GRACE_MS;

static long long now_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The first cgroup2 mount in /proc/mounts, or 0 when there is none. */
static int bench_cgroup_root(char *out, size_t n)
{
    FILE *f = fopen("/proc/mounts", "r");
    char dev[256], dir[512], type[64];
    int found = 0;
    if (!f)
        return 0;
    while (!found && fscanf(f, "%255s %511s %63s %*[^\n]", dev, dir, type) == 3)
        if (strcmp(type, "cgroup2") == 0) {
            snprintf(out, n, "%s", dir);
            found = 1;
        }
    fclose(f);
    return found;
}

static int bench_cgroup_make(void)
{
    char root[512];
    if (!bench_cgroup_root(root, sizeof root))
        return 0;
    snprintf(bench_cg, sizeof bench_cg, "%s/bbbench.%d", root, (int)getpid());
    if (mkdir(bench_cg, 0755) < 0) {
        bench_cg[0] = '\0';
        return 0;
    }
    return 1;
}

/* The pids in the group (or the tree under root through /proc). */
static int bench_pids(pid_t root, pid_t *out, int max)
{
    int n = 0;
    if (bench_cg[0]) {
        char path[700];
        FILE *f;
        int pid;
        snprintf(path, sizeof path, "%s/cgroup.procs", bench_cg);
        if (!(f = fopen(path, "r")))
            return 0;
        while (n < max && fscanf(f, "%d", &pid) == 1)
            out[n++] = pid;
        fclose(f);
        return n;
    }
    /* Fallback: walk /proc until no new child of the tree appears. */
    out[n++] = root;
    for (int grew = 1; grew && n < max;) {
        DIR *d = opendir("/proc");
        struct dirent *e;
        grew = 0;
        if (!d)
            break;
        while ((e = readdir(d)) && n < max) {
            char path[300], buf[512];
            int pid = atoi(e->d_name), ppid = 0, in = 0;
            FILE *f;
            if (pid <= 0)
                continue;
            for (int i = 0; i < n; i++)
                in |= out[i] == pid;
            if (in)
                continue;
            snprintf(path, sizeof path, "/proc/%d/stat", pid);
            if (!(f = fopen(path, "r")))
                continue;
            if (fgets(buf, sizeof buf, f)) {
                char *p = strrchr(buf, ')');
                if (p)
                    sscanf(p + 2, "%*c %d", &ppid);
            }
            fclose(f);
            for (int i = 0; i < n; i++)
                if (out[i] == ppid) {
                    out[n++] = pid;
                    grew = 1;
                    break;
                }
        }
        closedir(d);
    }
    return n;
}

static long bench_pss_kib(pid_t pid)
{
    char path[64], line[256];
    long kib = 0, v;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
    if (!(f = fopen(path, "r")))
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Pss: %ld kB", &v) == 1)
            kib = v;
    fclose(f);
    return kib;
}

/* utime+stime (+ reaped children's) of one process, seconds. */
static double bench_proc_cpu_s(pid_t pid)
{
    char path[64], buf[1024];
    unsigned long long ut = 0, st = 0;
    long long cut = 0, cst = 0;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r")))
        return 0;
    if (fgets(buf, sizeof buf, f)) {
        char *p = strrchr(buf, ')');
        if (p)
            sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld", &ut,
                   &st, &cut, &cst);
    }
    fclose(f);
    return (double)(ut + st + (unsigned long long)cut + (unsigned long long)cst) /
           (double)sysconf(_SC_CLK_TCK);
}

static double bench_cpu_s(pid_t root)
{
    if (bench_cg[0]) {
        char path[700], key[64];
        unsigned long long v;
        double s = -1;
        FILE *f;
        snprintf(path, sizeof path, "%s/cpu.stat", bench_cg);
        if (!(f = fopen(path, "r")))
            return -1;
        while (fscanf(f, "%63s %llu", key, &v) == 2)
            if (strcmp(key, "usage_usec") == 0)
                s = (double)v / 1e6;
        fclose(f);
        return s;
    }
    pid_t pids[MAX_PROCS];
    int n = bench_pids(root, pids, MAX_PROCS);
    double s = 0;
    for (int i = 0; i < n; i++)
        s += bench_proc_cpu_s(pids[i]);
    return s;
}

/* The launched process's main thread's voluntary context switches: each
 * is one sleep of the display loop, so their rate is its wake-up rate. */
static long long bench_switches(pid_t pid)
{
    char path[64], line[128];
    long long v, total = -1;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "voluntary_ctxt_switches: %lld", &v) == 1)
            total = v;
    fclose(f);
    return total;
}

static int bench_listen(int port)
{
    struct sockaddr_in a;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);   /* loopback only */
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 16) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One request: the page, or the page's first contentful paint. */
static void bench_serve(int lfd, const char *page, size_t page_len, double *fcp_epoch_ms)
{
    int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    char req[2048], head[256];
    ssize_t got = 0, r;
    struct pollfd p;
    if (c < 0)
        return;
    p.fd = c;
    p.events = POLLIN;
    /* The request line is all that matters; wait for it briefly. */
    while (got < (ssize_t)sizeof req - 1 && poll(&p, 1, 500) > 0 &&
           (r = read(c, req + got, sizeof req - 1 - (size_t)got)) > 0) {
        got += r;
        req[got] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    req[got > 0 ? got : 0] = '\0';
    if (strncmp(req, "GET /fcp?t=", 11) == 0) {
        if (*fcp_epoch_ms < 0)
            *fcp_epoch_ms = strtod(req + 11, NULL);
        snprintf(head, sizeof head, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        if (write(c, head, strlen(head)) < 0)
            perror("bbbench: write");
    } else if (strncmp(req, "GET / ", 6) == 0) {
        int n = snprintf(head, sizeof head,
                         "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                         "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                         page_len);
        if (write(c, head, (size_t)n) < 0 || write(c, page, page_len) < 0)
            perror("bbbench: write");
    } else {
        snprintf(head, sizeof head, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        if (write(c, head, strlen(head)) < 0)
            perror("bbbench: write");
    }
    close(c);
}

static void bench_stop(pid_t child)
{
    pid_t pids[MAX_PROCS];
    int n = bench_pids(child, pids, MAX_PROCS), status;
    long long end = now_ns(CLOCK_MONOTONIC) + (long long)(bench_grace_ms * 1e6);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGTERM);
    while (now_ns(CLOCK_MONOTONIC) < end) {
        if (waitpid(child, &status, WNOHANG) == child)
            break;
        usleep(20000);
    }
    n = bench_pids(child, pids, MAX_PROCS);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    waitpid(child, &status, 0);
    if (bench_cg[0]) {
        /* Wait for the group to empty before removing it. */
        for (int tries = 0; tries < 100 && bench_pids(child, pids, MAX_PROCS) > 0; tries++) {
            n = bench_pids(child, pids, MAX_PROCS);
            for (int i = 0; i < n; i++)
                kill(pids[i], SIGKILL);
            usleep(20000);
        }
        rmdir(bench_cg);
    }
}

static char *bench_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (!f)
        return NULL;
    buf = malloc(PAGE_MAX);
    if (buf)
        *len = fread(buf, 1, PAGE_MAX, f);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    double window_s = 60, fcp_epoch_ms = -1, cpu;
    const char *page_path = NULL, *tasks_path = NULL;
    char *page = NULL;
    size_t page_len = 0;
    int port = 0, lfd = -1, opt, procs_peak = 0;
    long pss_peak = 0;
    long long launch_mono, launch_real_ms, end;
    FILE *tasks = NULL;
    pid_t child;

    while ((opt = getopt(argc, argv, "+w:s:p:t:g:")) != -1) {
        switch (opt) {
        case 'w': window_s = strtod(optarg, NULL); break;
        case 's': page_path = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 't': tasks_path = optarg; break;
        case 'g': bench_grace_ms = strtod(optarg, NULL) * 1000; break;
        default:
            fprintf(stderr, "usage: bbbench [-w S] [-g S] [-s PAGE -p PORT] [-t FILE] -- CMD...\n");
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "bbbench: no command\n");
        return 2;
    }
    if (page_path) {
        if (!(page = bench_read_file(page_path, &page_len)) || (lfd = bench_listen(port)) < 0) {
            fprintf(stderr, "bbbench: cannot serve %s on 127.0.0.1:%d\n", page_path, port);
            return 2;
        }
    }
    if (tasks_path && !(tasks = fopen(tasks_path, "w"))) {
        perror(tasks_path);
        return 2;
    }
    bench_cgroup_make();
    launch_mono = now_ns(CLOCK_MONOTONIC);
    launch_real_ms = now_ns(CLOCK_REALTIME) / 1000000LL;
    child = fork();
    if (child < 0) {
        perror("bbbench: fork");
        return 2;
    }
    if (child == 0) {
        if (bench_cg[0]) {
            char path[700];
            FILE *f;
            snprintf(path, sizeof path, "%s/cgroup.procs", bench_cg);
            if ((f = fopen(path, "w"))) {
                fprintf(f, "%d\n", (int)getpid());
                fclose(f);
            }
        }
        if (lfd >= 0)
            close(lfd);
        execvp(argv[optind], argv + optind);
        perror(argv[optind]);
        _exit(127);
    }
    end = launch_mono + (long long)(window_s * 1e9);
    for (;;) {
        long long t = now_ns(CLOCK_MONOTONIC), next = t + SAMPLE_MS * 1000000LL;
        pid_t pids[MAX_PROCS];
        int n = bench_pids(child, pids, MAX_PROCS), status;
        long pss = 0;
        for (int i = 0; i < n; i++)
            pss += bench_pss_kib(pids[i]);
        if (pss > pss_peak)
            pss_peak = pss;
        if (n > procs_peak)
            procs_peak = n;
        if (tasks)
            fprintf(tasks, "%lld %lld\n", t, bench_switches(child));
        if (t >= end || waitpid(child, &status, WNOHANG) == child)
            break;
        /* Serve the page and the paint report until the next sample. */
        for (long long left; (left = next - now_ns(CLOCK_MONOTONIC)) > 0;) {
            struct pollfd p = { .fd = lfd, .events = POLLIN };
            if (lfd >= 0 && poll(&p, 1, (int)(left / 1000000LL) + 1) > 0)
                bench_serve(lfd, page, page_len, &fcp_epoch_ms);
            else if (lfd < 0)
                usleep((useconds_t)(left / 1000));
        }
    }
    cpu = bench_cpu_s(child);
    bench_stop(child);
    if (tasks)
        fclose(tasks);
    printf("accounting %s\n", bench_cg[0] ? "cgroup" : "proc");
    printf("cpu_s %.3f\n", cpu);
    printf("pss_peak_kib %ld\n", pss_peak);
    printf("procs_peak %d\n", procs_peak);
    printf("launch_mono_ns %lld\n", launch_mono);
    printf("fcp_ms %.1f\n", fcp_epoch_ms < 0 ? -1.0 : fcp_epoch_ms - (double)launch_real_ms);
    free(page);
    if (lfd >= 0)
        close(lfd);
    return 0;
}
