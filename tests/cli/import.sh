# --print-schedule as a process on a config naming a frab/pretalx XML, a
# pretalx JSON and an iCalendar file (tests/data/import; the instants are
# worked out in tests/test_import.c and in the files' comments).
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG
TAB=$(printf '\t')
IMPORT=$SRC/tests/data/import

# Thursday noon in Brussels, the day before the conference.
run --print-schedule --config "$IMPORT/schedules.cfg" --now 2025-03-27T11:00:00Z
expect_rc 0
expect_same out "$IMPORT/schedules.expected"
# The all-day event is left out, with a warning naming its line.
expect_has err "import/briefings.ics:107: warning: " "lasts all day"
expect_lines err 1
# The replay clock starts at the same instant: the same lines without --now.
run --print-schedule --config "$IMPORT/schedules.cfg"
expect_rc 0
expect_same out "$IMPORT/schedules.expected"

# Sunday 03:40 CEST, 40 minutes after the clocks moved: the night session
# that started at 03:30+02:00 is live, the one at 01:30+01:00 has ended.
run --print-schedule --config "$IMPORT/schedules.cfg" --now 2025-03-30T01:40:00Z
expect_rc 0
expect_has out "schedule-104${TAB}2025-03-30T01:30:00Z${TAB}2025-03-30T03:30:00+02:00${TAB}live${TAB}LIVE · started 10 min ago"
expect_has out "schedule-103${TAB}2025-03-30T00:30:00Z${TAB}2025-03-30T01:30:00+01:00${TAB}ended${TAB}ended"
expect_has out "schedule-203${TAB}2025-03-30T07:00:00Z${TAB}2025-03-30T09:00:00+02:00${TAB}scheduled${TAB}05:20:00"
# The Monday briefing after the change is at 09:00+02:00 = 07:00Z.
expect_has out "briefings-weekly-briefing_embassy.example-20250331T070000Z${TAB}2025-03-31T07:00:00Z${TAB}2025-03-31T09:00:00+02:00${TAB}scheduled${TAB}in 1 d 05:20:00"

# A schedule with a syntax error refuses the config: no table, the file
# and line on stderr, exit 1.
run --print-schedule --config "$IMPORT/broken.cfg" --now 2025-03-27T11:00:00Z
expect_rc 1
expect_empty out
expect_has err "import/broken.json:6: error: JSON: "

finish
