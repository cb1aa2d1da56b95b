# --check as a process: the sample, broken configs (every problem, sorted,
# with the right FILE:LINE), warnings only, a missing file, the search order.
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG

# The sample is valid and --check prints nothing at all.
run --check --config "$SRC/config/briefboard.cfg"
expect_rc 0
expect_empty out
expect_empty err
# Found by the search order from the source tree: ./config/briefboard.cfg.
(cd "$SRC" && "$B" --check) >"$TMP/out" 2>"$TMP/err"
rc=$?
what="briefboard --check (in the source tree)"
expect_rc 0
expect_empty out

cd "$DATA" || exit 1

# Every problem of a broken file, one line each, in line order.
run --check --config broken-many.cfg
expect_rc 1
expect_empty err
expect_lines out 10
expect_has out "broken-many.cfg:7: warning: " "'rotaton'" "'rotation'"
expect_has out "broken-many.cfg:11: error: " "'duration'"
expect_has out "broken-many.cfg:16: error: " "time zone" "'Europe/Genva'"
expect_has out "broken-many.cfg:19: error: " "'end'" "before"
expect_has out "broken-many.cfg:20: error: " "duplicate" "'geneva'"
expect_has out "broken-many.cfg:23: error: " "2022-03-27T02:30" "does not exist"
expect_has out "broken-many.cfg:25: error: " "2022-02-30"
expect_has out "broken-many.cfg:29: error: " "'genva'" "'geneva'"
expect_has out "broken-many.cfg:30: error: " "'figure'"
expect_has out "broken-many.cfg:31: error: " "slideshow"
checks=$((checks + 1))
cut -d: -f2 "$TMP/out" >"$TMP/lines"
sort -n "$TMP/lines" | cmp -s - "$TMP/lines" || { fail "$what: lines not sorted"; show out; }

# The same through $BRIEFBOARD_CONFIG, and --config wins over it.
BRIEFBOARD_CONFIG=broken-many.cfg "$B" --check >"$TMP/out" 2>"$TMP/err"
rc=$?
what="BRIEFBOARD_CONFIG=broken-many.cfg briefboard --check"
expect_rc 1
expect_lines out 10
BRIEFBOARD_CONFIG=broken-many.cfg "$B" --check --config warnings-only.cfg >"$TMP/out" 2>"$TMP/err"
rc=$?
what="BRIEFBOARD_CONFIG=broken-many.cfg briefboard --check --config warnings-only.cfg"
expect_rc 0

# A problem inside an @include'd file is reported at that file's line.
run --check --config broken-include.cfg
expect_rc 1
expect_lines out 1
expect_has out "include-talks.cfg:5: error: " "'duration_min'"

# A syntax error, at its line.
run --check --config broken-syntax.cfg
expect_rc 1
expect_lines out 1
expect_has out "broken-syntax.cfg:6: error: " "syntax"

# Warnings alone do not fail.
run --check --config=warnings-only.cfg
expect_rc 0
expect_empty err
expect_lines out 2
expect_has out "warnings-only.cfg:3: warning: " "'clok'" "'clock'"
expect_has out "warnings-only.cfg:7: warning: " "2022-10-30T02:30" "ambiguous"

# A missing file: no line number, exit 1.
run --check --config does-not-exist.cfg
expect_rc 1
expect_lines out 1
expect_has out "does-not-exist.cfg: error: cannot open"

finish
