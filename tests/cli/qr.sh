#!/bin/sh
# qr: QR codes decode from the screenshot at every screen size -- an
# announcement's qr_url, and the talk's url on countdown and room slides
# with qr = true (tests/data/qr/qr.cfg).  zbarimg (zbar-tools) reads them
# as a phone would: from the pixels, with no hint where the code is.
. "$(dirname "$0")/lib.sh"
CFG=$SRC/tests/data/qr/qr.cfg
NOW=2025-02-01T11:20:00+01:00
LINK=https://programme.example.org/2025/
TALK=https://programme.example.org/2025/talk/keeping-lobby-screens-honest/

command -v zbarimg >/dev/null || { echo "qr.sh: zbarimg not found (scripts/install-deps.sh --test)" >&2; exit 1; }

# decode SIZE SLIDE WANT
decode() {
    png=$TMP/qr-$1-$2.png
    run --config "$CFG" --screenshot "$png" --size "$1" --now "$NOW" --slide "$2"
    expect_rc 0
    checks=$((checks + 1))
    # zbarimg exits 4 when it finds no code; --raw prints only the data.
    got=$(zbarimg -q --raw "$png" 2>/dev/null)
    [ "$got" = "$3" ] || fail "slide $2 at $1: decoded '$got', want '$3'"
}

for size in 1280x720 1920x1080 3840x2160 1080x1920; do
    decode "$size" 1 "$LINK"
    decode "$size" 2 "$TALK"
    decode "$size" 3 "$TALK"
done

# Without qr = true the countdown has no code.
sed 's/talk = "keynote"; qr = true;/talk = "keynote";/' "$CFG" >"$TMP/noqr.cfg"
run --config "$TMP/noqr.cfg" --screenshot "$TMP/noqr.png" --size 1920x1080 --now "$NOW" --slide 2
expect_rc 0
checks=$((checks + 1))
got=$(zbarimg -q --raw "$TMP/noqr.png" 2>/dev/null)
[ -z "$got" ] || fail "countdown without qr: decoded '$got'"

# A talk url that is not a web address is refused with file and line.
sed 's|url = "https://programme.example.org/2025/talk/keeping-lobby-screens-honest/";|url = "javascript:alert(1)";|' \
    "$CFG" >"$TMP/badurl.cfg"
run --check --config "$TMP/badurl.cfg"
expect_rc 1
expect_has out "badurl.cfg:19:" "'url' \"javascript:alert(1)\" is not an http:// or https:// address"
finish
