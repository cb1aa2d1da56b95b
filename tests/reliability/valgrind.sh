#!/bin/sh
# valgrind memcheck of the real program for a few hundred frames.
#
#   tests/reliability/valgrind.sh PROGRAM SOURCE_DIR
#
# Runs the sample config (slides shortened to 2 s, so transitions give many
# frames; a 640x360 window, so software drawing stays quick under valgrind)
# on SDL's dummy video driver -- software rendering, no EGL or Mesa, whose
# JIT and dlclose'd drivers only add noise under valgrind -- until
# BB_VALGRIND_FRAMES frames (default 300) have been drawn, then stops it
# with SIGTERM.  Fails on any memcheck
# error and on any leak "definitely lost"; suppressions
# (tests/reliability/valgrind.supp) cover system libraries only, each one
# explained there.  The full report is kept when the run fails.
set -eu
program=$1
src=$2
frames_wanted=${BB_VALGRIND_FRAMES:-300}
timeout_s=${BB_VALGRIND_TIMEOUT:-400}

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind is not installed (scripts/install-deps.sh --test)" >&2
    exit 1
fi
work=$(mktemp -d /tmp/bb_valgrind_XXXXXX)
sed -e "s#\"\\.\\./assets/#\"$src/assets/#" \
    -e 's/duration = 12;/duration = 2;/' -e 's/duration = 20;/duration = 2;/' \
    -e 's/width = 0;/width = 640;/' -e 's/height = 0;/height = 360;/' \
    -e 's/fullscreen = true;/fullscreen = false;/' \
    "$src/config/briefboard.cfg" >"$work/briefboard.cfg"

SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software \
BRIEFBOARD_STATS_FILE="$work/stats" BRIEFBOARD_ASSUME_SYNC=1 \
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --error-exitcode=99 --track-origins=yes \
    --suppressions="$src/tests/reliability/valgrind.supp" --gen-suppressions=all \
    --log-file="$work/valgrind.log" \
    "$program" --config "$work/briefboard.cfg" >"$work/program.log" 2>&1 &
pid=$!

frames=0
waited=0
while [ "$frames" -lt "$frames_wanted" ] && [ "$waited" -lt "$timeout_s" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        break
    fi
    sleep 1
    waited=$((waited + 1))
    frames=$(sed -n 's/^frames //p' "$work/stats" 2>/dev/null || true)
    frames=${frames:-0}
done
kill -TERM "$pid" 2>/dev/null || true
rc=0
wait "$pid" || rc=$?

echo "valgrind: $frames frames in ${waited}s, exit status $rc"
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost" "$work/valgrind.log" || true
if [ "$rc" -ne 0 ] || [ "$frames" -lt "$frames_wanted" ]; then
    echo "valgrind: FAILED (want $frames_wanted frames and exit 0); report: $work/valgrind.log" >&2
    grep -B2 -A30 -m3 -E "Invalid|uninitialised|definitely lost in" "$work/valgrind.log" >&2 || true
    tail -20 "$work/program.log" >&2
    exit 1
fi
rm -rf "$work"
