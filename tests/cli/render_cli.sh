#!/bin/sh
# render_cli: the headless previews as a user runs them.
#   $1 = the briefboard program, $2 = the source tree.
# Checks that --screenshot and --render-all write real PNGs of the right
# size with no display at all, and that wrong option values and a broken
# config give the documented exit codes (2 usage/environment, 1 config).
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

# Under LeakSanitizer, the offscreen driver's GL stack (Mesa, unloaded when
# SDL quits) shows up as leaks from "<unknown module>" that no suppression
# can name (see tests/bb_test_pin.h).  Runs on that path skip leak
# detection; the same previews on the dummy driver's software renderer, at
# the end, keep it.  Without a sanitizer these variables change nothing.
asan_keep=${ASAN_OPTIONS:-}
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

fail() {
    failures=$((failures + 1))
    echo "render_cli: FAIL: $*" >&2
}

# "WxH" from the PNG's IHDR chunk (big-endian width and height at byte 16).
png_size() {
    od -An -tu1 -j16 -N8 "$1" |
        awk '{ printf "%dx%d\n", $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

# expect_png FILE WxH
expect_png() {
    checks=$((checks + 1))
    if [ ! -s "$1" ]; then
        fail "$1 was not written"
        return
    fi
    sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
    if [ "$sig" != "89504e470d0a1a0a" ]; then
        fail "$1 is not a PNG (starts with $sig)"
        return
    fi
    size=$(png_size "$1")
    [ "$size" = "$2" ] || fail "$1 is $size, want $2"
}

# expect_exit CODE ARGS...: run briefboard with ARGS, want exit CODE.
expect_exit() {
    want=$1
    shift
    checks=$((checks + 1))
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$want" ]; then
        fail "briefboard $* exited $got, want $want; stderr:"
        sed 's/^/    /' "$tmp/err" >&2
    fi
}

cfg=$tmp/show.cfg
cat >"$cfg" <<'EOF'
version = 1;
display = { time_zone = "UTC"; };
cycle = { duration = 10; transition = "fade"; transition_time = 0.8; };
talks = (
  { id = "geneva"; title = "Strategic Stability Dialogue"; forum = "US-Russia";
    venue = "Geneva"; start = "2022-01-10T09:00"; zone = "Europe/Zurich"; duration_min = 240; }
);
slides = (
  { type = "takeaways"; heading = "Key takeaways";
    items = [ "Ryabkov predicts talks within the next two weeks", "Advances near Kupyansk" ]; },
  { type = "stat"; figure = "110 million"; caption = "people forcibly displaced"; source = "Wilson Center"; },
  { type = "countdown"; talk = "geneva"; }
);
EOF
now=2022-01-08T12:00:00Z

# No display at all: no X, no Wayland, no driver chosen.
unset DISPLAY WAYLAND_DISPLAY SDL_VIDEODRIVER

expect_exit 0 --config "$cfg" --now $now --screenshot "$tmp/default.png"
expect_png "$tmp/default.png" 1920x1080

expect_exit 0 --config "$cfg" --now $now --size 640x360 --screenshot "$tmp/small.png"
expect_png "$tmp/small.png" 640x360

# Rotated: the PNG is what the panel receives, at the panel's size.
for deg in 90 180 270; do
    expect_exit 0 --config "$cfg" --now $now --size 640x360 --rotate $deg --screenshot "$tmp/rot$deg.png"
    expect_png "$tmp/rot$deg.png" 640x360
done
expect_exit 0 --config "$cfg" --now $now --size 360x640 --rotate 90 --slide 2 --screenshot "$tmp/portrait.png"
expect_png "$tmp/portrait.png" 360x640

expect_exit 0 --config "$cfg" --now $now --size 800x450 --render-all "$tmp/all"
expect_png "$tmp/all/01-takeaways.png" 800x450
expect_png "$tmp/all/02-stat.png" 800x450
expect_png "$tmp/all/03-countdown.png" 800x450
checks=$((checks + 1))
n=$(ls "$tmp/all" | wc -l)
[ "$n" -eq 3 ] || fail "--render-all wrote $n files, want 3"

# The bundled sample, when present, renders slide by slide.
if [ -f "$src/config/briefboard.cfg" ]; then
    expect_exit 0 --config "$src/config/briefboard.cfg" --now $now --size 480x270 --render-all "$tmp/sample"
    for f in "$tmp"/sample/*.png; do
        expect_png "$f" 480x270
    done
fi

# Wrong values: usage errors, exit 2, nothing written.
for size in 0x0 abc 1920 100000x1080 1920x-5; do
    expect_exit 2 --config "$cfg" --size "$size" --screenshot "$tmp/bad.png"
done
for deg in 45 -90 360 ninety; do
    expect_exit 2 --config "$cfg" --rotate "$deg" --screenshot "$tmp/bad.png"
done
expect_exit 2 --config "$cfg" --slide 9 --screenshot "$tmp/bad.png"
checks=$((checks + 1))
[ ! -e "$tmp/bad.png" ] || fail "a refused preview still wrote a file"

# A config with an error: exit 1.
printf 'version = 1;\nslides = ( { type = "stat"; figure = 12; } );\n' >"$tmp/broken.cfg"
expect_exit 1 --config "$tmp/broken.cfg" --screenshot "$tmp/broken.png"

# An output that cannot be written: exit 2.
expect_exit 2 --config "$cfg" --now $now --screenshot "$tmp/no/such/dir/x.png"

# The software path, with leak detection as the sanitizer run set it.
ASAN_OPTIONS=$asan_keep SDL_VIDEODRIVER=dummy expect_exit 0 --config "$cfg" --now $now \
    --size 640x360 --rotate 270 --render-all "$tmp/soft"
expect_png "$tmp/soft/03-countdown.png" 640x360
ASAN_OPTIONS=$asan_keep SDL_VIDEODRIVER=dummy expect_exit 2 --config "$cfg" --rotate 45 \
    --screenshot "$tmp/bad.png"

echo "render_cli: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
