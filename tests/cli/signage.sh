#!/bin/sh
# signage: the override message and quiet hours through the program, as
# previews.  With the override file present the frame is the alert panel
# with text; without it (or blank) the slide shows; inside quiet hours the
# frame is black (or black with a few grey clock pixels), outside it the
# slide; with the override file present quiet hours do not hide it.
#   $1 = the briefboard program, $2 = the source tree.
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
SDL_VIDEODRIVER=dummy
SDL_RENDER_DRIVER=software
export SDL_VIDEODRIVER SDL_RENDER_DRIVER

fail() {
    failures=$((failures + 1))
    echo "signage: FAIL: $*" >&2
}

# "alert background black grey other" pixel counts of a PNG (8-bit RGB or
# RGBA, not interlaced: what the program writes).
census() {
    python3 - "$src/tests" "$1" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from pnglib import png_rows
w, bpp, rows = png_rows(sys.argv[2])
stride = w * bpp
# alert: the emergency panel's red; background: the theme's, or the
# panel's white text
want = {(0xB0, 0x00, 0x20): 0, (0x10, 0x18, 0x20): 1, (0xFF, 0xFF, 0xFF): 1, (0, 0, 0): 2,
        (0x96, 0x96, 0x96): 3}
n = [0, 0, 0, 0, 0]
for line in rows:
    for x in range(0, stride, bpp):
        n[want.get(tuple(line[x:x + 3]), 4)] += 1
print(*n)
PY
}

cat >"$tmp/s.cfg" <<EOF2
version = 1;
display = { time_zone = "Europe/Zurich"; theme = "dark"; };
override = { file = "$tmp/override.txt"; };
quiet = { days = [ "mon", "tue", "wed", "thu", "fri" ]; from = "22:00"; until = "06:30"; };
slides = ( { type = "stat"; figure = "110 million"; caption = "forcibly displaced"; } );
EOF2
sed 's/^quiet = .*/&\nquiet_style = "clock";/' "$tmp/s.cfg" >"$tmp/clock.cfg"

shot() { # cfg now out
    "$bin" --config "$1" --now "$2" --size 320x180 --screenshot "$3" >"$tmp/log" 2>&1 ||
        fail "screenshot $3: $(cat "$tmp/log")"
}
expect() { # file description test-on-"alert bg black grey other"
    checks=$((checks + 1))
    set -- "$1" "$2" "$3" $(census "$1")
    f=$1 what=$2 cond=$3 alert=$4 bg=$5 black=$6 grey=$7 other=$8
    total=$((alert + bg + black + grey + other))
    eval "$cond" || fail "$what (alert=$alert background=$bg black=$black grey=$grey other=$other)"
}

day=2025-03-10T10:00:00Z      # Monday 11:00 in Zurich
night=2025-03-10T22:30:00Z    # Monday 23:30

rm -f "$tmp/override.txt"
shot "$tmp/s.cfg" $day "$tmp/day.png"
expect "$tmp/day.png" "by day without override the slide shows" \
    '[ "$bg" -gt $((total / 2)) ] && [ "$alert" -lt $((total / 10)) ]'

printf 'Fire alarm\nLeave by the north stairs\n' >"$tmp/override.txt"
shot "$tmp/s.cfg" $day "$tmp/ov.png"
expect "$tmp/ov.png" "the override is an alert panel with text" \
    '[ "$alert" -gt $((total / 2)) ] && [ "$bg" -gt $((total / 100)) ] && [ "$black" -eq 0 ]'
checks=$((checks + 1))
grep -q "override on" "$tmp/log" || fail "no 'override on' log line"

shot "$tmp/s.cfg" $night "$tmp/ov-night.png"
expect "$tmp/ov-night.png" "the override wakes a quiet screen" '[ "$alert" -gt $((total / 2)) ]'

printf '  \n' >"$tmp/override.txt"
shot "$tmp/s.cfg" $night "$tmp/night.png"
expect "$tmp/night.png" "quiet hours are black" '[ "$black" -eq "$total" ]'

shot "$tmp/clock.cfg" $night "$tmp/clock.png"
# (At this size the digits are small: most of their pixels are anti-aliased
# greys, counted as "other".)
expect "$tmp/clock.png" "the dim clock is a few grey pixels on black" \
    '[ $((grey + other)) -gt 50 ] && [ "$black" -gt $((total * 9 / 10)) ] && [ $((alert + bg)) -eq 0 ]'

# Friday night runs into Saturday morning; Saturday night is not quiet.
shot "$tmp/s.cfg" 2025-03-15T04:00:00Z "$tmp/sat-early.png"
expect "$tmp/sat-early.png" "Saturday 05:00 (Friday's window) is quiet" '[ "$black" -eq "$total" ]'
shot "$tmp/s.cfg" 2025-03-15T22:30:00Z "$tmp/sat-night.png"
expect "$tmp/sat-night.png" "Saturday night is not quiet" '[ "$bg" -gt $((total / 2)) ]'

echo "signage: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
