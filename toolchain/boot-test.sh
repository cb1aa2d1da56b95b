#!/bin/bash
# boot-test.sh: boot the image from build-image.sh under qemu-system-aarch64
# and check that briefboard puts its first slide on the (virtual) screen.
#
#   toolchain/boot-test.sh [IMAGE_DIR]      (default build/pi-image)
#
# Boots IMAGE_DIR/briefboard-arm64.img (a copy-on-write overlay: the image
# itself is not changed) on qemu's "virt" board -- Cortex-A72, 2 CPUs,
# 1 GiB, virtio disk, virtio-gpu at 1280x720, no network -- with the image's
# own kernel and initramfs.  Waits for systemd to report briefboard.service
# started (it is Type=notify: READY=1 comes after the first frame), then
# takes QEMU monitor screendumps until one matches the headless render of
# slide 1 at 1280x720 (ci/pngdiff: per channel <= TOLERANCE, at most
# MAX_BAD_PERCENT of the pixels off -- the footer clock and a countdown tick
# between the two), or fails after the time limit.  Prints the timings.
#
# Needs qemu-system-arm (qemu-system-aarch64), qemu-utils, a native build of
# briefboard (build/deb-amd64, made by ci/cross.sh, or BB_NATIVE_BRIEFBOARD)
# for the reference render, and SDL2_image's headers for ci/pngdiff.c.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$src/build/pi-image}
img=$dir/briefboard-arm64.img
run=$dir/boot-test
native=${BB_NATIVE_BRIEFBOARD:-$src/build/deb-amd64/src/briefboard}
WIDTH=1280
HEIGHT=720
BOOT_LIMIT_S=${BB_BOOT_LIMIT_S:-600}     # boot to "Started briefboard"
SCREEN_LIMIT_S=${BB_SCREEN_LIMIT_S:-300} # then to a matching screen
POLL_S=5
TOLERANCE=24                             # per channel: virtio scan-out vs GL render
MAX_BAD_PERCENT=3
# Extra kernel arguments, e.g. BB_BOOT_APPEND="systemd.setenv=BRIEFBOARD_DEBUG=1"
# to have the service log every step (systemd passes it on to services).
BOOT_APPEND=${BB_BOOT_APPEND:-}

for f in "$img" "$dir/vmlinuz" "$dir/initrd.img"; do
    [ -s "$f" ] || { echo "boot-test: $f missing: run toolchain/build-image.sh" >&2; exit 1; }
done
for tool in qemu-system-aarch64 qemu-img python3; do
    command -v $tool >/dev/null || { echo "boot-test: $tool missing (qemu-system-arm qemu-utils python3)" >&2; exit 1; }
done
[ -x "$native" ] || { echo "boot-test: no native briefboard at $native" >&2; exit 1; }

rm -rf "$run"
mkdir -p "$run"
pngdiff=$run/pngdiff
cc -std=c11 -O2 "$src/ci/pngdiff.c" $(pkg-config --cflags --libs sdl2 SDL2_image) -o "$pngdiff"

# The reference: slide 1 of the config the image boots with (the copy on its
# FAT partition is the sample), at the virtual screen's size, headless.  The
# sample's replay clock starts both at the same instant.
SDL_VIDEODRIVER=offscreen "$native" --config "$src/config/briefboard.cfg" --screenshot "$run/expected.png" \
    --size ${WIDTH}x${HEIGHT} --slide 1

qemu-img create -q -f qcow2 -F raw -b "$img" "$run/overlay.qcow2"
t0=$(date +%s)
elapsed() { echo $(( $(date +%s) - t0 )); }

qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1024 \
    -kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" \
    -append "root=LABEL=RASPIROOT rw console=ttyAMA0 consoleblank=0 vt.global_cursor_default=0 systemd.show_status=1 systemd.journald.forward_to_console=1 $BOOT_APPEND" \
    -drive file="$run/overlay.qcow2",format=qcow2,if=none,id=disk \
    -device virtio-blk-pci,drive=disk \
    -device virtio-gpu-pci,xres=$WIDTH,yres=$HEIGHT \
    -nic none -display none \
    -serial file:"$run/serial.log" \
    -monitor unix:"$run/monitor.sock",server,nowait \
    -pidfile "$run/qemu.pid" -daemonize

stop_qemu() {
    if [ -s "$run/qemu.pid" ]; then
        kill "$(cat "$run/qemu.pid")" 2>/dev/null || true
    fi
}
trap stop_qemu EXIT

monitor() { # monitor COMMAND: one QEMU monitor command
    python3 - "$run/monitor.sock" "$1" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
time.sleep(1.0)   # the monitor answers asynchronously; screendump writes meanwhile
s.close()
EOF
}

echo "boot-test: booting $(basename "$img") (serial log: $run/serial.log)"
started=""
while [ "$(elapsed)" -lt "$BOOT_LIMIT_S" ]; do
    if grep -q 'Started.*briefboard' "$run/serial.log" 2>/dev/null; then
        started=$(elapsed)
        break
    fi
    # A failed start is retried (Restart=always): keep waiting, but not
    # for a kernel that is gone.
    if grep -q 'Kernel panic' "$run/serial.log" 2>/dev/null; then
        break
    fi
    sleep 2
done
if [ -z "$started" ]; then
    tail -40 "$run/serial.log"
    echo "boot-test: FAILED: briefboard.service did not start within $BOOT_LIMIT_S s"
    exit 1
fi
echo "boot-test: briefboard.service started after $started s"

matched=""
shot=0
while [ $(( $(elapsed) - started )) -lt "$SCREEN_LIMIT_S" ]; do
    shot=$((shot + 1))
    monitor "screendump $run/screen-$shot.ppm"
    if [ -s "$run/screen-$shot.ppm" ] \
       && "$pngdiff" --tolerance $TOLERANCE --max-bad-percent $MAX_BAD_PERCENT \
              --diff "$run/diff-$shot.png" "$run/expected.png" "$run/screen-$shot.ppm"; then
        matched=$(elapsed)
        break
    fi
    sleep $POLL_S
done
monitor "screendump $run/screen-final.ppm" || true
if [ -z "$matched" ]; then
    echo "boot-test: FAILED: the screen never showed slide 1 ($shot screendumps in $run)"
    exit 1
fi
echo "boot-test: slide 1 on screen after $matched s (boot $started s); screendump $run/screen-$shot.ppm"
echo "boot-test: 1 passed, 0 failed"
