#!/bin/sh
# fetch_feed: feed slides named by `url` end to end -- briefboard
# --list-urls names them (kind "feed"), packaging/briefboard-fetch fetches
# them from a loopback web server (tests/cli/fetch_server.py, 127.0.0.1
# only, gone after two minutes) into the state directory, checking each
# download with `briefboard --check-feed`, and the feed slide reads the copy.
# A captive portal's page, half a feed and an empty feed are refused and the
# last good copy kept; an unchanged feed costs a conditional request; a copy
# the server has not confirmed for three refresh periods is marked on screen.
#   $1 = the briefboard program, $2 = the source tree.
name=fetch_feed
. "$(dirname "$0")/fetchlib.sh"
feeds=$src/tests/data/feed

mkdir -p "$tmp/srv/www" "$tmp/state" "$tmp/cfg"
cp "$feeds/briefings.rss" "$tmp/srv/www/briefings.rss"
echo ok >"$tmp/srv/mode"
start_server "$tmp/srv"

# The feed's refresh is 600 s: a copy not confirmed for 30 min is stale.
cat >"$tmp/cfg/news.cfg" <<CFG
version = 1;
display = { time_zone = "Europe/Berlin"; };
slides = ( { type = "feed"; url = "http://127.0.0.1:$port/briefings.rss"; refresh = 600; max_items = 4; } );
CFG

run_fetch() { fetch_run "$tmp/cfg/news.cfg"; }
shot() { # png [now]
    "$B" --screenshot "$1" --config "$tmp/cfg/news.cfg" --state-dir "$tmp/state" \
        --now "${2:-$now}" --size 1280x720 2>/dev/null
}
# A fetch ignores a URL asked for less than a refresh ago: forget that.
forget_tries() { find "$tmp/state" -name '*.tried' -delete; }

# 1. --list-urls: the feed's URL, refresh, copy and kind -- also when another
# slide of the config is broken.
"$B" --list-urls --config "$tmp/cfg/news.cfg" --state-dir "$tmp/state" >"$tmp/urls"
check "--list-urls fails" test $? -eq 0
check "--list-urls lines" test "$(wc -l <"$tmp/urls")" -eq 1
copy=$(cut -f3 "$tmp/urls")
check "--list-urls refresh" test "$(cut -f2 "$tmp/urls")" = 600
check "--list-urls kind" test "$(cut -f4 "$tmp/urls")" = feed
case $copy in "$tmp/state/fetched/briefings.rss-"*) ;; *) fail "copy path '$copy'" ;; esac
sed 's/^slides = ( /slides = ( { type = "agendaa"; }, /' "$tmp/cfg/news.cfg" >"$tmp/cfg/broken.cfg"
check "--list-urls misses a feed in a config with other errors" \
    sh -c "'$B' --list-urls --config '$tmp/cfg/broken.cfg' --state-dir '$tmp/state' 2>/dev/null | grep -q briefings.rss"

# 2. Before the first fetch: --check passes with a warning, the slide says so.
"$B" --check --config "$tmp/cfg/news.cfg" --state-dir "$tmp/state" >"$tmp/out" 2>&1
rc=$?
check "--check before the first fetch: exit $rc" test $rc -eq 0 -o $rc -eq 2
check "--check: no 'not fetched yet' warning" grep -q "not fetched yet" "$tmp/out"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
check "no screenshot before the first fetch" shot "$tmp/none.png"

# 3. First fetch: the copy arrives whole, checked, stamped, and is drawn.
check "first fetch fails" run_fetch
check "the copy differs" cmp -s "$tmp/srv/www/briefings.rss" "$copy"
check "no .ok stamp" test -e "$copy.ok"
check "--check-feed refuses the copy" "$B" --check-feed "$copy"
touch "$copy.ok"
check "no screenshot after the fetch" shot "$tmp/fresh.png"
checks=$((checks + 1))
cmp -s "$tmp/none.png" "$tmp/fresh.png" && fail "the fetched feed is not drawn"

# 4. Unchanged: a conditional request, the copy untouched.
before=$(inode "$copy")
: >"$tmp/srv/requests.log"
forget_tries
check "second fetch fails" run_fetch
check "no If-None-Match sent" grep -q 'briefings.rss inm="' "$tmp/srv/requests.log"
check "an unchanged copy was rewritten" test "$(inode "$copy")" = "$before"

# 5. Bad downloads keep the last good copy: a captive portal's page, half a
# feed, a feed without items, a server error.  Exit 1, no temporary file.
good=$tmp/good.rss
cp "$copy" "$good"
head -c 1200 "$feeds/briefings.rss" >"$tmp/half.rss"
cat >"$tmp/empty.rss" <<'RSS'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Maintenance</title></channel></rss>
RSS
for bad in portal half empty error; do
    case $bad in
    portal | error) echo "$bad" >"$tmp/srv/mode" ;;
    *) cp "$tmp/$bad.rss" "$tmp/srv/www/briefings.rss" ;;
    esac
    forget_tries
    checks=$((checks + 1))
    run_fetch >"$tmp/out" 2>"$tmp/err" && fail "$bad: exit 0"
    check "$bad: the good copy was replaced" cmp -s "$good" "$copy"
    check "$bad: temporary files left" no_temp_files
    case $bad in
    error) check "error: no message naming the URL" grep -q "briefings.rss" "$tmp/err" ;;
    *) check "$bad: no 'refused' message" grep -q "refused" "$tmp/err" ;;
    esac
    echo ok >"$tmp/srv/mode"
    cp "$feeds/briefings.rss" "$tmp/srv/www/briefings.rss"
done
checks=$((checks + 1))
"$B" --check-feed "$tmp/half.rss" >/dev/null 2>&1 && fail "--check-feed takes half a feed"
checks=$((checks + 1))
"$B" --check-feed "$tmp/empty.rss" >/dev/null 2>&1 && fail "--check-feed takes a feed without items"

# 6. A copy the server has not confirmed for more than three refresh
# periods is marked on screen: the same instant with a fresh and an old
# stamp gives different pictures, and an old one the same as a newer old one
# would not (the marker, not the age line, makes the difference).
# (fresh.png of step 3 goes first, or the check below could not fail.)
rm -f "$tmp/fresh.png"
touch "$copy.ok"
shot "$tmp/fresh.png"
touch -d '-25 minutes' "$copy.ok"
shot "$tmp/older.png"
touch -d '-2 hours' "$copy.ok"
shot "$tmp/stale.png"
check "no screenshots" test -s "$tmp/fresh.png" -a -s "$tmp/stale.png" -a -s "$tmp/older.png"
checks=$((checks + 1))
cmp -s "$tmp/fresh.png" "$tmp/stale.png" && fail "an old copy is not marked on screen"
# The marker is in the alert colour: count its pixels (the palette's alert).
checks=$((checks + 1))
python3 - "$src/tests" "$tmp/older.png" "$tmp/stale.png" <<'PY' || fail "the stale marker is not in the alert colour"
import sys
sys.path.insert(0, sys.argv[1])
from pnglib import png_rows
def reddish(path):
    w, bpp, rows = png_rows(path)
    return sum(1 for r in rows for x in range(0, w * bpp, bpp)
               if r[x] > 150 and r[x] > r[x + 1] + 80 and r[x] > r[x + 2] + 80)
older, stale = reddish(sys.argv[2]), reddish(sys.argv[3])
sys.exit(0 if stale > older + 200 else 1)
PY

finish
