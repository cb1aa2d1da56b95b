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
# between the two), or fails after the time limit.
#
# Then the checks that run inside the image (toolchain/boot-test-agent.sh,
# started by briefboard.boottest=1 on the kernel command line) report on
# the serial console, and this script checks each, printing its figures:
#   first frame  service start -> first frame, kernel start -> first frame
#   wake-ups     the loop's wake-ups per second between transitions, over
#                60 s, <= MAX_WAKEUPS_PER_S (and the context switches)
#   hot-plug     the connector forced off and on through sysfs: the display
#                logs the disconnection, reopens when it is back (its
#                display_resets count goes up), and a screendump shows the
#                show again (any of its slides, headless renders of all of
#                them: it keeps its place)
#   panel power  quiet hours with quiet_style "off" added to the config: the
#                connector's dpms reads Off during them, On after them, and
#                a screendump shows the show again
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
MAX_WAKEUPS_PER_S=1.5
AGENT_LIMIT_S=${BB_AGENT_LIMIT_S:-900}   # all the in-image checks
# Extra kernel arguments, e.g. BB_BOOT_APPEND="systemd.setenv=BRIEFBOARD_DEBUG=1"
# to have the service log every step (systemd passes it on to services).
BOOT_APPEND="briefboard.boottest=1 systemd.setenv=BRIEFBOARD_STATS_FILE=/run/briefboard/stats ${BB_BOOT_APPEND:-}"

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
# And every slide the loop shows (pages too), for "the picture is back"
# after a hot-plug or the quiet hours: the show keeps its place, so the
# screen comes back at whichever slide is due then, not at slide 1.
SDL_VIDEODRIVER=offscreen "$native" --config "$src/config/briefboard.cfg" --render-all "$run/expected-all" \
    --size ${WIDTH}x${HEIGHT} 2>/dev/null

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
    if grep -aq 'Started briefboard\.service\|Started briefboard briefing' "$run/serial.log" 2>/dev/null; then
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

