#!/bin/bash
# ci/cross.sh: the Raspberry Pi cross check, called by .ci/run.
#
#   bash ci/cross.sh            (from anywhere; needs root only to install
#                                missing tools and to register binfmt_misc)
#
# 1. installs the cross tools if missing (gcc for aarch64 and armhf,
#    qemu-user-static);
# 2. assembles the arm64 and armhf sysroots from Debian bookworm packages
#    (toolchain/make-sysroot.sh: the host's packages are not touched; cached
#    in build/sysroot-*, a no-op when complete);
# 3. cross-builds both with the rpi-arm64 / rpi-armhf presets and runs their
#    CTest suites under qemu-user;
# 4. renders every slide of the sample config with the cross-built arm64
#    program under qemu-user (SDL offscreen) and with a native build, and
#    compares the PNGs (ci/pngdiff.c: per channel <= 4, the render tests'
#    tolerance, no pixel over; seen: 3 pixels of the scaled logo off by 3);
# 5. builds the .deb packages for amd64, arm64 and armhf and runs lintian on
#    them (ci/package.sh), unless BB_CROSS_PACKAGES=0.
#
# Prints "N passed, N failed" at the end and exits non-zero on any failure.
# Measured on the 2-core CI machine: see docs/raspberry-pi.md, "Timings".
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$src/build
mkdir -p "$build"   # logs go here from the first step on, also in a fresh clone
jobs=${BB_JOBS:-2}
now=${BB_CROSS_NOW:-2022-01-09T18:00:00Z}
t0=$(date +%s)
passed=0
failed=0

step() { echo "== cross [$(( $(date +%s) - t0 )) s] $*"; }
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*"; }

# --- 1. tools ---
missing=()
for pair in aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu arm-linux-gnueabihf-gcc:gcc-arm-linux-gnueabihf \
            qemu-aarch64-static:qemu-user-static qemu-arm-static:qemu-user-static \
            cmake:cmake pkg-config:pkg-config dpkg-shlibdeps:dpkg-dev file:file lintian:lintian; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    if [ "$(id -u)" != 0 ]; then
        echo "ci/cross.sh: missing tools (${missing[*]}); install them as root" >&2
        exit 1
    fi
    apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends \
        $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

# Tests that start the built program as a child process (the CLI scripts,
# the reliability runs) need the kernel to hand ARM executables to qemu:
# binfmt_misc.  CTest's emulator covers only the test executable itself.
binfmt=0
if [ -w /proc/sys/fs/binfmt_misc/register ] \
   || { [ "$(id -u)" = 0 ] && mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null; }; then
    if command -v update-binfmts >/dev/null; then
        update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
        update-binfmts --enable qemu-arm >/dev/null 2>&1 || true
    fi
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] && [ -e /proc/sys/fs/binfmt_misc/qemu-arm ] && binfmt=1
fi
# Without binfmt_misc, those tests are left out (and said so): they test the
# same program natively in the main CI run.
process_tests='cli_|render_cli|test_fleet'
# Never under emulation: the reliability runs (hostile reloads, the soak,
# sd_notify timing, failing picture decoders under the watchdog, valgrind -- which cannot run inside qemu-user) and the
# main-loop tests are about the running program's timing over minutes; they
# run natively in the main CI run, and emulated they take most of an hour.
emulation_excluded='test_hostile_reload|test_soak|test_notify|test_decoder|test_valgrind|test_loop|test_loop_scenes'

# --- 2-3. sysroots, cross builds, tests under qemu-user ---
for arch in arm64 armhf; do
    preset=rpi-$arch
    step "$preset: sysroot and configure"
    if ! cmake --preset "$preset" >"$build/cross-$arch-configure.log" 2>&1; then
        tail -30 "$build/cross-$arch-configure.log"
        bad "$preset configure"
        continue
    fi
    step "$preset: build"
    if ! cmake --build --preset "$preset" -j"$jobs" >"$build/cross-$arch-build.log" 2>&1; then
        grep -E 'error|Error' "$build/cross-$arch-build.log" | head -30
        bad "$preset build"
        continue
    fi
    ok "$preset build"
    step "$preset: tests under qemu-user"
    exclude=(-E "^($emulation_excluded)\$")
    if [ $binfmt = 0 ]; then
        exclude=(-E "^($emulation_excluded)\$|^($process_tests)")
        echo "note: binfmt_misc unavailable: not running $process_tests under qemu"
    fi
    if QEMU_LD_PREFIX=$build/sysroot-$arch \
       ctest --preset "$preset" -j"$jobs" "${exclude[@]}" >"$build/cross-$arch-ctest.log" 2>&1; then
        ok "$preset ctest: $(grep -E 'tests passed' "$build/cross-$arch-ctest.log")"
    else
        grep -E -A40 'The following tests FAILED|Failed|\*\*\*' "$build/cross-$arch-ctest.log" | head -60
        bad "$preset ctest"
    fi
done

# --- 4. the sample's slides: arm64 under qemu vs native ---
step "native build (prefix /usr, for the renders and the amd64 package)"
native=$build/deb-amd64
if cmake -S "$src" -B "$native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
        -DBB_BUILD_TESTS=OFF >"$build/cross-native.log" 2>&1 \
   && cmake --build "$native" -j"$jobs" >>"$build/cross-native.log" 2>&1; then
    ok "native build"
else
    grep -E 'error|Error' "$build/cross-native.log" | head -30
    bad "native build"
fi

step "rendering the sample's slides"
pngdiff=$build/pi-tools/pngdiff
mkdir -p "$(dirname "$pngdiff")"
cc -std=c11 -O2 -Wall -Wextra "$src/ci/pngdiff.c" $(pkg-config --cflags --libs sdl2 SDL2_image) \
    -o "$pngdiff"
render() { # render OUTDIR PROGRAM... : every slide of the sample, headless
    local dir=$1
    shift
    rm -rf "$dir"
    mkdir -p "$dir"
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy TZ=UTC \
        "$@" --config "$src/config/briefboard.cfg" --now "$now" --render-all "$dir"
}
rn=$build/cross-render/native
ra=$build/cross-render/arm64
if render "$rn" "$native/src/briefboard" >"$build/cross-render-native.log" 2>&1 \
   && render "$ra" qemu-aarch64-static -L "$build/sysroot-arm64" "$build/rpi-arm64/src/briefboard" \
        >"$build/cross-render-arm64.log" 2>&1; then
    n=0
    differ=0
    for png in "$rn"/*.png; do
        name=$(basename "$png")
        n=$((n + 1))
        if ! "$pngdiff" --tolerance 4 --diff "$ra/${name%.png}_err.png" "$png" "$ra/$name"; then
            differ=$((differ + 1))
        fi
    done
    if [ "$n" -gt 0 ] && [ "$differ" = 0 ] \
       && [ "$(ls "$ra"/*.png | grep -vc '_err\.png$')" = "$n" ]; then
        ok "arm64 renders of $n slides match the native ones"
    else
        bad "arm64 renders: $differ of $n slides differ (or counts differ: $(ls "$ra" | wc -l) files)"
    fi
else
    tail -20 "$build/cross-render-native.log" "$build/cross-render-arm64.log"
    bad "rendering the sample"
fi

# --- 5. packages ---
if [ "${BB_CROSS_PACKAGES:-1}" != 0 ]; then
    step "packages"
    if bash "$src/ci/package.sh"; then
        ok "packages for amd64, arm64, armhf pass lintian"
    else
        bad "packages"
    fi
fi

step "done"
echo "cross: $passed passed, $failed failed"
[ "$failed" = 0 ]
