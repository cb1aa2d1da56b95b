#!/bin/sh
# bench/run.sh -- briefboard against a Chromium kiosk, on the same show.
#
#   bench/run.sh [--window S] [--runs N] [--out FILE] [--briefboard PATH]
#                [--no-chromium] [--no-callgrind] [--callgrind-only]
#                [--show sample|fosdem]
#
# --show fosdem runs briefboard alone (no Chromium page exists for it) on
# bench/fosdem.cfg: FOSDEM 2025's programme, a board paging every 5 s, an
# agenda; its frames between transitions include the board's page turns.
#
# Runs, one after the other in each of N rounds (default 3), over a window of
# S seconds (default 60) from launch, at 1920x1080:
#   bb-offscreen     briefboard, SDL offscreen driver (no X server)
#   bb-x11           briefboard, x11 driver under Xvfb
#   chrome-headless  chromium --headless=new
#   chrome-kiosk     chromium --kiosk under Xvfb
# with bench/show.cfg and the equivalent page bench/show.html (3 slides of
# 10 s, 0.5 s crossfade, a clock and a countdown ticking each second).  Each
# process tree runs in its own cgroup v2 group (bench/bbbench.c); Xvfb runs
# outside it and is reported on its own.  For each: CPU seconds over the
# window, peak PSS, time from launch to first frame (briefboard: its first
# SDL_RenderPresent, through the bench/bbhook.c shim; Chromium: first
# contentful paint, reported by the page), and for briefboard the loop's
# wake-ups per second between transitions (its sleeps, counted by the shim)
# and frame times during transitions.
# Then instructions per idle second and per transition frame under
# valgrind --tool=callgrind with the software renderer.  Prints the table,
# the ratios briefboard/Chromium, and writes it to FILE (bench/results.md).
# Not a test: it never fails on slowness.  Only loopback networking.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
window=60
runs=3
out="$here/results.md"
bb=""
do_chrome=1
do_cg=1
do_live=1
show=sample
while [ $# -gt 0 ]; do
    case "$1" in
    --window) window=$2; shift 2 ;;
    --window=*) window=${1#*=}; shift ;;
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --out) out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    --briefboard) bb=$2; shift 2 ;;
    --briefboard=*) bb=${1#*=}; shift ;;
    --no-chromium) do_chrome=0; shift ;;
    --no-callgrind) do_cg=0; shift ;;
    --callgrind-only) do_live=0; do_chrome=0; shift ;;
    --show) show=$2; shift 2 ;;
    --show=*) show=${1#*=}; shift ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

case "$show" in
sample) show_cfg="$here/show.cfg" ;;
fosdem) show_cfg="$here/fosdem.cfg"; do_chrome=0 ;;
*) echo "run.sh: --show sample or fosdem, not $show" >&2; exit 2 ;;
esac

W=1920
H=1080
PORT=18231             # the page's loopback listener
REFRESH_HZ=60          # Xvfb's nominal refresh: frame budget for "dropped"
CG_WINDOW=${BB_BENCH_CG_WINDOW:-150}   # seconds under callgrind: a transition
work=$(mktemp -d /tmp/bbbench.XXXXXX)
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    if [ -n "${BB_BENCH_KEEP:-}" ]; then echo "run.sh: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # the EXIT trap cleans up

need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "run.sh: installing $2" >&2
    apt-get install -y -o DPkg::Lock::Timeout=600 "$2" >/dev/null
}
need cc build-essential
need Xvfb xvfb
[ "$do_chrome" = 1 ] && need chromium chromium
[ "$do_cg" = 1 ] && need valgrind valgrind

# The helpers, and briefboard itself unless given.
cc -O2 -Wall -Wextra -o "$work/bbbench" "$here/bbbench.c"
cc -O2 -Wall -Wextra -shared -fPIC -o "$work/bbhook.so" "$here/bbhook.c" -ldl
if [ -z "$bb" ]; then
    cmake -S "$repo" -B "$repo/build/bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$repo/build/bench" --target briefboard -j2 >/dev/null
    bb="$repo/build/bench/src/briefboard"
fi

# Xvfb on a free display number, outside the measured groups.
xvfb_start() {
    n=90
    while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 "${W}x${H}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    i=0
    while [ ! -e "/tmp/.X11-unix/X$n" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    sleep 0.2
    DISPLAY=":$n"
    export DISPLAY
}
# CPU seconds Xvfb used so far.
xvfb_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); split($0, f, " "); printf "%.3f", (f[12] + f[13]) / hz }' \
        "/proc/$xvfb_pid/stat"
}
xvfb_stop() {
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
    unset DISPLAY
}

