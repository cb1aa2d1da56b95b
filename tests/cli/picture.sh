#!/bin/sh
# picture: image slides as a user previews them (tests/data/picture): an
# SVG with fit contain and cover, a bitmap, at the four sizes, and a
# missing picture as a placeholder with the config's line.  Sharpness and
# the decode cache are checked in test_picture.
. "$(dirname "$0")/lib.sh"
CFG=$SRC/tests/data/picture/picture.cfg
NOW=2025-02-01T11:20:00+01:00

for size in 1280x720 1920x1080 3840x2160 1080x1920; do
    run --config "$CFG" --render-all "$TMP/all-$size" --size "$size" --now "$NOW"
    expect_rc 0
    checks=$((checks + 1))
    ! grep -E 'error|warning' "$TMP/err" >/dev/null || { fail "$what: problems on stderr"; show err; }
    checks=$((checks + 1))
    n=$(ls "$TMP/all-$size" | wc -l)
    [ "$n" -eq 5 ] || fail "--render-all at $size wrote $n files, want 5"
done

# An SVG that is no SVG: refused by --check with the line.
cp "$SRC/tests/data/picture/plan.svg" "$TMP/plan.svg"
printf 'version = 1;\nslides = ( { type = "image";\n  file = "plan.txt"; } );\n' >"$TMP/bad.cfg"
printf 'just text\n' >"$TMP/plan.txt"
run --check --config "$TMP/bad.cfg"
expect_rc 1
expect_has out "$TMP/bad.cfg:3: error: file 'plan.txt' is not a PNG, JPEG or SVG image"
finish
