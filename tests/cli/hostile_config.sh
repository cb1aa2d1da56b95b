# Hostile and damaged configs through --check (issue rows: an @include of a
# directory, /proc/self/mem or a FIFO; a config of NUL bytes, an empty one,
# a NUL in the middle of a good one; an @include fan-out; a 16 MB string in
# an included file).  Each must give one clean FILE:LINE message and exit 1
# in bounded time -- never exit(2) from inside libconfig, never block.
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG
cd "$TMP" || exit 1

good='version = 1;
slides = ( { type = "quote"; text = "Hello"; attribution = "Me"; } );
'

# run_bounded ARG...: as run, but a hang is a failure, not a stuck test.
run_bounded() {
    timeout 20 "$B" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    what="briefboard $*"
}

mkdir incdir
printf '%s@include "incdir"\n' "$good" >dir.cfg
run_bounded --check --config dir.cfg
expect_rc 1
expect_has out 'dir.cfg:3: error: @include "incdir": the included file is not a regular file'

printf '%s@include "/proc/self/mem"\n' "$good" >mem.cfg
run_bounded --check --config mem.cfg
expect_rc 1
expect_has out 'mem.cfg:3: error: @include "/proc/self/mem": the included file is not a regular file'

mkfifo fifo
printf '%s@include "fifo"\n' "$good" >fifo.cfg
run_bounded --check --config fifo.cfg
expect_rc 1
expect_has out 'fifo.cfg:3: error: @include "fifo": the included file is not a regular file'
# The config itself a FIFO.
run_bounded --check --config fifo
expect_rc 1
expect_has out 'fifo: error: the config file is not a regular file'

head -c 8192 /dev/zero >zeros.cfg
run_bounded --check --config zeros.cfg
expect_rc 1
expect_has out 'zeros.cfg:1: error: the file contains a NUL byte'

: >empty.cfg
run_bounded --check --config empty.cfg
expect_rc 1
expect_has out 'empty.cfg: error: the config file is empty'

printf '# only a comment\n\n' >comment.cfg
run_bounded --check --config comment.cfg
expect_rc 1
expect_has out 'comment.cfg: error: the config file is empty'

{ printf '%s' "$good"; printf '\000'; printf 'display = { theme = "light"; };\n'; } >nul.cfg
run_bounded --check --config nul.cfg
expect_rc 1
expect_has out 'nul.cfg:3: error: the file contains a NUL byte'

# Fan-out: each file includes the next ten times, six levels deep.
i=0
while [ $i -lt 7 ]; do
    n=$((i + 1))
    : >"f$i.cfg"
    for k in 1 2 3 4 5 6 7 8 9 10; do echo "@include \"f$n.cfg\"" >>"f$i.cfg"; done
    i=$n
done
echo '# leaf' >f7.cfg
printf '%s@include "f0.cfg"\n' "$good" >fan.cfg
run_bounded --check --config fan.cfg
expect_rc 1
expect_has out 'error: @include "f' 'expand to more than 256 files'

# A 16 MB string in an included file: the size cap covers includes too.
{ printf 'x = "'; head -c 16777216 /dev/zero | tr '\000' a; printf '";\n'; } >big.cfg
printf '%s@include "big.cfg"\n' "$good" >bigmain.cfg
run_bounded --check --config bigmain.cfg
expect_rc 1
expect_has out 'bigmain.cfg:3: error: @include "big.cfg": the included file is larger than'

# A good config with a good include is still good.
printf 'footer = { clock = true; };\n' >part.cfg
printf '%s@include "part.cfg"\n' "$good" >ok.cfg
run_bounded --check --config ok.cfg
expect_rc 0

# Row 11: a 4,000-byte CJK figure at 3840x2160, and 4,000 bytes of Arabic
# words as a quote.  The layout measured the ink of the whole 1,333-character
# line at every size it tried (a surface of ~700 MB each time, 100 s and
# 1.2 GB in all), then measured every line against the rest of its
# paragraph (4.9 s and 257 MB drawn, --check 5.7 s); now the work is what
# the box can show.  The address space is capped (not under the
# sanitizers, which reserve terabytes) so that the old behaviour fails here.
cjk=$(awk 'BEGIN { for (i = 0; i < 1333; i++) { c = 19968 + (i * 37) % 20000;
        printf "%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64 } }')
arabic=$(awk 'BEGIN { for (i = 0; i < 1950; i++) { c = 1575 + (i * 7) % 35;
        if (i % 6 == 5) printf " "; else printf "%c%c", 192 + int(c / 64), 128 + c % 64 } }')
printf 'version = 1;\nslides = ( { type = "stat"; figure = "%s"; caption = "c"; },\n' "$cjk" >cjk.cfg
printf '  { type = "quote"; text = "%s"; attribution = "a"; } );\n' "$arabic" >>cjk.cfg
for slide in 1 2; do
    start=$(date +%s)
    (
        # Not under the sanitizers or qemu-user: both reserve address space far
        # beyond what they use.
        [ "$slow" -gt 1 ] || ulimit -v 600000
        timeout $((60 * slow)) "$B" --config cjk.cfg --screenshot "$TMP/cjk.png" --size 3840x2160 \
            --now 2025-02-01T11:20:00+01:00 --slide $slide >"$TMP/out" 2>"$TMP/err"
    )
    rc=$?
    what="briefboard --screenshot (row 11, slide $slide, at 3840x2160)"
    took=$(( $(date +%s) - start ))
    echo "row 11: slide $slide of 4,000 bytes drawn at 3840x2160 in $took s"
    expect_rc 0
    expect_has err "cjk.cfg:$((slide + 1)): " 'slide' 'does not fit at 3840x'
    [ "$took" -le $((10 * slow)) ] || fail "row 11: slide $slide took $took s"
done
start=$(date +%s)
run_bounded --check --config cjk.cfg
took=$(( $(date +%s) - start ))
echo "row 11: both checked at four sizes in $took s"
expect_rc 0
expect_has out 'cjk.cfg:2: warning: stat slide does not fit at 1080x1920'
expect_has out 'cjk.cfg:3: warning: quote slide does not fit at 1280x720'
[ "$took" -le $((3 * slow)) ] || fail "row 11: --check took $took s"

finish
