"""A web server for tests/cli/fetch_url.sh, bound to 127.0.0.1 only and
gone after --lifetime seconds whatever happens.

It serves DIR's files with an ETag (a hash of the content) and answers
If-None-Match with 304, and it misbehaves on demand: the file DIR/mode
holds one word, read on every request --
  ok        serve the file
  error     500 Internal Server Error
  portal    200 with a captive portal's HTML login page
  huge      200, 40 MiB streamed without a Content-Length
  biglen    200 announcing a 300 MiB Content-Length
  redirect  302 to the same path on --redirect-to (an http:// server)
  slow      wait 30 s before answering
With --tls CERT KEY it speaks HTTPS.  The port goes to --port-file.
"""
import argparse
import hashlib
import http.server
import os
import ssl
import threading
import time

PORTAL = (b"<!DOCTYPE html>\n<html><head><title>Hotel WiFi</title></head>"
          b"<body><form>Room number: <input name=room></form></body></html>\n")


def make_handler(root, redirect_to):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            with open(os.path.join(root, "requests.log"), "a") as log:
                log.write("%s %s inm=%s ims=%s\n" % (self.command, self.path,
                          self.headers.get("If-None-Match"),
                          self.headers.get("If-Modified-Since")))

        def do_GET(self):
            try:
                mode = open(os.path.join(root, "mode")).read().strip()
            except OSError:
                mode = "ok"
            if mode == "error":
                self.send_error(500)
            elif mode == "portal":
                self.reply(200, PORTAL, "text/html")
            elif mode == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                chunk = b" " * 65536
                try:
                    for _ in range(640):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif mode == "biglen":
                self.send_response(200)
                self.send_header("Content-Length", str(300 * 1024 * 1024))
                self.end_headers()
                self.close_connection = True
            elif mode == "redirect":
                self.send_response(302)
                self.send_header("Location", redirect_to + self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif mode == "slow":
                time.sleep(30)
                self.send_error(504)
            else:
                name = os.path.join(root, "www", os.path.basename(self.path.split("?")[0]))
                try:
                    body = open(name, "rb").read()
                except OSError:
                    self.send_error(404)
                    return
                tag = '"%s"' % hashlib.sha1(body).hexdigest()
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.reply(200, body, "application/xml", tag)

        def reply(self, code, body, ctype, tag=None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if tag:
                self.send_header("ETag", tag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--tls", nargs=2)
    ap.add_argument("--redirect-to", default="")
    ap.add_argument("--lifetime", type=float, default=120)
    a = ap.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             make_handler(a.dir, a.redirect_to))
    server.daemon_threads = True
    if a.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Timer(a.lifetime, server.shutdown).start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, a.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
