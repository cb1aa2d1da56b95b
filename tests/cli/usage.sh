# The command line as a process: --help and --version exit 0; every wrong
# option or value is one line on stderr and exit 2, before any config is read.
. "$(dirname "$0")/lib.sh"

run --help
expect_rc 0
expect_empty err
expect_has out "Usage: briefboard"
expect_has out "--print-schedule"
expect_has out "clock.start"
run --version
expect_rc 0
expect_empty err
expect_lines out 1
checks=$((checks + 1))
grep -Eq '^briefboard [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" || { fail "--version: $(cat "$TMP/out")"; }

run --rotate 45
expect_rc 2
expect_empty out
expect_lines err 1
checks=$((checks + 1))
[ "$(cat "$TMP/err")" = "briefboard: --rotate: expected 0, 90, 180 or 270, got '45'" ] ||
    { fail "--rotate 45 message"; show err; }

# Each: the arguments, then words the one line must hold.
usage_error() {
    words=$1
    shift
    run "$@" --config /nonexistent/never-read.cfg
    expect_rc 2
    expect_empty out
    expect_lines err 1
    expect_has err "briefboard: " "$words"
}
usage_error "'--bogus'" --bogus
usage_error "'stray'" stray
usage_error "--now" --now 2022-01-09T18:00:00
usage_error "--now" --now=tomorrow
usage_error "--size" --size 1920
usage_error "--slide" --slide 0
usage_error "--screenshot" --screenshot shot.jpg
usage_error "cannot be combined" --check --print-schedule
usage_error "--check takes no value" --check=1
usage_error "--rotate" --rotate=-90
run --config
expect_rc 2
expect_lines err 1
expect_has err "--config: missing value"

finish
