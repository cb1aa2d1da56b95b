#!/bin/sh
# fetch_url: `url` schedules end to end -- briefboard --list-urls names them,
# packaging/briefboard-fetch fetches them from a loopback web server
# (tests/cli/fetch_server.py, 127.0.0.1 only, gone after two minutes) into
# the state directory, and the display reads the copy.  The server serves,
# changes (ETag), fails (500), serves a captive portal's page, a huge file
# with and without a length, redirects HTTPS to HTTP and hangs; every bad
# answer must leave the last good copy in place and no temporary file, and
# a fetch killed with SIGTERM must clean up too.
#   $1 = the briefboard program, $2 = the source tree.
name=fetch_url
. "$(dirname "$0")/fetchlib.sh"
data=$src/tests/data/changes

mkdir -p "$tmp/plain/www" "$tmp/tls/www" "$tmp/state" "$tmp/cfg"
cp "$data/programme-v1.xml" "$tmp/plain/www/schedule.xml"
cp "$data/programme-v1.xml" "$tmp/tls/www/secure.xml"
echo ok >"$tmp/plain/mode"
echo ok >"$tmp/tls/mode"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/tls/key.pem" -out "$tmp/tls/cert.pem" \
    -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 ||
    { echo "fetch_url: openssl could not make a certificate" >&2; exit 1; }
start_server "$tmp/plain"
plain=$port
start_server "$tmp/tls" --tls "$tmp/tls/cert.pem" "$tmp/tls/key.pem" \
    --redirect-to "http://127.0.0.1:$plain"
tls=$port

cat >"$tmp/cfg/lobby.cfg" <<CFG
version = 1;
display = { time_zone = "Europe/Brussels"; };
schedules = (
  { url = "http://127.0.0.1:$plain/schedule.xml"; refresh = 30; },
  { url = "https://127.0.0.1:$tls/secure.xml"; refresh = 30; }
);
slides = ( { type = "agenda"; } );
CFG

run_fetch() { # [VAR=value...]: one run of the fetch service
    fetch_run "$tmp/cfg/lobby.cfg" BRIEFBOARD_FETCH_CURL_OPTS="--cacert $tmp/tls/cert.pem" "$@"
}

# 1. --list-urls: each URL, its refresh, and its copy's path in the state
# directory -- also when the rest of the config has errors.
"$B" --list-urls --config "$tmp/cfg/lobby.cfg" --state-dir "$tmp/state" >"$tmp/urls"
check "--list-urls fails" test $? -eq 0
check "--list-urls lines" test "$(wc -l <"$tmp/urls")" -eq 2
copy=$(sed -n 1p "$tmp/urls" | cut -f3)
secure=$(sed -n 2p "$tmp/urls" | cut -f3)
check "--list-urls refresh" test "$(sed -n 1p "$tmp/urls" | cut -f2)" = 30
case $copy in "$tmp/state/fetched/schedule.xml-"*) ;; *) fail "copy path '$copy'" ;; esac
sed 's/agenda/agendaa/' "$tmp/cfg/lobby.cfg" >"$tmp/cfg/broken.cfg"
check "--list-urls refuses a config with other errors" \
    sh -c "'$B' --list-urls --config '$tmp/cfg/broken.cfg' --state-dir '$tmp/state' 2>/dev/null | grep -q schedule.xml"

# 2. Before the first fetch the display runs, with a warning.
"$B" --print-schedule --config "$tmp/cfg/lobby.cfg" --state-dir "$tmp/state" \
    --now 2025-02-01T10:00:00+01:00 >"$tmp/out" 2>"$tmp/err"
check "print-schedule before the first fetch fails" test $? -eq 0
check "no 'not fetched yet' warning" grep -q "not fetched yet" "$tmp/err"

# 3. First fetch: both copies arrive whole and are read.
check "first fetch fails" run_fetch
check "the plain copy differs" cmp -s "$tmp/plain/www/schedule.xml" "$copy"
check "the https copy differs" cmp -s "$tmp/tls/www/secure.xml" "$secure"
check "no .ok stamp" test -e "$copy.ok"
"$B" --print-schedule --config "$tmp/cfg/lobby.cfg" --state-dir "$tmp/state" \
    --now 2025-02-01T10:00:00+01:00 >"$tmp/out" 2>"$tmp/err"
check "the fetched talks are not shown" grep -q "^schedule-1	" "$tmp/out"
check "the https talks are not shown" grep -q "^secure-4	" "$tmp/out"
check "a warning after the fetch" test ! -s "$tmp/err"

# 4. Unchanged: a conditional request (If-None-Match), 304, the copy untouched.
before=$(inode "$copy")
: >"$tmp/plain/requests.log"
check "second fetch fails" run_fetch
check "no If-None-Match sent" grep -q 'schedule.xml inm="' "$tmp/plain/requests.log"
check "an unchanged copy was rewritten" test "$(inode "$copy")" = "$before"

