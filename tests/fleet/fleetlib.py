"""A fleet on one machine, for the broker tests and the benchmark: a real
mosquitto on 127.0.0.1 on a free port, real headless displays
(SDL_VIDEODRIVER=offscreen) with their control sockets, and one
briefboard-mqtt bridge per display.  Standard library only; the MQTT side
is watched with mosquitto_sub and fed with mosquitto_pub.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pnglib import png_pixel  # noqa: E402,F401  (for the tests)


def find_program(name):
    """mosquitto lives in /usr/sbin, which a test's PATH may lack."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if not path:
        raise SystemExit(f"fleet: {name} not found: run scripts/install-deps.sh --test")
    return path


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ctl(path, line, timeout=3.0):
    """One request on the control socket; the reply line, or None."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            s.sendall(line.encode() + b"\n" if isinstance(line, str) else line)
            buf = b""
            while b"\n" not in buf:
                chunk = s.recv(65536)
                if not chunk:
                    return None
                buf += chunk
            return buf.split(b"\n", 1)[0].decode("utf-8", "replace")
    except OSError:
        return None


def status(path):
    reply = ctl(path, "status")
    if not reply or not reply.startswith("{"):
        return None
    return json.loads(reply)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


class Watcher:
    """mosquitto_sub on some topics; keeps the last payload of each topic
    and when it arrived (text payloads only: one line each)."""

    def __init__(self, fleet, topics):
        args = [fleet.mosquitto_sub, "-h", "127.0.0.1", "-p", str(fleet.port), "-v",
                "-F", "%t %p"]
        for t in topics:
            args += ["-t", t]
        self.last = {}
        self.when = {}
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            topic, _, payload = line.partition(" ")
            with self.lock:
                self.last[topic] = payload
                self.when[topic] = time.monotonic()

    def get(self, topic):
        with self.lock:
            return self.last.get(topic)

    def wait_for(self, pred, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if pred(self.last):
                    return True
            time.sleep(0.05)
        return False

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Fleet:
    def __init__(self, build_dir, source_dir, config=None):
        self.bin = os.path.join(build_dir, "src")
        self.src = source_dir
        self.config = config or os.path.join(source_dir, "tests/data/fleet/screen.cfg")
        self.tmp = tempfile.mkdtemp(prefix="bbfleet.")
        self.mosquitto = find_program("mosquitto")
        self.mosquitto_sub = find_program("mosquitto_sub")
        self.mosquitto_pub = find_program("mosquitto_pub")
        self.port = free_port()
        self.broker = None
        self.screens = {}   # id -> dict(display=Popen, bridge=Popen, ctl=path, dir=path)
        self.env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy")
        # Under AddressSanitizer freed blocks wait in a quarantine (256 MB by
        # default) before reuse, so RSS climbs through any flood of short
        # allocations without a leak; a small quarantine keeps the memory
        # check meaningful and still catches a use right after a free.
        if os.environ.get("ASAN_OPTIONS"):
            self.env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"] + ":quarantine_size_mb=1"

    # --- the broker ---
    def start_broker(self):
        conf = os.path.join(self.tmp, "mosquitto.conf")
        with open(conf, "w") as f:
            # Only 127.0.0.1, a port nobody else uses (a system mosquitto,
            # if one runs, has 1883); no persistence: a restart loses every
            # retained message, which is what the bridges must survive.
            f.write(f"listener {self.port} 127.0.0.1\nallow_anonymous true\n"
                    "persistence false\nmax_queued_messages 100000\n")
        self.broker = subprocess.Popen([self.mosquitto, "-c", conf],
                                       stdout=subprocess.DEVNULL,
                                       stderr=open(os.path.join(self.tmp, "mosquitto.log"), "ab"))
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("fleet: mosquitto did not start")

    def stop_broker(self):
        self.broker.terminate()
        self.broker.wait()

    # --- screens ---
    def add_screen(self, sid, groups, status_interval=1):
        d = os.path.join(self.tmp, sid)
        os.makedirs(d)
        ctl_path = os.path.join(d, "control")
        log = open(os.path.join(d, "display.log"), "ab")
        display = subprocess.Popen([os.path.join(self.bin, "briefboard"), "--config", self.config,
                                    "--window", "--control", ctl_path],
                                   env=self.env, stdout=subprocess.DEVNULL, stderr=log)
        cfg = os.path.join(d, "mqtt.cfg")
        with open(cfg, "w") as f:
            f.write(f'broker = {{ host = "127.0.0.1"; port = {self.port}; keepalive = 5; }};\n'
                    f'screen = {{ id = "{sid}"; name = "Screen {sid}"; groups = {json.dumps(groups)}; }};\n'
                    f'control = "{ctl_path}";\nstatus_interval = {status_interval};\n'
                    f'screenshot_file = "{d}/mqtt-shot.png";\nscreenshot_interval = 0;\n'
                    'screenshot_min_interval = 1;\ncommands_per_second = 20;\n')
        self.screens[sid] = {"display": display, "ctl": ctl_path, "dir": d, "cfg": cfg,
                             "bridge": None}
        return self.screens[sid]

    def start_bridge(self, sid):
        s = self.screens[sid]
        log = open(os.path.join(s["dir"], "bridge.log"), "ab")
        s["bridge"] = subprocess.Popen([os.path.join(self.bin, "briefboard-mqtt"), "--config",
                                        s["cfg"]], env=self.env, stdout=subprocess.DEVNULL,
                                       stderr=log)

    def wait_displays(self, timeout=30):
        end = time.monotonic() + timeout
        for sid, s in self.screens.items():
            while status(s["ctl"]) is None:
                if time.monotonic() > end or s["display"].poll() is not None:
                    raise SystemExit(f"fleet: display {sid} did not come up; see {s['dir']}/display.log")
                time.sleep(0.05)

    def publish(self, topic, message):
        subprocess.run([self.mosquitto_pub, "-h", "127.0.0.1", "-p", str(self.port), "-q", "1",
                        "-t", topic, "-m", message], check=True)

    def publish_lines(self, topic, data):
        """Each line of data (bytes) as one message."""
        subprocess.run([self.mosquitto_pub, "-h", "127.0.0.1", "-p", str(self.port), "-q", "0",
                        "-t", topic, "-l"], input=data, check=True)

    def close(self, keep=False):
        for s in self.screens.values():
            for key in ("bridge", "display"):
                p = s[key]
                if p and p.poll() is None:
                    p.send_signal(signal.SIGTERM)
                    try:
                        p.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        p.kill()
        if self.broker and self.broker.poll() is None:
            self.stop_broker()
        if not keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