# key value lines of bbbench's output -> shell-safe "k=v" assignments.
getkey() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

# Frame analysis of a briefboard run: presents file and the loop's sleeps
# (mono ns, from bench/bbhook.c), launch instant.  Transitions are the runs
# of presents less than CLUSTER_MS apart (the 1 Hz ticks are ~1 s apart); a
# frame presented twice (an idle frame) is one frame.
bb_analyse() {   # presents wakes launch_ns
    awk -v launch="$3" -v hz="$REFRESH_HZ" -v wakes="$2" -v pixels=$((W * H)) '
    function sortn(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
    BEGIN { CLUSTER_MS = 300; DOUBLE_MS = 2; budget = 1000 / hz }
    # $2: pixels sent (-1: a whole frame).  A countdown tick sends a small
    # part of the screen; it is not a transition frame, even when a
    # transition starts soon after it.
    { t = $1 / 1e6; if (n > 0 && t - f[n] < DOUBLE_MS) next; f[++n] = t; big[n] = ($2 == "" || $2 < 0 || $2 >= pixels / 8) }
    END {
        first = f[1] - launch / 1e6
        # transition frames: in a run of frames closer than CLUSTER_MS
        ni = 0; drop = 0; nt = 0; ts = 0
        for (i = 2; i <= n; i++) {
            dt = f[i] - f[i - 1]
            if (dt < CLUSTER_MS && big[i] && big[i - 1]) {
                iv[++ni] = dt; d = int(dt / budget + 0.5) - 1; if (d > 0) drop += d
                if (!(i - 1 in intrans)) { tstart[++nt] = f[i - 1]; intrans[i - 1] = 1 }
                intrans[i] = 1; tend[nt] = f[i]
            }
        }
        sortn(iv, ni)
        p50 = ni ? iv[int((ni - 1) * 0.50) + 1] : -1
        p99 = ni ? iv[int((ni - 1) * 0.99) + 1] : -1
        # wake-ups: sleeps of the loop that ended between transitions, from
        # 1 s after one ends (or after the first frame) to 0.5 s before the
        # next starts, up to the last sleep seen.
        while ((getline line < wakes) > 0) { m++; wk[m] = line / 1e6 }
        tstart[nt + 1] = wk[m]; lo = f[1] + 1000; hi = tstart[1] - 500; k = 1; wt = 0; wn = 0
        for (;;) {
            if (hi > lo) { for (j = 1; j <= m; j++) if (wk[j] > lo && wk[j] <= hi) wn++; wt += (hi - lo) / 1000 }
            if (k > nt) break
            lo = tend[k] + 1000; k++; hi = tstart[k] - 500
        }
        # lone full frames (a board'"'"'s page turn, a new minute on a list):
        # from the wake-up that led to the frame to its present -- the work
        # of that one frame, which would include building the page were it
        # not built ahead.
        nl = 0
        for (i = 2; i <= n; i++) {
            if (!big[i] || (i in intrans)) continue
            w = -1
            for (j = 1; j <= m && wk[j] <= f[i]; j++) w = wk[j]
            if (w >= 0) lone[++nl] = f[i] - w
        }
        sortn(lone, nl)
        lp50 = nl ? lone[int((nl - 1) * 0.50) + 1] : -1
        lmax = nl ? lone[nl] : -1
        printf "first_ms %.1f\nwake_per_s %.2f\nframe_p50_ms %.1f\nframe_p99_ms %.1f\ndropped %d\ntransitions %d\ntrans_frames %d\nlone_frames %d\nlone_p50_ms %.1f\nlone_max_ms %.1f\n", \
            first, (wt > 0 ? wn / wt : -1), p50, p99, drop, nt, ni + nt, nl, lp50, lmax
    }' "$1"
}

results="$work/results.txt"   # case metric value, one line per run
: >"$results"
record() { echo "$1 $2 $3" >>"$results"; }

run_bb() {   # case driver
    c=$1
    rm -f "$work/presents" "$work/wakes"
    x0=0
    [ "$2" = x11 ] && { xvfb_start; x0=$(xvfb_cpu); }
    SDL_VIDEODRIVER=$2 LD_PRELOAD="$work/bbhook.so" BB_BENCH_PRESENTS="$work/presents" \
        BB_BENCH_WAKES="$work/wakes" "$work/bbbench" -w "$window" -- \
        "$bb" --config "$show_cfg" >"$work/out" 2>"$work/err" || true
    if [ "$2" = x11 ]; then
        record "$c" xcpu "$(awk -v a="$(xvfb_cpu)" -v b="$x0" 'BEGIN { printf "%.3f", a - b }')"
        xvfb_stop
    fi
    if [ ! -s "$work/presents" ]; then
        echo "run.sh: $c showed no frame:" >&2; cat "$work/err" >&2; return 0
    fi
    bb_analyse "$work/presents" "$work/wakes" "$(getkey launch_mono_ns "$work/out")" >>"$work/out"
    for k in cpu_s pss_peak_kib first_ms wake_per_s frame_p50_ms frame_p99_ms dropped trans_frames procs_peak \
             lone_frames lone_p50_ms lone_max_ms; do
        record "$c" "$k" "$(getkey "$k" "$work/out")"
    done
    acct=$(getkey accounting "$work/out")
}

run_chrome() {   # case headless|kiosk
    c=$1
    rm -rf "$work/profile"
    x0=0
    if [ "$2" = kiosk ]; then
        xvfb_start; x0=$(xvfb_cpu)
        set -- --kiosk
    else
        # Headless has no screen: its window is the show's size.
        set -- --headless=new --window-size=$W,$H
    fi
    "$work/bbbench" -w "$window" -s "$here/show.html" -p "$PORT" -- \
        chromium "$@" --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" "http://127.0.0.1:$PORT/" >"$work/out" 2>"$work/err" || true
    if [ -n "$xvfb_pid" ]; then
        record "$c" xcpu "$(awk -v a="$(xvfb_cpu)" -v b="$x0" 'BEGIN { printf "%.3f", a - b }')"
        xvfb_stop
    fi
    record "$c" cpu_s "$(getkey cpu_s "$work/out")"
    record "$c" pss_peak_kib "$(getkey pss_peak_kib "$work/out")"
    record "$c" procs_peak "$(getkey procs_peak "$work/out")"
    f=$(getkey fcp_ms "$work/out")
    [ "$f" != "-1.0" ] && record "$c" first_ms "$f"
    acct=$(getkey accounting "$work/out")
}

acct=cgroup
if [ "$do_live" = 1 ]; then
    r=1
    while [ "$r" -le "$runs" ]; do
        echo "round $r of $runs (${window} s each)" >&2
        run_bb bb-offscreen offscreen
        run_bb bb-x11 x11
        if [ "$do_chrome" = 1 ]; then
            run_chrome chrome-headless headless
            run_chrome chrome-kiosk kiosk
        fi
        r=$((r + 1))
    done
fi

# Deterministic cost: callgrind, software renderer, offscreen.  The shim
# dumps the counters at every present, tagged "full" (SDL_RenderPresent: the
# whole frame) or "partial" (SDL_UpdateWindowSurfaceRects: only what
# changed), so each dump holds the instructions of one frame and of the
# sleeps before it.  Under valgrind a frame takes seconds, so the show's
# timeline stretches; the tags tell the frames apart instead.  The idle cost
# per second is a small partial frame (under a quarter of the screen: one a
# second, the countdown tick); a transition frame is any larger one after
# the first (startup and first frame).
cg_idle=""; cg_frame=""; cg_nidle=""; cg_ntrans=""
if [ "$do_cg" = 1 ]; then
    echo "callgrind (about $CG_WINDOW s)" >&2
    mkdir -p "$work/cg"
    rm -f "$work/presents"
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software LD_PRELOAD="$work/bbhook.so" \
        BB_BENCH_PRESENTS="$work/presents" BB_BENCH_CALLGRIND=1 \
        "$work/bbbench" -w "$CG_WINDOW" -g 300 -- valgrind --tool=callgrind --callgrind-out-file="$work/cg/cg.%p" \
        "$bb" --config "$show_cfg" >"$work/cgout" 2>"$work/cgerr" || true
    # Each dump: the present's instant (its trigger), its kind, its instructions.
    for fcg in "$work"/cg/cg.*; do
        awk '/^desc: Trigger: Client Request: / { t = $NF; a = $(NF - 1); k = $(NF - 2) } /^(summary|totals):/ { ir = $2 } END { if (t != "") print t, k, a, ir }' "$fcg"
    done | sort -n >"$work/cgdumps"
    # A small partial frame's dump holds that frame and every wake-up since
    # the frame before: divided by the seconds between the two presents it
    # is the cost of an idle second, whether the show changes something
    # every second (a countdown) or once a minute (a board's "in 12 min").
    set -- $(awk '
        function sortn(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x } }
        NR == 1 { prev = $1; next }            # startup and the first frame
        { dt = ($1 - prev) / 1e9; prev = $1; if (dt < 1) dt = 1 }
        $2 == "partial" && $3 < PIXELS / 4 { idle[++ni] = $4 / dt; next }
        { tr[++nt] = $4 }
        END {
            sortn(idle, ni); sortn(tr, nt)
            printf "%.0f %.0f %d %d\n", ni ? idle[int((ni + 1) / 2)] : -1, nt ? tr[int((nt + 1) / 2)] : -1, ni, nt
        }' PIXELS=$((W * H)) "$work/cgdumps")
    cg_idle=$1; cg_frame=$2; cg_nidle=$3; cg_ntrans=$4
fi

# The table: median (min-max) of each metric per case.
stat() {   # case metric scale -> "median (min–max)" or "–"
    awk -v c="$1" -v k="$2" -v sc="$3" -v fmt="$4" '
    function sortn(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x } }
    $1 == c && $2 == k && $3 != "" { v[++n] = $3 * sc }
    END {
        if (!n) { printf "–"; exit }
        sortn(v, n); m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        if (n == 1) printf fmt, m; else printf fmt " (" fmt "–" fmt ")", m, v[1], v[n]
    }' "$results"
}
median() {
    awk -v c="$1" -v k="$2" '
    function sortn(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x } }
    $1 == c && $2 == k && $3 != "" { v[++n] = $3 }
    END { if (!n) exit; sortn(v, n); print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }' "$results"
}
ratio() {   # a b -> "a/b" as 1/x
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a <= 0 || b <= 0) printf "–"; else printf "1/%.1f", b / a }'
}

