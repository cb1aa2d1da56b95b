# --print-schedule as a process, compared line by line with expected files
# worked out by hand (see the comments in tests/data/cli/schedule.cfg).
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG
TAB=$(printf '\t')

# The sample on the Sunday evening before the Geneva talks.
run --print-schedule --config "$SRC/config/briefboard.cfg" --now 2022-01-09T18:00:00Z
expect_rc 0
expect_empty err
expect_same out "$DATA/sample-schedule.expected"
# Its replay clock starts at that instant: the same lines without --now.
run --print-schedule --config "$SRC/config/briefboard.cfg"
expect_rc 0
expect_same out "$DATA/sample-schedule.expected"

cd "$DATA" || exit 1

# One talk in every state, across a DST change, in five zones.
run --print-schedule --config schedule.cfg --now 2023-03-26T00:30:00Z
expect_rc 0
expect_empty err
expect_same out schedule.expected
# The same instant written with an offset, and through the replay clock.
run --print-schedule --config=schedule.cfg --now=2023-03-26T02:30:00+02:00
expect_same out schedule.expected
run --config schedule.cfg --print-schedule
expect_same out schedule.expected

# --now wins over the replay clock: at 08:00Z the first talk starts.
run --print-schedule --config schedule.cfg --now 2023-03-26T08:00:00Z
expect_rc 0
expect_has out "after-dst${TAB}2023-03-26T08:00:00Z${TAB}2023-03-26T10:00:00+02:00${TAB}live${TAB}LIVE · just started"
expect_has out "live${TAB}" "${TAB}ended${TAB}ended"
expect_has out "sydney${TAB}" "${TAB}scheduled${TAB}in 1 d 14:00:00"
# One second before, the last second of the countdown.
run --print-schedule --config schedule.cfg --now 2023-03-26T07:59:59Z
expect_has out "after-dst${TAB}" "${TAB}imminent${TAB}00:00:01"

# No --now and no replay: the system clock (trusted here), long after 2022.
BRIEFBOARD_ASSUME_SYNC=1 "$B" --print-schedule --config warnings-only.cfg >"$TMP/out" 2>"$TMP/err"
rc=$?
what="briefboard --print-schedule (system clock)"
expect_rc 0
expect_has out "fold${TAB}2022-10-30T00:30:00Z${TAB}2022-10-30T02:30:00+02:00${TAB}ended${TAB}ended"
# Warnings go to stderr, so stdout stays a clean table.
expect_lines out 1
expect_has err "warnings-only.cfg:3: warning: "

# A config with errors prints no table, the errors on stderr, exit 1.
run --print-schedule --config broken-many.cfg --now 2022-01-09T18:00:00Z
expect_rc 1
expect_empty out
expect_has err "broken-many.cfg:16: error: "
run --print-schedule --config broken-include.cfg
expect_rc 1
expect_empty out

finish
