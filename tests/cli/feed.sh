#!/bin/sh
# feed: feed slides from our RSS and Atom test feeds (tests/data/feed) as a
# user previews and checks them: --check names a broken feed's file and
# line, a preview draws every feed slide, and the broken one is logged with
# the feed's line instead of failing.
. "$(dirname "$0")/lib.sh"
FEEDS=$SRC/tests/data/feed
cp "$FEEDS/feed.cfg" "$FEEDS/briefings.rss" "$FEEDS/briefings.atom" "$FEEDS/broken.rss" "$TMP/"
NOW=2025-02-01T11:20:00+01:00
# The RSS file fresh, the Atom file a day old (stale after 4 x 600 s).
touch -d 2025-02-01T10:50:00+01:00 "$TMP/briefings.rss"
touch -d 2025-01-31T10:50:00+01:00 "$TMP/briefings.atom"

run --check --config "$TMP/feed.cfg"
expect_rc 0
expect_lines out 1
expect_has out "$TMP/broken.rss:4: warning: feed slide ($TMP/feed.cfg:8): XML: Opening and ending tag mismatch: title line 4 and item"

for size in 1280x720 1920x1080 3840x2160 1080x1920; do
    for n in 1 2 3; do
        run --config "$TMP/feed.cfg" --screenshot "$TMP/feed-$n.png" --size "$size" --now "$NOW" --slide "$n"
        expect_rc 0
        checks=$((checks + 1))
        [ -s "$TMP/feed-$n.png" ] || fail "$what: no PNG"
    done
    expect_has err "error: $TMP/feed.cfg:8: feed slide: broken.rss:4: XML: Opening and ending tag mismatch"
done

# A feed slide's file is watched like a picture: a missing one is refused
# at load with the config's line.
rm "$TMP/briefings.atom"
run --check --config "$TMP/feed.cfg"
expect_rc 1
expect_has out "$TMP/feed.cfg:7: error: file 'briefings.atom' does not exist"
finish
