# --now anchors everything computed from "now", the expansion of recurring
# iCalendar events included: a weekly meeting from Wednesday 2 March 2022
# (tests/data/import/weekly.ics, 10:00 in Brussels, no end) is listed
# around the --now instant, whatever the machine's clock says.  The
# expansion window is a week back and a year ahead of "now"
# (bb_import_limits.h).
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG
TAB=$(printf '\t')
IMPORT=$SRC/tests/data/import
ID=weekly-weekly-meeting_briefboard.example

# New Year 2022, before the first meeting: the first ones are listed,
# from 2 March (CET, +01:00) through the DST change (CEST, +02:00).
run --print-schedule --config "$IMPORT/weekly.cfg" --now 2022-01-01T00:00:00Z
expect_rc 0
expect_empty err
expect_has out "$ID-20220302T090000Z${TAB}2022-03-02T09:00:00Z${TAB}2022-03-02T10:00:00+01:00${TAB}scheduled${TAB}in 60 d 09:00:00"
expect_has out "$ID-20220330T080000Z${TAB}2022-03-30T08:00:00Z${TAB}2022-03-30T10:00:00+02:00${TAB}scheduled"
# A year ahead of "now" and no further: the last is Wednesday 28 Dec 2022.
expect_has out "$ID-20221228T090000Z${TAB}2022-12-28T09:00:00Z"
checks=$((checks + 1))
! grep -q "$ID-2023" "$TMP/out" || { fail "$what: occurrences beyond the window"; show out; }
expect_lines out 44

# December 2021: the same first meeting, nothing earlier.
run --print-schedule --config "$IMPORT/weekly.cfg" --now 2021-12-01T12:00:00+01:00
expect_rc 0
checks=$((checks + 1))
head -n 1 "$TMP/out" | grep -q "^$ID-20220302T090000Z$TAB" || { fail "$what: first line"; show out; }

# Thursday 10 March 2022: the meeting of the day before has ended, the
# next is in 5 days; the one of 2 March is more than a week past.
run --print-schedule --config "$IMPORT/weekly.cfg" --now 2022-03-10T12:00:00Z
expect_rc 0
expect_has out "$ID-20220309T090000Z${TAB}2022-03-09T09:00:00Z${TAB}2022-03-09T10:00:00+01:00${TAB}ended${TAB}ended"
expect_has out "$ID-20220316T090000Z${TAB}2022-03-16T09:00:00Z${TAB}2022-03-16T10:00:00+01:00${TAB}scheduled${TAB}in 5 d 21:00:00"
checks=$((checks + 1))
! grep -q "$ID-20220302T" "$TMP/out" || { fail "$what: 2 March is outside the window"; show out; }
checks=$((checks + 1))
head -n 1 "$TMP/out" | grep -q "^$ID-20220309T090000Z$TAB" || { fail "$what: first line"; show out; }

# Years later the 2022 meetings are gone and that week's are listed.
run --print-schedule --config "$IMPORT/weekly.cfg" --now 2030-06-05T06:00:00Z
expect_rc 0
expect_has out "$ID-20300605T080000Z${TAB}2030-06-05T08:00:00Z${TAB}2030-06-05T10:00:00+02:00${TAB}scheduled${TAB}02:00:00"
checks=$((checks + 1))
! grep -q "$ID-2022" "$TMP/out" || { fail "$what: 2022 is outside the window"; show out; }

# A countdown to the meeting of 16 March 2022: the config is valid at an
# instant whose window holds it, for --check and for the previews ...
COUNTDOWN=$IMPORT/weekly-countdown.cfg
run --check --config "$COUNTDOWN" --now 2022-03-10T12:00:00Z
expect_rc 0
expect_empty out
run --screenshot "$TMP/shot.png" --size 1280x720 --slide 1 --config "$COUNTDOWN" --now 2022-03-10T12:00:00Z
expect_rc 0
checks=$((checks + 1))
[ -s "$TMP/shot.png" ] || fail "$what: no picture written"
mkdir "$TMP/all"
run --render-all "$TMP/all" --size 1280x720 --config "$COUNTDOWN" --now 2022-03-10T12:00:00Z
expect_rc 0
checks=$((checks + 1))
ls "$TMP/all" | grep -q "countdown" || { fail "$what: no countdown picture"; ls "$TMP/all" >&2; }
# ... and refused, naming the unknown talk, at one whose window does not.
run --check --config "$COUNTDOWN" --now 2030-06-05T06:00:00Z
expect_rc 1
expect_has out "weekly-countdown.cfg:" "error:" "20220316T090000Z"
run --screenshot "$TMP/late.png" --size 1280x720 --config "$COUNTDOWN" --now 2030-06-05T06:00:00Z
expect_rc 1

finish
