#!/bin/sh
# fetch: packaging/briefboard-fetch against a local web server (python3's
# http.server on 127.0.0.1 only) and file:// URLs.  Checks that files
# arrive whole, are replaced by rename (a new inode, no temporary file
# left), are not rewritten when unchanged, and that a failed or empty
# download leaves the old file in place with a non-zero exit.  Downloads
# are checked by briefboard itself (--check-schedule, --check).
#   $1 = the briefboard program, $2 = the source tree.
name=fetch
. "$(dirname "$0")/fetchlib.sh"
BRIEFBOARD=$B
export BRIEFBOARD
data=$src/tests/data/changes

mkdir -p "$tmp/www/screens" "$tmp/dest"
printf 'version = 1;\n# v1\nslides = ( { type = "quote"; text = "v1"; } );\n' >"$tmp/www/screens/briefboard.cfg"
cp "$data/programme-v1.xml" "$tmp/www/screens/programme.xml"

# A server on a free port, bound to the loopback address only.
python3 -m http.server --bind 127.0.0.1 --directory "$tmp/www" 0 >"$tmp/server.log" 2>&1 &
server=$!
pids=$server
port=
for _ in $(seq 100); do
    port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/server.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "fetch: the test server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
url=http://127.0.0.1:$port/screens

# 1. First fetch: both files arrive whole.
check "first fetch fails" $fetch -d "$tmp/dest" "$url" programme.xml briefboard.cfg
check "programme.xml differs" cmp -s "$tmp/www/screens/programme.xml" "$tmp/dest/programme.xml"
check "briefboard.cfg differs" cmp -s "$tmp/www/screens/briefboard.cfg" "$tmp/dest/briefboard.cfg"
check "world-readable" test "$(stat -c %a "$tmp/dest/briefboard.cfg")" = 644

# 2. Unchanged: the file is not rewritten (same inode, so no reload).
before=$(inode "$tmp/dest/briefboard.cfg")
check "second fetch fails" $fetch -d "$tmp/dest" "$url" briefboard.cfg
check "an unchanged file was rewritten" test "$(inode "$tmp/dest/briefboard.cfg")" = "$before"

# 3. Changed: replaced by rename -- a new inode holding the new text, and no
# temporary file left behind.
printf 'version = 1;\n# v2\nslides = ( { type = "quote"; text = "v2"; } );\n' >"$tmp/www/screens/briefboard.cfg"
check "fetch of a change fails" $fetch -d "$tmp/dest" "$url" briefboard.cfg
check "the change did not arrive" grep -q v2 "$tmp/dest/briefboard.cfg"
check "not replaced by rename" test "$(inode "$tmp/dest/briefboard.cfg")" != "$before"
check "temporary files left" no_temp_files "$tmp/dest"

# 3b. Changed again within the second the copy is from: If-Modified-Since
# counts whole seconds, so such a copy is dated early and the next request
# still brings the change.  (The server's clock is taken to run two seconds
# ahead here, within the skew the fetch allows: the first fetch has four
# seconds to finish, not the rest of the second.)
stamp=$(($(date +%s) + 2))
printf 'version = 1;\n# v2a\nslides = ( { type = "quote"; text = "v2"; } );\n' >"$tmp/www/screens/briefboard.cfg"
touch -d "@$stamp" "$tmp/www/screens/briefboard.cfg"
check "fetch of v2a fails" $fetch -d "$tmp/dest" "$url" briefboard.cfg
printf 'version = 1;\n# v2\nslides = ( { type = "quote"; text = "v2"; } );\n' >"$tmp/www/screens/briefboard.cfg"
touch -d "@$stamp" "$tmp/www/screens/briefboard.cfg"
check "fetch of the same second's change fails" $fetch -d "$tmp/dest" "$url" briefboard.cfg
check "a change within the same second was missed" grep -q '# v2$' "$tmp/dest/briefboard.cfg"
# Back to the present: the server's files written from here on must not
# look older than this copy's date in the future.
past=$(($(date +%s) - 60))
touch -d "@$past" "$tmp/dest/briefboard.cfg" "$tmp/www/screens/briefboard.cfg"

# 4. A file the server does not have (404): exit 1, the others still
# fetched, nothing created for the missing one.
cp "$data/programme-v2.xml" "$tmp/www/screens/programme.xml"
checks=$((checks + 1))
if $fetch -d "$tmp/dest" "$url" missing.ics programme.xml 2>"$tmp/err"; then
    fail "a 404 gave exit 0"
fi
check "no error named the file" grep -q "missing.ics" "$tmp/err"
check "the file after the failure was not fetched" grep -q "Added later" "$tmp/dest/programme.xml"
check "a missing file was created" test ! -e "$tmp/dest/missing.ics"

# 5. An empty file on the server never replaces a good one.
: >"$tmp/www/screens/briefboard.cfg"
checks=$((checks + 1))
$fetch -d "$tmp/dest" "$url" briefboard.cfg 2>/dev/null && fail "an empty download gave exit 0"
check "an empty download replaced the file" grep -q v2 "$tmp/dest/briefboard.cfg"

# 6. Server gone (connection refused): the old files stay.
kill "$server"
wait "$server" 2>/dev/null
pids=
before=$(inode "$tmp/dest/programme.xml")
checks=$((checks + 1))
$fetch -d "$tmp/dest" "$url" programme.xml 2>/dev/null && fail "a dead server gave exit 0"
check "a failed download touched the file" test "$(inode "$tmp/dest/programme.xml")" = "$before"
check "temporary files left after failures" no_temp_files "$tmp/dest"

# 7. file:// (a mounted share) and the environment-driven form the unit uses.
printf 'version = 1;\n# v3\nslides = ( { type = "quote"; text = "v3"; } );\n' >"$tmp/www/screens/briefboard.cfg"
check "file:// fetch fails" env BRIEFBOARD_FETCH_URL="file://$tmp/www/screens" \
    BRIEFBOARD_FETCH_FILES="briefboard.cfg" BRIEFBOARD_FETCH_DIR="$tmp/dest" $fetch
check "file:// change did not arrive" grep -q v3 "$tmp/dest/briefboard.cfg"

# 7b. file:// again, unchanged: exit 0, the copy untouched.
before=$(inode "$tmp/dest/briefboard.cfg")
check "an unchanged file:// fetch fails" $fetch -d "$tmp/dest" "file://$tmp/www/screens" briefboard.cfg
check "an unchanged file:// copy was rewritten" test "$(inode "$tmp/dest/briefboard.cfg")" = "$before"

# 8. A config that does not check, or half a schedule, never replaces a
# good one.
printf 'version = 1;\nslides = ( { type = "quote" } );\n' >"$tmp/www/screens/briefboard.cfg"
head -c 900 "$data/programme-v1.xml" >"$tmp/www/screens/programme.xml"
checks=$((checks + 1))
$fetch -d "$tmp/dest" "file://$tmp/www/screens" programme.xml briefboard.cfg 2>"$tmp/err" &&
    fail "a broken download gave exit 0"
check "half a schedule replaced the file" grep -q "Added later" "$tmp/dest/programme.xml"
check "a broken config replaced the file" grep -q v3 "$tmp/dest/briefboard.cfg"
check "no refusal named" grep -q "refused" "$tmp/err"

# 9. Names that would escape the directory are refused.
checks=$((checks + 1))
$fetch -d "$tmp/dest" "file://$tmp/www/screens" ../x 2>/dev/null && fail "'../x' was accepted"

finish