# 5. Changed on the server (a new ETag): replaced by rename.
cp "$data/programme-v2.xml" "$tmp/plain/www/schedule.xml"
check "fetch of a change fails" run_fetch
check "the change did not arrive" grep -q "Added later" "$copy"
check "not replaced by rename" test "$(inode "$copy")" != "$before"
check "temporary files left" no_temp_files
good=$tmp/good.xml
cp "$copy" "$good"

# 6. Every bad answer keeps the last good copy, exit 1, no temporary file.
for mode in error portal huge biglen slow; do
    echo "$mode" >"$tmp/plain/mode"
    t0=$(date +%s)
    checks=$((checks + 1))
    if run_fetch >"$tmp/out" 2>"$tmp/err"; then
        fail "$mode: exit 0"
    fi
    check "$mode: the good copy was replaced" cmp -s "$good" "$copy"
    check "$mode: temporary files left" no_temp_files
    check "$mode: took too long" test $(($(date +%s) - t0)) -lt 30
    case $mode in
    portal) check "portal: no 'refused' message" grep -q "refused" "$tmp/err" ;;
    huge | biglen) check "$mode: no size message" grep -q "larger than 1000000 bytes" "$tmp/err" ;;
    slow) check "slow: no time-out message" grep -q "timed out" "$tmp/err" ;;
    error) check "error: no message naming the URL" grep -q "schedule.xml" "$tmp/err" ;;
    esac
done
echo ok >"$tmp/plain/mode"

# 7. HTTPS redirected to HTTP is refused (the plain server is never asked).
cp "$data/programme-v2.xml" "$tmp/plain/www/secure.xml"
echo redirect >"$tmp/tls/mode"
: >"$tmp/plain/requests.log"
checks=$((checks + 1))
run_fetch 2>"$tmp/err" && fail "a downgrade redirect gave exit 0"
check "the https copy was replaced after a downgrade" cmp -s "$tmp/tls/www/secure.xml" "$secure"
check "the downgrade was followed" test -z "$(grep secure.xml "$tmp/plain/requests.log")"
echo ok >"$tmp/tls/mode"

# 8. SIGTERM in the middle of a download, sent as systemd stops a unit (to
# the script and its curl): no temporary file left.
echo slow >"$tmp/plain/mode"
setsid env BRIEFBOARD="$B" BRIEFBOARD_FETCH_CONFIG="$tmp/cfg/lobby.cfg" \
    BRIEFBOARD_FETCH_DIR="$tmp/state" BRIEFBOARD_FETCH_TIMEOUT=20 \
    BRIEFBOARD_FETCH_CURL_OPTS="--cacert $tmp/tls/cert.pem" $fetch >/dev/null 2>&1 &
f=$!
sleep 1.5
check "no temporary file during the download" test -n "$(find "$tmp/state" -name '.*' -type f)"
kill -TERM "-$f"
wait "$f"
sleep 0.3
check "temporary files left after SIGTERM" no_temp_files
check "the good copy was touched by SIGTERM" cmp -s "$good" "$copy"
echo ok >"$tmp/plain/mode"

# 9. An old copy: "programme as of ..." on screen.  The same instant with a
# fresh and an old stamp must give different pictures.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
touch "$copy.ok" "$secure.ok"
"$B" --screenshot "$tmp/fresh.png" --config "$tmp/cfg/lobby.cfg" --state-dir "$tmp/state" \
    --now "$now" --size 1280x720 2>/dev/null
touch -d '-3 hours' "$copy.ok"
"$B" --screenshot "$tmp/stale.png" --config "$tmp/cfg/lobby.cfg" --state-dir "$tmp/state" \
    --now "$now" --size 1280x720 2>/dev/null
check "no screenshots" test -s "$tmp/fresh.png" -a -s "$tmp/stale.png"
checks=$((checks + 1))
cmp -s "$tmp/fresh.png" "$tmp/stale.png" && fail "an old copy is not marked on screen"

# 10. File names are not globbed (set -f): '*' is asked for as '*'.
checks=$((checks + 1))
(cd "$tmp/state" && env BRIEFBOARD="$B" BRIEFBOARD_FETCH_DIR="$tmp/state" \
    BRIEFBOARD_FETCH_CONFIG="$tmp/cfg/lobby.cfg" BRIEFBOARD_FETCH_URL="http://127.0.0.1:$plain" \
    BRIEFBOARD_FETCH_FILES='*' $fetch) >/dev/null 2>"$tmp/err" && fail "'*' gave exit 0"
check "'*' was globbed" grep -q "127.0.0.1:$plain/\*:" "$tmp/err"

finish
