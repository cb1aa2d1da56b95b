# Shared by the process tests in this directory.  Each test runs
#   sh tests/cli/NAME.sh BRIEFBOARD SOURCE_DIR
# and exits 0 when every check passed, 1 otherwise (after running them all).

B=$1
SRC=$2
DATA=$SRC/tests/data/cli
if [ ! -x "$B" ] || [ ! -d "$DATA" ]; then
    echo "usage: $0 BRIEFBOARD SOURCE_DIR" >&2
    exit 1
fi
# Under the asan preset LeakSanitizer lists the suppressions it used on
# stderr at exit; that is not the program's output, and tests check stderr.
if [ -n "${LSAN_OPTIONS:-}" ]; then
    LSAN_OPTIONS="$LSAN_OPTIONS:print_suppressions=0"
    export LSAN_OPTIONS
fi
# How much slower than the release build this run is allowed to be: the
# sanitizers cost several times, emulation (ci/cross.sh runs the arm builds
# under qemu-user, with QEMU_LD_PREFIX set) about ten.  Time limits in the
# tests are multiplied by it; what they bound is the release build's.
slow=1
[ -n "${LSAN_OPTIONS:-}" ] && slow=4
[ -n "${QEMU_LD_PREFIX:-}" ] && slow=10
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# run ARG...: run briefboard; sets $rc, output in $TMP/out and $TMP/err.
run() {
    "$B" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    what="briefboard $*"
}

show() {
    sed 's/^/    | /' "$TMP/$1" >&2
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || { fail "$what: exit $rc, want $1"; show err; }
}

# expect_empty out|err
expect_empty() {
    checks=$((checks + 1))
    [ ! -s "$TMP/$1" ] || { fail "$what: std$1 should be empty:"; show "$1"; }
}

# expect_lines out|err N: exactly N lines.
expect_lines() {
    checks=$((checks + 1))
    n=$(wc -l <"$TMP/$1")
    [ "$n" -eq "$2" ] || { fail "$what: $n lines on std$1, want $2:"; show "$1"; }
}

# expect_has out|err TEXT...: one line holds every TEXT (fixed strings).
expect_has() {
    stream=$1
    shift
    checks=$((checks + 1))
    cp "$TMP/$stream" "$TMP/match"
    for word in "$@"; do
        grep -F -- "$word" "$TMP/match" >"$TMP/match2"
        mv "$TMP/match2" "$TMP/match"
    done
    [ -s "$TMP/match" ] || { fail "$what: no line on std$stream with: $*"; show "$stream"; }
}

# expect_same out FILE: stdout equals FILE line by line.
expect_same() {
    checks=$((checks + 1))
    if ! diff -u "$2" "$TMP/$1" >"$TMP/diff"; then
        fail "$what: std$1 differs from $2:"
        show diff
    fi
}

finish() {
    if [ "$fails" -ne 0 ]; then
        echo "$0: $checks checks, $fails failed" >&2
        exit 1
    fi
    echo "$0: $checks checks, 0 failed"
    exit 0
}
