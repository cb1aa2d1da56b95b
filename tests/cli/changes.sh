# changes: programme change marks through the running program.  The display
# (offscreen) starts on version 1 of a programme, the file is replaced by
# version 2 (a talk moved in time, one moved room, one removed, one added,
# one cancelled by status), the display reloads and marks them; then
# --print-schedule's sixth column and the screenshots read the same state
# directory -- and again after the display is restarted on it.
. "$(dirname "$0")/lib.sh"
unset BRIEFBOARD_CONFIG STATE_DIRECTORY
TAB=$(printf '\t')
CH=$SRC/tests/data/changes
W=$TMP/work
S=$TMP/state
mkdir -p "$W"
cp "$CH/changes.cfg" "$W/"
cp "$CH/programme-v1.xml" "$W/programme.xml"

# wait_for FILE TEXT: up to 20 s for TEXT to appear in FILE.
wait_for() {
    for _ in $(seq 200); do
        grep -qF -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# The display on the replay clock from Saturday 10:00 in Brussels.
start_display() { # log
    "$B" --config "$W/changes.cfg" --state-dir "$S" --now 2025-02-01T10:00:00+01:00 \
        >/dev/null 2>"$1" &
    display=$!
}
stop_display() {
    kill -TERM "$display" 2>/dev/null
    wait "$display"
    rc=$?
    what="the display"
    expect_rc 0
}

expect_marks() { # what
    run --print-schedule --config "$W/changes.cfg" --state-dir "$S" \
        --now 2025-02-01T10:05:00+01:00
    what="$1: $what"
    expect_rc 0
    expect_has out "programme-1${TAB}2025-02-01T13:30:00Z${TAB}" "${TAB}time-changed"
    expect_has out "programme-2${TAB}" "${TAB}room-changed"
    expect_has out "programme-3${TAB}2025-02-01T14:00:00Z${TAB}" "${TAB}cancelled${TAB}cancelled${TAB}cancelled"
    expect_has out "programme-4${TAB}" "${TAB}scheduled${TAB}01:55:00${TAB}-"
    expect_has out "programme-5${TAB}" "${TAB}cancelled${TAB}cancelled${TAB}cancelled"
    expect_has out "programme-6${TAB}2025-02-01T16:00:00Z${TAB}" "${TAB}new"
    expect_lines out 6
}

# 1. Version 1: the baseline is written, no marks.
start_display "$TMP/log1"
checks=$((checks + 1))
wait_for "$S/changes.state" "end 5" || fail "no baseline written: $(cat "$TMP/log1")"
run --print-schedule --config "$W/changes.cfg" --state-dir "$S" --now 2025-02-01T10:05:00+01:00
expect_rc 0
expect_lines out 5
checks=$((checks + 1))
[ "$(cut -f6 "$TMP/out" | sort -u)" = "-" ] || { fail "marks on the first version"; show out; }
"$B" --screenshot "$TMP/plain.png" --config "$W/changes.cfg" --state-dir "$S" \
    --now 2025-02-01T10:05:00+01:00 --size 1280x720 --slide 1 2>/dev/null

# 2. Version 2 replaces it (as an editor or the fetch service would: a
# rename); the running display reloads and marks the changes.
cp "$CH/programme-v2.xml" "$W/.next.xml"
mv "$W/.next.xml" "$W/programme.xml"
checks=$((checks + 1))
wait_for "$S/changes.state" "end 6" || fail "no marks written after the reload: $(cat "$TMP/log1")"
stop_display
expect_marks "after the reload"
# The state file is the display's own, not world-writable.
checks=$((checks + 1))
[ "$(stat -c %a "$S/changes.state")" = 644 ] || [ "$(stat -c %a "$S/changes.state")" = 600 ] ||
    fail "state file mode $(stat -c %a "$S/changes.state")"

# 3. On screen: the agenda with badges differs from the same agenda
# without them, and each marked slide is drawn from the same state.
"$B" --screenshot "$TMP/marked.png" --config "$W/changes.cfg" --state-dir "$S" \
    --now 2025-02-01T10:05:00+01:00 --size 1280x720 --slide 1 2>"$TMP/err"
"$B" --screenshot "$TMP/unmarked.png" --config "$W/changes.cfg" --state-dir "$TMP/none" \
    --now 2025-02-01T10:05:00+01:00 --size 1280x720 --slide 1 2>/dev/null
checks=$((checks + 1))
if [ ! -s "$TMP/marked.png" ] || cmp -s "$TMP/marked.png" "$TMP/unmarked.png"; then
    fail "the agenda shows no change badges"
fi
checks=$((checks + 1))
[ ! -e "$TMP/none" ] || fail "a preview created a state directory"

# 4. A restart on the same state directory: the marks are still there (the
# baseline is version 2 now, and its marks are kept with their time).
start_display "$TMP/log2"
checks=$((checks + 1))
wait_for "$TMP/log2" "video" || fail "the display did not start again: $(cat "$TMP/log2")"
sleep 1
stop_display
expect_marks "after a restart"
"$B" --screenshot "$TMP/restarted.png" --config "$W/changes.cfg" --state-dir "$S" \
    --now 2025-02-01T10:05:00+01:00 --size 1280x720 --slide 1 2>/dev/null
checks=$((checks + 1))
cmp -s "$TMP/marked.png" "$TMP/restarted.png" || fail "the badges differ after a restart"

# 5. 12 hours later (timing.change_hours) the marks are gone; the removed
# talk too (its start has passed).
run --print-schedule --config "$W/changes.cfg" --state-dir "$S" --now 2025-02-01T22:10:00+01:00
expect_rc 0
expect_lines out 5
checks=$((checks + 1))
[ "$(cut -f6 "$TMP/out" | sort -u)" = "-" ] || { fail "marks after change_hours"; show out; }

# 6. A corrupt state file: a warning, a fresh baseline, never a crash.
printf 'briefboard-changes 1\ntalk\tbroken\n' >"$S/changes.state"
run --print-schedule --config "$W/changes.cfg" --state-dir "$S" --now 2025-02-01T10:05:00+01:00
expect_rc 0
expect_has err "changes.state: line 2 is malformed; change marks start afresh"
expect_lines out 5

finish