{
    if [ -s "$results" ]; then
    echo "| ${W}x${H}, $show show, ${window} s window, $runs runs, median (min–max) | CPU s | peak PSS MiB | first frame ms | processes | Xvfb CPU s |"
    echo "|---|---|---|---|---|---|"
    for c in bb-offscreen bb-x11 chrome-headless chrome-kiosk; do
        grep -q "^$c " "$results" || continue
        echo "| $c | $(stat $c cpu_s 1 %.2f) | $(stat $c pss_peak_kib 0.0009765625 %.1f) | $(stat $c first_ms 1 %.0f) | $(stat $c procs_peak 1 %d) | $(stat $c xcpu 1 %.2f) |"
    done
    fi
    if grep -q "^bb-" "$results"; then
        echo
        echo "| briefboard | wake-ups/s between transitions | transition frame p50 ms | p99 ms | dropped frames (at ${REFRESH_HZ} Hz) | transition frames |"
        echo "|---|---|---|---|---|---|"
        for c in bb-offscreen bb-x11; do
            echo "| $c | $(stat $c wake_per_s 1 %.2f) | $(stat $c frame_p50_ms 1 %.1f) | $(stat $c frame_p99_ms 1 %.1f) | $(stat $c dropped 1 %d) | $(stat $c trans_frames 1 %d) |"
        done
        echo
        echo "| briefboard | lone full frames (page turns) | wake-up to present p50 ms | max ms |"
        echo "|---|---|---|---|"
        for c in bb-offscreen bb-x11; do
            echo "| $c | $(stat $c lone_frames 1 %d) | $(stat $c lone_p50_ms 1 %.1f) | $(stat $c lone_max_ms 1 %.1f) |"
        done
    fi
    if grep -q "^chrome-" "$results"; then
        echo
        echo "| ratio briefboard/Chromium (medians) | CPU | peak PSS | first frame |"
        echo "|---|---|---|---|"
        for pair in "bb-offscreen chrome-headless" "bb-x11 chrome-kiosk"; do
            set -- $pair
            echo "| $1 / $2 | $(ratio "$(median $1 cpu_s)" "$(median $2 cpu_s)") | $(ratio "$(median $1 pss_peak_kib)" "$(median $2 pss_peak_kib)") | $(ratio "$(median $1 first_ms)" "$(median $2 first_ms)") |"
        done
    fi
    if [ -n "$cg_idle" ]; then
        echo
        echo "| callgrind, software renderer, ${W}x${H} | instructions |"
        echo "|---|---|"
        echo "| per idle second (a small partial frame and the wake-ups since the last, per second between them; median of $cg_nidle) | $(printf '%s' "$cg_idle" | awk '{ printf "%.2f M", $1 / 1e6 }') |"
        echo "| per transition frame (median of $cg_ntrans) | $(printf '%s' "$cg_frame" | awk '{ printf "%.2f M", $1 / 1e6 }') |"
    fi
    echo
    echo "CPU: all processes of each program's tree, $( [ "$acct" = cgroup ] && echo "cgroup v2 cpu.stat" || echo "summed from /proc (no writable cgroup v2)"); Xvfb counted apart."
    echo "$(uname -m), $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); $(date -u +%Y-%m-%d)."
} >"$out"
cat "$out"
