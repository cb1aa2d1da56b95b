#!/bin/sh
# boot-test-agent.sh: the part of toolchain/boot-test.sh that runs inside the
# booted image.  build-image.sh installs it as
# /usr/local/lib/briefboard/boot-test-agent with a unit that runs only when
# the kernel command line has briefboard.boottest=1 (the boot test's), so it
# is inert on a real Pi.  Every result is a line "BBTEST <what> <figures>"
# on the serial console, which the host script reads; the host takes the
# screendumps.
#
# Needs the display's stats file at /run/briefboard/stats (the boot test
# passes systemd.setenv=BRIEFBOARD_STATS_FILE=/run/briefboard/stats).
#
#   1. first frame: service start -> first frame, power-on -> first frame
#   2. wake-ups: the loop's wake-up counter over 60 s, counted only in the
#      seconds with no slide transition (the slide number did not change
#      in that second or the one before), and the process's voluntary
#      context switches over the whole 60 s for comparison
#   3. hot-plug: the connector forced off, then on, through sysfs; each
#      force followed by the card's "change" uevent, which a Pi's HDMI
#      hot-plug interrupt sends by itself but virtio-gpu (it does not poll
#      its connectors) does not send for a forced status
#   4. panel power: quiet hours with quiet_style "off" from the next minute
#      but one, for one minute, added to the config (hot reload); the
#      connector's dpms read during them, and again after them
set -u
stats=/run/briefboard/stats
cfg=/boot/firmware/briefboard/briefboard.cfg
say() { echo "BBTEST $*" >/dev/ttyAMA0 2>/dev/null || echo "BBTEST $*"; }
field() { sed -n "s/^$1 //p" "$stats" 2>/dev/null; }
mono_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# --- 1. the first frame (READY=1 is sent after it) ---
i=0
until [ -s "$stats" ] && [ "$(field frames)" -ge 1 ] 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 600 ] || { say "FAIL first-frame: no stats file after 300 s"; exit 1; }
    sleep 0.5
done
start_us=$(systemctl show -p ExecMainStartTimestampMonotonic --value briefboard.service)
ready_us=$(systemctl show -p ActiveEnterTimestampMonotonic --value briefboard.service)
say "first-frame service_start_to_frame_ms=$(( (ready_us - start_us) / 1000 ))" \
    "kernel_start_to_frame_ms=$(( ready_us / 1000 ))"
pid=$(field pid)
conn=$(ls -d /sys/class/drm/card*-*/ | head -n 1)
conn=${conn%/}
say "connector $(basename "$conn") status=$(cat "$conn/status") dpms=$(cat "$conn/dpms")"

# --- 2. wake-ups between transitions ---
# Per second of time measured, not per sample: a sample (two reads of the
# stats file) takes a while under emulation, so the samples are more than a
# second apart.
ctx() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }'; }
sleep 5
ctx0=$(ctx)
t0=$(mono_ms)
prev_w=$(field wakeups); prev_s=$(field slide); prev_t=$t0; prev_changed=1
quiet_w=0; quiet_ms=0
while [ $(( $(mono_ms) - t0 )) -lt 60000 ]; do
    sleep 1
    w=$(field wakeups); s=$(field slide); t=$(mono_ms)
    changed=0; [ "$s" = "$prev_s" ] || changed=1
    if [ $changed = 0 ] && [ $prev_changed = 0 ]; then
        quiet_w=$((quiet_w + w - prev_w)); quiet_ms=$((quiet_ms + t - prev_t))
    fi
    prev_w=$w; prev_s=$s; prev_t=$t; prev_changed=$changed
done
t1=$(mono_ms)
ctx1=$(ctx)
say "wakeups between_transitions=$quiet_w in_ms=$quiet_ms" \
    "per_s=$(awk -v w=$quiet_w -v ms=$quiet_ms 'BEGIN { printf "%.2f", ms ? w * 1000 / ms : 99 }')" \
    "voluntary_ctxt_switches_all_per_s=$(awk -v c=$((ctx1 - ctx0)) -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", c * 1000 / ms }')"

# --- 3. hot-plug ---
card=$(dirname "$(readlink -f "$conn")")   # the connector's card device
replug() { # replug off|detect: force the connector, then the card's uevent
    echo "$1" >"$conn/status"
    echo change >"$card/uevent"
}
# wait_log PATTERN: up to 60 s for a line of the service's log
wait_log() {
    t_end=$(( $(mono_ms) + 60000 ))
    while [ "$(mono_ms)" -lt $t_end ]; do
        journalctl -b -u briefboard.service -o cat | grep -Eq "$1" && return 0
        sleep 1
    done
    return 1
}
resets0=$(field display_resets)
replug off
wait_log "display .* disconnected" && seen=yes || seen=no
say "hotplug-off status=$(cat "$conn/status") logged_disconnected=$seen"
replug detect
t_on=$(mono_ms)
until [ "$(field display_resets)" -gt "$resets0" ] 2>/dev/null; do
    [ $(( $(mono_ms) - t_on )) -lt 60000 ] || break
    sleep 0.2
done
say "hotplug-on status=$(cat "$conn/status") display_resets_before=$resets0" \
    "display_resets=$(field display_resets) reopened_after_ms=$(( $(mono_ms) - t_on ))"
journalctl -b -u briefboard.service -o cat | grep -E "display .* (disconnected|connected|reopened)" \
    | tail -n 3 | while read -r line; do say "log $line"; done

# --- 4. quiet hours with the panel off ---
sleep 20   # the host's screendump of the recovered picture
wall=$(field wall)
zone=$(sed -n 's/^[[:space:]]*time_zone[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$cfg" | head -n 1)
# From the start of the minute after next (at least 60 s away), one minute.
from=$(( (wall / 60 + 2) * 60 ))
hm() { TZ=${zone:-UTC} date -d "@$1" +%H:%M; }
printf '\nquiet = ( { from = "%s"; until = "%s"; } );\nquiet_style = "off";\n' \
    "$(hm $from)" "$(hm $((from + 60)))" >>"$cfg"
say "quiet-set from=$(hm $from) until=$(hm $((from + 60))) zone=${zone:-UTC} in_s=$((from - wall))"
sleep $((from - wall + 10))
say "quiet-during dpms=$(cat "$conn/dpms") panel_power=$(field panel_power)" \
    "wakeups_in_5s=$(w0=$(field wakeups); sleep 5; echo $(( $(field wakeups) - w0 )))"
sleep 60
say "quiet-after dpms=$(cat "$conn/dpms") panel_power=$(field panel_power)"
journalctl -b -u briefboard.service -o cat | grep -E "^panel |panel (on|off)" | tail -n 2 \
    | while read -r line; do say "log $line"; done
say "done"
