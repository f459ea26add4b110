#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4, so
no websocket and nothing but the standard library), for the report tests:

  cdp.py FILE.html WIDTH,HEIGHT [?QUERY] STEP...

The page is loaded at exactly WIDTH x HEIGHT CSS pixels (device metrics
emulation: a plain --window-size cannot go below 500 px in headless
Chromium, so a "400 px" screenshot would be a cut 500 px layout), with ?QUERY
in its address.  Then each STEP, in order:

  eval:EXPR        evaluate EXPR in the page; print its value as one JSON line
  click:SELECTOR   a real mouse click (press and release) at the element's centre
  type:TEXT        the focused element receives TEXT as typed input
  shot:OUT.png[:MAXH]  screenshot of the page from its top, its full height up to MAXH (default 3000) px
  pdf:OUT.pdf      print to PDF as the print dialog would (A4 from the page's @page, backgrounds on)

Exit 127 when there is no chromium, 1 on a protocol error or a timeout (60 s
for the whole run), 0 otherwise.  Each run has a fresh, throw-away profile.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

DEADLINE = 60.0


class Browser:
    def __init__(self, exe, profile):
        to_r, to_w = os.pipe()      # our commands -> browser fd 3
        from_r, from_w = os.pipe()  # browser fd 4 -> our events and replies
        def child_fds():   # via copies, in case a pipe end already is fd 3 or 4
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
             "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=open(os.environ.get("CDP_LOG", os.devnull), "wb"))
        os.close(to_r)
        os.close(from_w)
        self.w = os.fdopen(to_w, "wb", buffering=0)
        self.r = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None
        self.start = time.monotonic()

    def _read_message(self):
        while b"\0" not in self.buf:
            if time.monotonic() - self.start > DEADLINE:
                raise RuntimeError("timed out after %.0f s" % DEADLINE)
            chunk = self.r.read(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self.w.write(json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    del self.events[i]
                    return e
            self.events.append(self._read_message())

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def evaluate(b, expr):
    r = b.call("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
    if "exceptionDetails" in r:
        raise RuntimeError("eval %r: %s" % (expr, r["exceptionDetails"].get("text")))
    return r["result"].get("value")


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        print("cdp.py: no chromium on PATH (Debian package: chromium)", file=sys.stderr)
        return 127
    path, size, steps = argv[0], argv[1], argv[2:]
    width, height = (int(x) for x in size.split(","))
    query = ""
    if steps and steps[0].startswith("?"):
        query, steps = steps[0], steps[1:]
    url = "file://" + os.path.realpath(path) + query
    profile = tempfile.mkdtemp(prefix="ca-cdp.")
    b = None
    try:
        b = Browser(exe, profile)
        target = b.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        b.session = b.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        b.call("Page.enable")
        b.call("Runtime.enable")
        b.call("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
        b.call("Page.navigate", {"url": url})
        b.wait_event("Page.loadEventFired")
        for step in steps:
            kind, _, arg = step.partition(":")
            if kind == "eval":
                print(json.dumps(evaluate(b, arg)), flush=True)
            elif kind == "click":
                box = evaluate(b, "(function(){var e=document.querySelector(%s);e.scrollIntoView({block:'center'});"
                                  "var r=e.getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2]})()"
                               % json.dumps(arg))
                for t in ("mousePressed", "mouseReleased"):
                    b.call("Input.dispatchMouseEvent",
                           {"type": t, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
            elif kind == "type":
                b.call("Input.insertText", {"text": arg})
            elif kind == "shot":
                out, _, maxh = arg.partition(":")
                full = b.call("Page.getLayoutMetrics")["cssContentSize"]
                h = min(int(full["height"]), int(maxh or 3000))
                png = b.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                        "clip": {"x": 0, "y": 0, "width": width, "height": h,
                                                                 "scale": 1}})
                with open(out, "wb") as f:
                    f.write(base64.b64decode(png["data"]))
            elif kind == "pdf":
                pdf = b.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
                with open(arg, "wb") as f:
                    f.write(base64.b64decode(pdf["data"]))
            else:
                raise RuntimeError("unknown step %r" % step)
        return 0
    except (RuntimeError, OSError, ValueError, KeyError, TypeError) as e:
        print("cdp.py: %s" % e, file=sys.stderr)
        return 1
    finally:
        if b:
            b.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
