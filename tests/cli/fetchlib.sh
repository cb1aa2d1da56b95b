# Shared by the fetch service's tests (fetch.sh, fetch_url.sh, fetch_feed.sh).
# The test, run as `sh TEST BRIEFBOARD SOURCE-TREE`, sets $name (its name in
# messages) and sources this file.  It gets $B (the briefboard program),
# $src (the source tree), $fetch (the service's script), $tmp (a directory
# removed at exit, with every server started here), counted checks (check,
# fail), a few file tests, a loopback test server (start_server), one run of
# the service (fetch_run) and finish, the last line of the test.

set -u
B=$1
src=$2
fetch="sh $src/packaging/briefboard-fetch"
tmp=$(mktemp -d)
pids=
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
checks=0
fail() {
    failures=$((failures + 1))
    echo "$name: FAIL: $*" >&2
}
check() { # description command...
    what=$1
    shift
    checks=$((checks + 1))
    "$@" || fail "$what"
}
inode() { stat -c %i "$1"; }
# No temporary download left in DIR (default: the state directory).
no_temp_files() { test -z "$(find "${1:-$tmp/state}" -name '.*' -type f)"; }

# tests/cli/fetch_server.py serving DIR/www on a free port of 127.0.0.1, gone
# after two minutes; its behaviour is switched through DIR/mode.  Sets $port.
start_server() { # dir [options...]
    d=$1
    shift
    python3 "$src/tests/cli/fetch_server.py" --dir "$d" --port-file "$d/port" --lifetime 120 "$@" \
        >"$d/server.log" 2>&1 &
    pids="$pids $!"
    for _ in $(seq 100); do
        [ -s "$d/port" ] && break
        sleep 0.1
    done
    port=$(cat "$d/port" 2>/dev/null)
    [ -n "$port" ] || { echo "$name: a test server did not start" >&2; cat "$d/server.log" >&2; exit 1; }
}

# fetch_run CFG [VAR=value...]: one run of the fetch service for the URLs
# of the config CFG into $tmp/state (5 s and 1,000,000 bytes a download).
fetch_run() {
    cfg=$1
    shift
    env BRIEFBOARD="$B" BRIEFBOARD_FETCH_CONFIG="$cfg" \
        BRIEFBOARD_FETCH_DIR="$tmp/state" BRIEFBOARD_FETCH_TIMEOUT=5 \
        BRIEFBOARD_FETCH_MAX_BYTES=1000000 "$@" $fetch
}

finish() {
    echo "$name: $checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}
