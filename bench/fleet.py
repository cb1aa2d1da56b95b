"""bench/fleet.py -- one alert to N screens: delivery time through MQTT.

  python3 bench/fleet.py [--screens N] [--rounds R] [--build DIR]

Starts a mosquitto on 127.0.0.1 (a free port), N real headless displays
(SDL_VIDEODRIVER=offscreen, tests/data/fleet/screen.cfg, 640x360) and one
briefboard-mqtt per display, then R times: one `override` publish on the
all-screens topic (a new text each round), and for every display the time
from just before mosquitto_pub starts until that display's control socket
reports the text in `status` (polled round-robin, so a display is seen a
few ms late at most).  Reports p50/p99/max over all N x R deliveries and the
p50/p99 of each round's slowest display (the time until *every* screen
shows it).  Not a test, not in CI: it never fails on slowness.
"""
import argparse
import os
import statistics
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
sys.path.insert(0, os.path.join(repo, "tests", "fleet"))
from fleetlib import Fleet, Watcher, status  # noqa: E402


def pct(values, p):
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--screens", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--build", default=os.path.join(repo, "build", "default"))
    args = ap.parse_args()

    fleet = Fleet(args.build, repo)
    try:
        fleet.start_broker()
        ids = [f"b{i:02d}" for i in range(args.screens)]
        for i, sid in enumerate(ids):
            fleet.add_screen(sid, ["odd" if i % 2 else "even"], status_interval=5)
        fleet.wait_displays(timeout=120)
        for sid in ids:
            fleet.start_bridge(sid)
        watch = Watcher(fleet, ["briefboard/+/state"])
        time.sleep(3)   # every bridge connected and subscribed
        per_display, per_round = [], []
        via_state, via_state_round = [], []
        for r in range(args.rounds):
            text = f"Alert round {r}"
            pending = set(ids)
            t0 = time.monotonic()
            fleet.publish("briefboard/all/cmd", f"override {text}")
            last = 0.0
            while pending and time.monotonic() - t0 < 30:
                for sid in list(pending):
                    st = status(fleet.screens[sid]["ctl"])
                    if st and st.get("override_text") == text:
                        dt = time.monotonic() - t0
                        per_display.append(dt)
                        last = max(last, dt)
                        pending.discard(sid)
            if pending:
                print(f"round {r}: {len(pending)} displays never showed it", file=sys.stderr)
            per_round.append(last)
            # The same delivery seen from the broker's side, without polling
            # 20 sockets: each bridge reads the display's status right after
            # passing the command on and publishes it.
            time.sleep(0.3)
            seen = []
            with watch.lock:
                for sid in ids:
                    topic = f"briefboard/{sid}/state"
                    if text in (watch.last.get(topic) or ""):
                        seen.append(watch.when[topic] - t0)
            via_state += seen
            if len(seen) == len(ids):
                via_state_round.append(max(seen))
        ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
        print(f"{args.screens} displays, {args.rounds} alerts, one mosquitto, {os.cpu_count()} CPUs")
        print(f"per display (publish -> its status shows the text), n={len(per_display)}: "
              f"p50 {ms(pct(per_display, 50))}, p99 {ms(pct(per_display, 99))}, "
              f"max {ms(max(per_display))}")
        print(f"all {args.screens} displays, per alert (slowest display): "
              f"p50 {ms(pct(per_round, 50))}, p99 {ms(pct(per_round, 99))}, "
              f"max {ms(max(per_round))}, mean {ms(statistics.mean(per_round))}")
        if via_state and via_state_round:
            print(f"per display, seen on its state topic (publish -> display applied it -> "
                  f"state published), n={len(via_state)}: p50 {ms(pct(via_state, 50))}, "
                  f"p99 {ms(pct(via_state, 99))}; all {args.screens}, per alert: "
                  f"p50 {ms(pct(via_state_round, 50))}, p99 {ms(pct(via_state_round, 99))}")
        watch.stop()
    finally:
        fleet.close()


if __name__ == "__main__":
    main()
