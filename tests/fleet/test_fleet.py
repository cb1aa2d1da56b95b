"""test_fleet: three real headless displays, their briefboard-mqtt bridges
and a real mosquitto on 127.0.0.1 (a free port).

  python3 tests/fleet/test_fleet.py BUILD_DIR SOURCE_DIR

Checks, in order: the discovery entries and availability appear; one
publish on the all-screens topic puts the override on every display
(through each control socket's `status`, and a screenshot's pixels against
the override panel rendered by --screenshot), within ALERT_BOUND_S, and the
delivery time is printed; a group topic reaches its group only; a stopped
display's availability flips to offline; the bridges survive a broker
restart (discovery republished, commands work again); a flood of 10,000
malformed messages over MQTT, and another straight into a control socket,
leave every display running with its memory flat.
"""
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fleetlib import Fleet, Watcher, ctl, png_pixel, rss_kib, status  # noqa: E402

# Bounds, stretched by BB_FLEET_TIME_FACTOR under emulation (qemu-user).
SLOW = float(os.environ.get("BB_FLEET_TIME_FACTOR", "1"))
ALERT_BOUND_S = 2.0 * SLOW       # all displays show the alert within this
OFFLINE_BOUND_S = 5.0 * SLOW     # status_interval is 1 s
RECONNECT_BOUND_S = 15.0 * SLOW  # the bridges' pause grows 1, 2, 4 s...
FLOOD = 10000
RSS_GROWTH_KIB = 2048      # "flat": what a flood may add, at most
SCREENS = {"s1": ["lobby"], "s2": ["lobby", "building-h"], "s3": ["building-h"]}
ENTITIES = ["sensor/{}/slide", "sensor/{}/config", "sensor/{}/screen", "text/{}/override",
            "button/{}/next", "button/{}/prev", "button/{}/reload", "switch/{}/power",
            "image/{}/screenshot"]

failures = 0


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures += 1


def discovery_topics(sid):
    return [f"homeassistant/{e.format('briefboard_' + sid)}/config" for e in ENTITIES]


def wait_override(fleet, sids, text, bound, start=None):
    """Seconds (from start, default now) until every display in sids reports
    the override text (None for a display that did not within bound)."""
    start = start if start is not None else time.monotonic()
    got = {}
    while time.monotonic() - start < bound and len(got) < len(sids):
        for sid in sids:
            if sid not in got:
                st = status(fleet.screens[sid]["ctl"])
                if st and st.get("override_text") == text:
                    got[sid] = time.monotonic() - start
        time.sleep(0.005)
    return {sid: got.get(sid) for sid in sids}


