#!/usr/bin/python3
"""Holds the audit of the real-flow corpus to the verdicts judged by hand.

usage: realflows_check.py CONNECT_AUDITOR [--corpus DIR] [--verdicts FILE] [--stats] [--keep DIR]

Builds the corpus snapshot (tests/realflows_build.py), audits it with the
packs in policies/, and compares every judged verdict of
tests/data/realflows/verdicts.tsv (columns: rule, flow file, block, expected
status, why) with the findings:
  - block "-": the rule's findings on that flow (at least one), every one of
    them with the expected status;
  - block ID: the rule's findings on that flow that concern that action (the
    first evidence item points into that action, or the message names it in
    quotes), at least one, every one with the expected status.
Also: the audit must end (exit 0 or 1), no finding of any flow rule may be an
`error` that names an engine limit, and `import` is not exercised here
(tests/check_import covers it).
Prints each mismatch, the share of verdicts that hold and, with --stats, the
share of the tool's `fail` verdicts judged true. Exit 1 on any mismatch.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import realflows_build  # noqa: E402

LIMIT_WORDS = ("exceeds the limit", "instruction budget", "memory limit", "deadline", "too many findings")


def read_verdicts(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                sys.exit("%s:%d: expected 5 tab-separated columns, got %d" % (path, n, len(cols)))
            out.append({"line": n, "rule": cols[0], "file": cols[1], "block": cols[2], "expected": cols[3],
                        "why": cols[4]})
    return out


def action_index(pointer, arn):
    """Index of the action an evidence pointer points into, or None."""
    key = arn.replace("~", "~0").replace("/", "~1")
    for container in ("ContactFlow", "ContactFlowModule"):
        pre = "/resources/%s/%s/data/%s/Content/Actions/" % (
            "connect_contact_flow" if container == "ContactFlow" else "connect_contact_flow_module", key, container)
        if pointer.startswith(pre):
            rest = pointer[len(pre):].split("/")[0]
            return int(rest) if rest.isdigit() else None
    return None


def concerns(f, block, ids, arn):
    ev = f.get("evidence") or []
    if ev and isinstance(ev[0].get("path"), str):
        i = action_index(ev[0]["path"], arn)
        if i is not None:
            return i < len(ids) and ids[i] == block
    return ("'%s'" % block) in (f.get("message") or "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--corpus", default=os.path.join(HERE, "data", "realflows"))
    ap.add_argument("--verdicts")
    ap.add_argument("--policies", help="policy directory (default: the binary's own)")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--keep")
    ap.add_argument("--only-current", action="store_true", help="leave out flows not in the 2019-10-30 language")
    a = ap.parse_args()
    verdicts = read_verdicts(a.verdicts or os.path.join(a.corpus, "verdicts.tsv"))
    arns = realflows_build.flow_arns(a.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = a.keep or tmp
        os.makedirs(work, exist_ok=True)
        snap = os.path.join(work, "realflows.json")
        data = realflows_build.build(a.corpus, a.only_current)
        with open(snap, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        out = os.path.join(work, "out")
        cmd = [a.binary, "audit", snap, "-o", out, "--format", "json"]
        if a.policies:
            cmd += ["--policies", a.policies]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            print("audit exited %d: %s" % (p.returncode, p.stderr.strip()))
            return 1
        with open(os.path.join(out, "results.json"), encoding="utf-8") as fh:
            findings = json.load(fh)["findings"]
    by = {}
    bad = 0
    for f in findings:
        by.setdefault((f["rule_id"], f["resource"]["arn"]), []).append(f)
        if f["status"] == "error" and f["resource"]["type"].startswith("connect_contact_flow") and \
                any(w in (f.get("message") or "") for w in LIMIT_WORDS):
            print("engine limit: %s on %s: %s" % (f["rule_id"], f["resource"]["name"], f["message"][:200]))
            bad += 1
    ids_of = {}
    for e in json.load(open(os.path.join(a.corpus, "MANIFEST.json"), encoding="utf-8"))["flows"]:
        with open(os.path.join(a.corpus, e["file"]), encoding="utf-8") as fh:
            c = json.load(fh)
        acts = c.get("Actions") if isinstance(c, dict) else None
        ids_of[e["file"]] = [x.get("Identifier") if isinstance(x, dict) else None
                             for x in acts] if isinstance(acts, list) else []
    held = 0
    tool_fail = tool_fail_true = 0
    for v in verdicts:
        arn = arns.get(v["file"])
        if not arn:
            print("verdicts.tsv:%d: no flow file %s in MANIFEST.json" % (v["line"], v["file"]))
            bad += 1
            continue
        fs = by.get((v["rule"], arn), [])
        if v["block"] != "-":
            fs = [f for f in fs if concerns(f, v["block"], ids_of[v["file"]], arn)]
        got = sorted({f["status"] for f in fs})
        ok = got == [v["expected"]]
        if "fail" in got:
            tool_fail += 1
            tool_fail_true += v["expected"] == "fail"
        if ok:
            held += 1
        else:
            bad += 1
            msg = "; ".join(f["message"][:160] for f in fs[:2]) or "no finding"
            print("verdicts.tsv:%d: %s %s %s: expected %s, got %s -- %s" % (
                v["line"], v["rule"], v["file"], v["block"], v["expected"], ",".join(got) or "nothing", msg))
    n = len(verdicts)
    print("%d of %d judged verdicts hold (%.1f %%)" % (held, n, 100.0 * held / n if n else 0))
    if a.stats:
        print("tool's fail verdicts judged true: %d of %d (%.1f %%)" % (
            tool_fail_true, tool_fail, 100.0 * tool_fail_true / tool_fail if tool_fail else 100))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