passed=0
failed=0
pass() { echo "boot-test: PASS: $*"; passed=$((passed + 1)); }
fail() { echo "boot-test: FAIL: $*"; failed=$((failed + 1)); }
shot=0
took=""
# screen_shows_slide1 LIMIT_S: screendumps until one matches slide 1; sets
# took to the seconds it took, or returns 1.  (Not run in $(...): shot
# counts on across calls.)
screen_shows_slide1() {
    local t_start=$(elapsed)
    while [ $(( $(elapsed) - t_start )) -lt "$1" ]; do
        shot=$((shot + 1))
        monitor "screendump $run/screen-$shot.ppm"
        if [ -s "$run/screen-$shot.ppm" ] \
           && "$pngdiff" --tolerance $TOLERANCE --max-bad-percent $MAX_BAD_PERCENT \
                  --diff "$run/diff-$shot.png" "$run/expected.png" "$run/screen-$shot.ppm" >/dev/null; then
            took="$(( $(elapsed) - t_start )) s"
            return 0
        fi
        sleep $POLL_S
    done
    return 1
}
# screen_shows_a_slide LIMIT_S: screendumps until one matches any slide of
# the show; sets took to the seconds it took and the slide, or returns 1.
screen_shows_a_slide() {
    local t_start=$(elapsed) ref
    while [ $(( $(elapsed) - t_start )) -lt "$1" ]; do
        shot=$((shot + 1))
        monitor "screendump $run/screen-$shot.ppm"
        if [ -s "$run/screen-$shot.ppm" ]; then
            for ref in "$run"/expected-all/*.png; do
                if "$pngdiff" --tolerance $TOLERANCE --max-bad-percent $MAX_BAD_PERCENT \
                       "$ref" "$run/screen-$shot.ppm" >/dev/null 2>&1; then
                    took="$(( $(elapsed) - t_start )) s ($(basename "$ref" .png), screendump $shot)"
                    return 0
                fi
            done
        fi
        sleep $POLL_S
    done
    return 1
}
# agent_line WHAT: wait for the agent's "BBTEST WHAT ..." line; print it.
agent_line() {
    local line
    while [ "$(elapsed)" -lt "$AGENT_LIMIT_S" ]; do
        line=$(tr -d '\r' <"$run/serial.log" | grep -a "BBTEST $1" | head -n 1 || true)
        if [ -n "$line" ]; then
            echo "${line#*BBTEST }"
            return 0
        fi
        if grep -aq "BBTEST FAIL" "$run/serial.log"; then
            tr -d '\r' <"$run/serial.log" | grep -a "BBTEST FAIL" | head -n 1
            return 1
        fi
        sleep 2
    done
    return 1
}
value() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }

if screen_shows_slide1 "$SCREEN_LIMIT_S"; then
    pass "slide 1 on screen after $(elapsed) s (boot $started s); screendump $run/screen-$shot.ppm"
else
    fail "the screen never showed slide 1 ($shot screendumps in $run)"
fi

if line=$(agent_line first-frame); then
    echo "boot-test: $line"
    pass "first frame: $(value service_start_to_frame_ms "$line") ms after the service started," \
         "$(value kernel_start_to_frame_ms "$line") ms after the kernel started"
else
    fail "no first-frame report from the image ($line)"
fi
if line=$(agent_line wakeups); then
    echo "boot-test: $line"
    rate=$(value per_s "$line")
    if awk -v r="$rate" -v m="$MAX_WAKEUPS_PER_S" 'BEGIN { exit !(r <= m) }'; then
        pass "wake-ups between transitions: $rate/s (<= $MAX_WAKEUPS_PER_S)"
    else
        fail "wake-ups between transitions: $rate/s (> $MAX_WAKEUPS_PER_S)"
    fi
else
    fail "no wake-up report from the image ($line)"
fi
# Hot-plug: the display must have noticed (the disconnection logged, the
# screen reopened: display_resets went up), and then show the show again.
# The screendump alone proves nothing: QEMU keeps the last scan-out.
if line=$(agent_line hotplug-on); then
    off=$(agent_line hotplug-off)
    echo "boot-test: $off"
    echo "boot-test: $line"
    if [ "$(value logged_disconnected "$off")" != yes ]; then
        fail "hot-plug: the display did not notice the connector going off"
    elif [ "$(value display_resets "$line")" -le "$(value display_resets_before "$line")" ]; then
        fail "hot-plug: the display was not reopened after the connector came back"
    elif screen_shows_a_slide "$SCREEN_LIMIT_S"; then
        pass "hot-plug: connector off and on, display reopened after" \
             "$(value reopened_after_ms "$line") ms, the show back on screen $took later"
    else
        fail "hot-plug: the picture did not come back after the connector was forced off and on"
    fi
    # The agent reports the log lines after its hotplug-on line: read now.
    tr -d '\r' <"$run/serial.log" | grep -a "BBTEST log" | grep -a "display" | sed 's/^.*BBTEST /boot-test:   /' || true
else
    fail "no hot-plug report from the image ($line)"
fi
if line=$(agent_line quiet-during); then
    echo "boot-test: $(agent_line quiet-set)"
    echo "boot-test: $line"
    if [ "$(value dpms "$line")" = Off ] && [ "$(value panel_power "$line")" = off ]; then
        pass "panel power: dpms Off during quiet hours (quiet_style \"off\")," \
             "$(value wakeups_in_5s "$line") wake-ups in 5 s while off"
    else
        fail "panel power: during quiet hours dpms reads $(value dpms "$line")"
    fi
    if line=$(agent_line quiet-after) && echo "boot-test: $line" && [ "$(value dpms "$line")" = On ] \
       && screen_shows_a_slide "$SCREEN_LIMIT_S"; then
        pass "panel power: dpms On after quiet hours, the show back on screen $took later"
    else
        fail "panel power: the panel or the slide did not come back after quiet hours ($line)"
    fi
    tr -d '\r' <"$run/serial.log" | grep -a "BBTEST log" | grep -a panel | sed 's/^.*BBTEST /boot-test:   /' || true
else
    fail "no quiet-hours report from the image ($line)"
fi
monitor "screendump $run/screen-final.ppm" || true
echo "boot-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
