#!/bin/sh
# control: the control socket of a running headless display, through
# briefboardctl -- status, commands, a screenshot, and bad input (unknown
# commands, non-UTF-8, an oversized line, too many connections, a stale
# socket file, a file that is not a socket) answered with an error and a
# log line while the display keeps running.
. "$(dirname "$0")/lib.sh"
CTL=$(dirname "$B")/briefboardctl
CFG=$SRC/tests/data/fleet/screen.cfg
S=$TMP/control

ctl() {
    "$CTL" --socket "$S" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    what="briefboardctl $*"
}

# A stale socket file from a display that died is replaced.
python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$S"
"$B" --config "$CFG" --window --control "$S" 2>"$TMP/log" &
pid=$!
i=0
while ! "$CTL" --socket "$S" status >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 200 ] || { fail "the display did not answer"; cat "$TMP/log" >&2; kill $pid; exit 1; }
    sleep 0.05
done
checks=$((checks + 1))
[ "$(stat -c %a "$S")" = 660 ] || fail "socket mode $(stat -c %a "$S"), want 660"

ctl status
expect_rc 0
expect_has out '"config_state":"good"' '"slide":1' '"power":"on"' '"override":false'
ctl next
expect_rc 0
expect_has out ok
ctl status
expect_has out '"slide":2'
ctl pause
expect_has out "ok paused"
ctl status
expect_has out '"paused":true'
ctl resume
expect_has out "ok resumed"
ctl override 'Fire drill\nat 14:00'
expect_rc 0
ctl status
expect_has out '"override":true' '"override_source":"control"' '"override_text":"Fire drill\nat 14:00"' '"screen":"override"'
ctl screenshot "$TMP/shot.png"
expect_rc 0
checks=$((checks + 1))
[ -s "$TMP/shot.png" ] && [ "$(head -c 4 "$TMP/shot.png" | tail -c 3)" = PNG ] || fail "no PNG written"
ctl override clear
expect_has out "ok override cleared"
ctl power off
ctl status
expect_has out '"power":"off"' '"screen":"off"'
ctl power on
ctl reload
expect_rc 0
expect_has out "ok reloaded"

# Refused: exit 1, the reason on stderr, one log line each.
ctl reboot
expect_rc 1
expect_has err "error unknown command 'reboot'"
ctl power standby
expect_rc 1
expect_has err "power takes 'on' or 'off'"
ctl screenshot /tmp/x.jpg
expect_rc 1
expect_has err "must end in .png"
printf 'override \377\376\n' >"$TMP/bad"
python3 - "$S" "$TMP/bad" >"$TMP/out" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(open(sys.argv[2], "rb").read() + b"x" * 9000 + b"\nstatus\n")
f = s.makefile("rb")
for _ in range(3):
    print(f.readline().decode().rstrip())
PY
what="non-UTF-8, oversized, then status on one connection"
expect_has out "error not UTF-8"
expect_has out "error line longer than 4095 bytes"
expect_has out '"config_state":"good"'
# More connections than the display takes: the extra one is told so.
python3 - "$S" >"$TMP/out" <<'PY'
import socket, sys
held = []
for _ in range(16):
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); held.append(s)
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(5)
print(s.recv(100).decode().rstrip())
PY
what="a 17th connection"
expect_has out "error busy"
ctl status
expect_rc 0
what="the display's log"
expect_has_log() { checks=$((checks + 1)); grep -q "$1" "$TMP/log" || fail "no log line '$1'"; }
expect_has_log "control socket: unknown command 'reboot'"
expect_has_log "override on from the control socket"

kill $pid
wait $pid
checks=$((checks + 1))
[ ! -e "$S" ] || fail "the socket file stays after the display quit"

# A file that is not a socket is never removed: the display runs without one.
echo keep >"$S"
"$B" --config "$CFG" --window --control "$S" 2>"$TMP/log" &
pid=$!
sleep 1.5
kill $pid
wait $pid
checks=$((checks + 1))
[ "$(cat "$S")" = keep ] || fail "a regular file at the socket path was touched"
expect_has_log "exists and is not a socket"

finish