def reference_override_colour(fleet):
    """The override panel's colour as --screenshot draws it, from a copy of
    the screens' config with an override file."""
    d = fleet.tmp
    with open(os.path.join(d, "alert.txt"), "w") as f:
        f.write("Reference alert\n")
    cfg = os.path.join(d, "alert.cfg")
    with open(fleet.config) as src, open(cfg, "w") as f:
        f.write(src.read() + f'\noverride = {{ file = "{d}/alert.txt"; }};\n')
    png = os.path.join(d, "alert-ref.png")
    subprocess.run([os.path.join(fleet.bin, "briefboard"), "--config", cfg, "--screenshot", png],
                   env=fleet.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return png_pixel(png, 2, 2)


def close(a, b, tol=3):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def main():
    build, source = sys.argv[1], sys.argv[2]
    fleet = Fleet(build, source)
    try:
        run(fleet)
    finally:
        fleet.close(keep=failures > 0)
        if failures:
            print(f"logs kept in {fleet.tmp}")
    print(f"test_fleet: {failures} failed")
    return 1 if failures else 0


def run(fleet):
    fleet.start_broker()
    watch = Watcher(fleet, ["homeassistant/#", "briefboard/+/availability", "briefboard/+/state"])
    for sid, groups in SCREENS.items():
        fleet.add_screen(sid, groups)
    fleet.wait_displays()
    for sid in SCREENS:
        fleet.start_bridge(sid)

    # 1. Discovery and availability.
    want = [t for sid in SCREENS for t in discovery_topics(sid)]
    ok = watch.wait_for(lambda last: all(t in last for t in want) and
                        all(last.get(f"briefboard/{s}/availability") == "online" for s in SCREENS),
                        10)
    check(ok, f"{len(want)} discovery entries and 3 x availability online appear")
    st = watch.get("briefboard/s2/state")
    check(st is not None and '"config_state":"good"' in st, "the state topic carries the status JSON")

    # 2. One publish on the all-screens topic: the override on every display.
    ref = reference_override_colour(fleet)
    before = os.path.join(fleet.tmp, "before.png")
    check(ctl(fleet.screens["s1"]["ctl"], f"screenshot {before}") == f"ok {before}",
          "screenshot through the control socket")
    check(not close(png_pixel(before, 2, 2), ref),
          f"before the alert the screen is not the override panel {ref}")
    t0 = time.monotonic()   # mosquitto_pub's own start-up counts too
    fleet.publish("briefboard/all/cmd", "override Evacuate by the north stairs")
    times = wait_override(fleet, list(SCREENS), "Evacuate by the north stairs", ALERT_BOUND_S, t0)
    check(all(t is not None for t in times.values()),
          f"the all-screens alert reached every display within {ALERT_BOUND_S} s")
    worst = max((t for t in times.values() if t is not None), default=-1)
    print(f"     alert delivery (publish -> status on every display): "
          + ", ".join(f"{k} {v * 1000:.0f} ms" if v is not None else f"{k} never"
                      for k, v in times.items()) + f"; all in {worst * 1000:.0f} ms")
    for sid in SCREENS:
        shot = os.path.join(fleet.tmp, f"alert-{sid}.png")
        reply = ctl(fleet.screens[sid]["ctl"], f"screenshot {shot}")
        px = png_pixel(shot, 2, 2) if reply == f"ok {shot}" else None
        check(px is not None and close(px, ref), f"{sid}'s screenshot shows the override panel ({px})")

    # 3. A group reaches its group only.
    fleet.publish("briefboard/all/cmd", "override clear")
    cleared = wait_override(fleet, list(SCREENS), None, ALERT_BOUND_S)
    check(all(t is not None for t in cleared.values()), "override clear on the all topic")
    fleet.publish("briefboard/group/building-h/cmd", "override Building H: lifts out of service")
    got = wait_override(fleet, ["s2", "s3"], "Building H: lifts out of service", ALERT_BOUND_S)
    check(all(t is not None for t in got.values()), "the building-h group (s2, s3) shows it")
    time.sleep(0.5)
    st1 = status(fleet.screens["s1"]["ctl"])
    check(st1 is not None and st1["override"] is False, "s1 (lobby only) does not")
    fleet.publish("briefboard/s1/cmd", "power off")
    ok = watch.wait_for(lambda last: '"power":"off"' in (last.get("briefboard/s1/state") or ""), 5)
    check(ok, "a per-screen command (power off) shows in that screen's state topic")
    fleet.publish("briefboard/s1/cmd", "power on")

    # 4. Stopping a display flips its availability to offline.
    d3 = fleet.screens["s3"]["display"]
    d3.send_signal(signal.SIGTERM)
    d3.wait(timeout=10)
    ok = watch.wait_for(lambda last: last.get("briefboard/s3/availability") == "offline",
                        OFFLINE_BOUND_S)
    check(ok, f"s3 stopped: its availability is offline within {OFFLINE_BOUND_S} s")
    check(watch.get("briefboard/s1/availability") == "online", "s1 stays online")

    # 5. The broker restarts (losing every retained message).
    watch.stop()
    fleet.stop_broker()
    time.sleep(1)
    fleet.start_broker()
    watch = Watcher(fleet, ["homeassistant/#", "briefboard/+/availability"])
    want = [t for sid in ("s1", "s2") for t in discovery_topics(sid)]
    ok = watch.wait_for(lambda last: all(t in last for t in want) and
                        last.get("briefboard/s1/availability") == "online", RECONNECT_BOUND_S)
    check(ok, "after a broker restart the bridges republish discovery and availability")
    fleet.publish("briefboard/all/cmd", "override After the restart")
    got = wait_override(fleet, ["s1", "s2"], "After the restart", 5)
    check(all(t is not None for t in got.values()), "and commands reach the displays again")

    # 6. Floods: 10,000 malformed messages over MQTT, 10,000 malformed lines
    # straight into a control socket.
    pids = {sid: fleet.screens[sid]["display"].pid for sid in ("s1", "s2")}
    bridges = {sid: fleet.screens[sid]["bridge"].pid for sid in ("s1", "s2")}
    bad = [b"\xff\xfe not UTF-8", b"x" * 5000, b"reboot now", b"override \x1b[2J",
           b"screenshot /etc/passwd.png", b"power standby", b"\xc0\xafoverride", b""]

    def flood(n):
        lines = b"\n".join(bad[i % len(bad)] + str(i).encode() for i in range(n)) + b"\n"
        fleet.publish_lines("briefboard/all/cmd", lines)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(fleet.screens["s2"]["ctl"])
            s.settimeout(5)
            try:
                s.sendall(b"".join(bad[i % len(bad)] + b"\n" for i in range(n)))
            except OSError:
                pass   # the display may drop a client that does not read: fine

    # A first, smaller flood: the allocators' pools for these sizes exist
    # afterwards, so what the big one adds is what it keeps.
    flood(FLOOD // 10)
    time.sleep(2)
    before = {p: rss_kib(p) for p in list(pids.values()) + list(bridges.values())}
    t = time.monotonic()
    flood(FLOOD)
    flood_s = time.monotonic() - t
    time.sleep(2)
    for sid, pid in pids.items():
        st = status(fleet.screens[sid]["ctl"])
        check(st is not None and fleet.screens[sid]["display"].poll() is None,
              f"{sid} runs and answers after the floods")
    after = {p: rss_kib(p) for p in before}
    for p in before:
        growth = after[p] - before[p]
        check(growth <= RSS_GROWTH_KIB,
              f"pid {p}: RSS {before[p]} -> {after[p]} KiB (+{growth}, at most +{RSS_GROWTH_KIB})")
    print(f"     {FLOOD} malformed MQTT messages and {FLOOD} malformed socket lines "
          f"sent in {flood_s:.2f} s")
    for sid in ("s1", "s2"):
        check(fleet.screens[sid]["bridge"].poll() is None, f"{sid}'s bridge runs after the flood")
    time.sleep(1.5)   # the rate limit's bucket refills
    fleet.publish("briefboard/all/cmd", "override clear")
    got = wait_override(fleet, ["s1", "s2"], None, 5)
    check(all(t is not None for t in got.values()), "a good command works after the flood")
    with open(os.path.join(fleet.screens["s1"]["dir"], "bridge.log")) as f:
        log = f.read()
    n = sum(1 for line in log.splitlines() if "refused a command" in line or "faster than" in line)
    check(0 < n < 100, f"the flood cost the bridge's log {n} lines, not {FLOOD}")
    watch.stop()


if __name__ == "__main__":
    sys.exit(main())
