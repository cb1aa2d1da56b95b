#!/bin/bash
# slow-check.sh: the slow Raspberry Pi check in one command -- the arm64
# package, the bootable image, and the image's boot test under
# qemu-system-aarch64 (first frame, wake-ups on kmsdrm, hot-plug recovery,
# panel power in quiet hours).
#
#   sudo toolchain/slow-check.sh
#
# Not part of the per-commit checks: with an empty cache the image build
# runs Debian's initramfs build under emulation (about 15 minutes on a free
# 2-core machine, much longer on a loaded one); with the cache (build/
# image-cache) the whole check takes about 10 minutes.  Needs root and what
# scripts/install-deps.sh --ci installs.  Logs go to build/slow-check/.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
logs=$src/build/slow-check
jobs=${BB_JOBS:-2}
mkdir -p "$logs"
t0=$(date +%s)
step() { echo "== slow-check [$(( $(date +%s) - t0 )) s] $*"; }

step "arm64 package (log: $logs/package.log)"
{
    cd "$src"   # the presets are found in the current directory
    cmake --preset rpi-arm64 -DBB_BUILD_TESTS=OFF
    cmake --build --preset rpi-arm64 -j"$jobs"
    cd "$src/build/rpi-arm64"
    rm -rf deb
    cpack -G DEB
} >"$logs/package.log" 2>&1 || { tail -30 "$logs/package.log"; exit 1; }
deb=$(ls "$src"/build/rpi-arm64/deb/briefboard_*_arm64.deb)

step "native build for the reference render (log: $logs/native.log)"
{
    cmake -S "$src" -B "$src/build/deb-amd64" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DBB_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr
    cmake --build "$src/build/deb-amd64" -j"$jobs" --target briefboard
} >"$logs/native.log" 2>&1 || { tail -30 "$logs/native.log"; exit 1; }

step "image"
"$src/toolchain/build-image.sh" --deb "$deb" 2>&1 | tee "$logs/image.log"

step "boot test"
"$src/toolchain/boot-test.sh" 2>&1 | tee "$logs/boot-test.log"
status=${PIPESTATUS[0]}
step "done (exit $status)"
exit "$status"
