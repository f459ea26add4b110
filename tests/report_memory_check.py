#!/usr/bin/env python3
"""report_memory_check.py BINARY SOURCE_DIR [K] -- no report holds the whole results.

Audits the demo snapshot, then makes a results.json K times its size (each
finding copied K times, each copy naming its own resource, so the strings
differ as a real estate's do) with a valid digest, and renders it in every
format with `report`, each in a child, measuring its peak resident set
(wait4's ru_maxrss).  Two bounds:
- READ_BOUND: the smallest peak over the formats (reading the document, and
  a renderer's own least), less the peak of rendering the demo's own
  results.json (the binary itself), at most 3x the file's bytes.  Reading
  results.json lean (results/lean.h) costs about 2.2x here; parsing it into
  one cJSON tree with its text beside it, as before, about 4x.
- RENDER_BOUND: no format above that smallest peak by more than a quarter of
  the file's bytes.  A renderer that holds its whole output (report.html in
  one buffer: about the size of results.json) or builds a tree of every
  result (results.sarif, ocsf.json: 2-3x) goes over it; one that writes
  through ca_buf_drain_to and makes its items one at a time stays within a
  few MiB.
Memory is counted, not time: the figures do not depend on the machine's load
(the renderers are deterministic, and so is what they allocate).
"""
import hashlib, json, os, subprocess, sys, tempfile

READ_BOUND = 3.0
RENDER_BOUND = 0.25
# run argv[1:], print its exit code and its peak resident set in KiB
MEASURE = """
import os, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), ru.ru_maxrss)
"""

def main():
    binary, src = sys.argv[1], sys.argv[2]
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "demo")
        r = subprocess.run([binary, "audit", os.path.join(src, "fixtures/demo/prod.json"), "-o", out, "-q",
                            "--attestations", os.path.join(src, "fixtures/demo/attestations.json"),
                            "--waivers", os.path.join(src, "fixtures/demo/waivers.json")],
                           env=env, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit("audit of the demo failed: " + r.stderr)
        with open(os.path.join(out, "results.json"), encoding="utf-8") as fh:
            doc = json.load(fh)
        del doc["digest"]
        base = doc["findings"]
        big = []
        for c in range(k):
            for f in base:
                g = json.loads(json.dumps(f))
                if c:
                    g["resource"]["arn"] += "/copy-%d" % c
                    g["resource"]["name"] += "-%d" % c
                    g["message"] += " (copy %d)" % c
                big.append(g)
        doc["findings"] = big
        s = doc["summary"]
        s["findings"] = len(big)
        for part in ("by_status",):
            for key in s[part]:
                s[part][key] *= k
        text = json.dumps(doc, indent="\t", separators=(",", ":\t"), ensure_ascii=False)
        assert text.endswith("\n}")
        head = (text[:-2] + ",\n").encode("utf-8")
        data = head + ('\t"digest":\t"sha256:%s"\n}\n' % hashlib.sha256(head).hexdigest()).encode()
        path = os.path.join(tmp, "big.json")
        with open(path, "wb") as fh:
            fh.write(data)
        n = len(data)
        print("results.json: %d findings, %d bytes" % (len(big), n))
        formats = [line.split()[0] for line in subprocess.run([binary, "report", "--help"], capture_output=True,
                   text=True).stdout.splitlines() if line.startswith("  ")]
        assert "html" in formats and "sarif" in formats, formats
        def peak(fmt, results, dest):
            # measured from a fresh small process: a child forked from this one
            # (holding the document) would count this one's pages as its own
            r = subprocess.run([sys.executable, "-c", MEASURE, binary, "report", results, "--format", fmt, "-o", dest],
                               env=env, capture_output=True, text=True)
            code, maxrss = (int(x) for x in r.stdout.split()[-2:])
            return code, maxrss * 1024, r.stderr
        code, base, err = peak("json", os.path.join(out, "results.json"), os.path.join(tmp, "small.json"))
        if code:
            sys.exit("report of the demo's results.json failed: " + err)
        print("  the demo's results.json: peak RSS %.1f MiB" % (base / 1048576))
        bad, peaks = [], {}
        for fmt in formats:
            dest = os.path.join(tmp, "out-" + fmt)
            code, rss, err = peak(fmt, path, dest)
            print("  %-9s peak RSS %7.1f MiB = %.2fx the file" % (fmt, rss / 1048576, rss / n))
            if code != 0:
                bad.append("%s: exit %d: %s" % (fmt, code, err))
            peaks[fmt] = rss
        least = min(peaks.values())
        if least - base > READ_BOUND * n:
            bad.append("the least peak, %.1f MiB, is %.1f MiB above the demo's: more than %.1fx the file's bytes -- "
                       "results.json is not read lean" % (least / 1048576, (least - base) / 1048576, READ_BOUND))
        for fmt, rss in peaks.items():
            if rss - least > RENDER_BOUND * n:
                bad.append("%s: peak RSS %.1f MiB, %.1f MiB above the least: more than %.2fx the file's bytes"
                           % (fmt, rss / 1048576, (rss - least) / 1048576, RENDER_BOUND))
        if bad:
            sys.exit("FAIL:\n  " + "\n  ".join(bad))
        print("ok")

main()
