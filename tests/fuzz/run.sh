#!/bin/sh
# Run each libFuzzer harness for a bounded time.
#
#   tests/fuzz/run.sh [-t SECONDS] [-b BUILD_DIR] [HARNESS...]
#
# SECONDS per harness (default 60, or $BB_FUZZ_SECONDS); BUILD_DIR defaults to
# build/fuzz, configured with the `fuzz` preset (clang,
# -fsanitize=fuzzer,address,undefined) and built here when needed.  HARNESS is
# any of: config iso tz layout import ctl feed imghead (default: all).
#
# Each harness starts from its seed corpus (tests/fuzz/corpus/NAME, never
# written to) plus what earlier runs found (BUILD_DIR/fuzz-corpus/NAME).  A
# crash, leak, sanitizer report, broken invariant or timeout is saved under
# BUILD_DIR/fuzz-artifacts/NAME/ and reported; the script then exits 1.
# To keep a crash as a regression test: minimise it (HARNESS -minimize_crash=1
# FILE) and copy it into tests/fuzz/regressions/NAME/; CTest replays it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
seconds=${BB_FUZZ_SECONDS:-60}
build="$src/build/fuzz"

while getopts t:b: opt; do
    case "$opt" in
        t) seconds=$OPTARG ;;
        b) build=$OPTARG ;;
        *) echo "usage: $0 [-t SECONDS] [-b BUILD_DIR] [HARNESS...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
harnesses=${*:-config iso tz layout import ctl feed imghead}

if [ ! -f "$build/CMakeCache.txt" ]; then
    (cd "$src" && cmake --preset fuzz -B "$build")
fi
targets=""
for h in $harnesses; do targets="$targets fuzz_$h"; done
# shellcheck disable=SC2086  # one word per target
cmake --build "$build" -j2 --target $targets

# Leaks inside system libraries, each explained there (libconfig's on syntax
# errors, for one).
LSAN_OPTIONS="suppressions=$src/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

failed=""
for h in $harnesses; do
    exe="$build/tests/fuzz/fuzz_$h"
    corpus="$build/fuzz-corpus/$h"
    artifacts="$build/fuzz-artifacts/$h"
    mkdir -p "$corpus" "$artifacts"
    dict=""
    [ -f "$here/$h.dict" ] && dict="-dict=$here/$h.dict"
    before=$(find "$artifacts" -type f | wc -l)
    echo "== fuzz_$h: ${seconds}s"
    # -timeout: one input taking longer is a hang worth a report.
    # stdin from /dev/null: nothing a harness opens can wait on a terminal.
    # shellcheck disable=SC2086  # $dict is empty or one word
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$artifacts/" $dict \
            "$corpus" "$here/corpus/$h" </dev/null >"$build/fuzz-$h.log" 2>&1; then
        failed="$failed $h"
    fi
    after=$(find "$artifacts" -type f | wc -l)
    [ "$after" -gt "$before" ] && case " $failed " in *" $h "*) ;; *) failed="$failed $h" ;; esac
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' "$build/fuzz-$h.log" || true
done

if [ -n "$failed" ]; then
    for h in $failed; do
        echo "FAILED: fuzz_$h -- log $build/fuzz-$h.log, inputs in $build/fuzz-artifacts/$h/:" >&2
        ls -1 "$build/fuzz-artifacts/$h" >&2 || true
        grep -m1 -E 'ERROR|runtime error|invariant failed' "$build/fuzz-$h.log" >&2 || true
    done
    exit 1
fi
echo "fuzzing: no crash in $harnesses"
