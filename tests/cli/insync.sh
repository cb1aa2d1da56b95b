#!/bin/sh
# insync: screens in step as processes.  Two independent previews of the same
# config (cycle.sync = true) at the same --now render the same slide: the
# one the wall clock names, which is not the first slide, and which a
# preview of that slide with --slide draws byte for byte.  With sync off the
# same instant shows the first slide.
#   $1 = the briefboard program, $2 = the source tree.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
# The offscreen GL stack's leaks cannot be suppressed by name (see
# render_cli.sh): the software renderer keeps these runs leak-checked.
SDL_VIDEODRIVER=dummy
SDL_RENDER_DRIVER=software
export SDL_VIDEODRIVER SDL_RENDER_DRIVER

fail() {
    failures=$((failures + 1))
    echo "insync: FAIL: $*" >&2
}

write_cfg() {
    cat >"$1" <<EOF2
version = 1;
display = { time_zone = "UTC"; };
footer = { enabled = false; };
cycle = { duration = 10; transition = "cut"; sync = $2; };
slides = (
  { type = "stat"; figure = "1"; caption = "first"; },
  { type = "stat"; figure = "2"; caption = "second"; duration = 5; },
  { type = "stat"; figure = "3"; caption = "third"; duration = 7; } );
EOF2
}
write_cfg "$tmp/on.cfg" true
write_cfg "$tmp/off.cfg" false

shot() { # cfg now out [extra...]
    cfg=$1 now=$2 out=$3
    shift 3
    "$bin" --config "$cfg" --now "$now" --size 320x180 --screenshot "$out" "$@" \
        >"$tmp/log" 2>&1 || { fail "screenshot $out failed: $(cat "$tmp/log")"; }
}
same() { checks=$((checks + 1)); cmp -s "$1" "$2" || fail "$3"; }
differ() { checks=$((checks + 1)); cmp -s "$1" "$2" && fail "$3"; }

# The period is 22 s.  2025-03-10T09:00:00Z is 1741597200 s, which is
# 1741597200 mod 22 = 2 s into a round: slide 1 (0-10 s).  +10 s is 12 s
# in: slide 2 (10-15 s); +14 s is 16 s in: slide 3 (15-22 s).  (--slide
# counts from 1.)
for case in "2025-03-10T09:00:10Z 2" "2025-03-10T09:00:14Z 3" "2025-03-10T09:00:00Z 1"; do
    set -- $case
    now=$1 slide=$2
    shot "$tmp/on.cfg" "$now" "$tmp/a.png"
    shot "$tmp/on.cfg" "$now" "$tmp/b.png"
    shot "$tmp/on.cfg" "$now" "$tmp/want.png" --slide "$slide"
    same "$tmp/a.png" "$tmp/b.png" "two screens at $now differ"
    same "$tmp/a.png" "$tmp/want.png" "at $now the screen does not show slide $slide"
    if [ "$slide" != 1 ]; then
        shot "$tmp/off.cfg" "$now" "$tmp/off.png"
        shot "$tmp/off.cfg" "$now" "$tmp/first.png" --slide 1
        differ "$tmp/a.png" "$tmp/off.png" "at $now sync on and off show the same slide"
        same "$tmp/off.png" "$tmp/first.png" "without sync the first slide is not shown first"
    fi
done

echo "insync: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
