#!/usr/bin/python3
"""Every rule names real controls: its practice is a checklist ID, and each
framework:id in its controls is one tests/data/controls.txt lists (the official
numbering of controls.md and the checklist's practice IDs). A typo in a mapping
would otherwise reach an auditor's report unnoticed. And the built-in packs'
catalogues (policies/*/controls.json, which the engine holds rules to) list
exactly those IDs, each with a title.

usage: controls_check.py BINARY CONTROLS_TXT
Reads `BINARY policy list` (the built-in packs). Standard library only.
"""
import glob
import json
import os
import subprocess
import sys


def known(path):
    ids = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                fw, cid = line.split(" ", 1)
                ids.add((fw, cid))
    return ids


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    ids = known(argv[2])
    out = subprocess.run([argv[1], "policy", "list"], capture_output=True, text=True, check=True).stdout
    bad, rules = [], 0
    for line in out.splitlines():
        # "  RULE-ID  severity  resource_type  PRACTICE  FW:id,id FW:id"
        if not line.startswith("  ") or line.startswith("    "):
            continue
        cols = line.split()
        if len(cols) < 5:
            bad.append(f"cannot read: {line!r}")
            continue
        rules += 1
        rule, practice, controls = cols[0], cols[3], cols[4:]
        if ("BASELINE", practice) not in ids:
            bad.append(f"{rule}: practice {practice} is not a checklist ID")
        for c in controls:
            fw, _, list_ = c.partition(":")
            for cid in list_.split(","):
                if (fw, cid) not in ids:
                    bad.append(f"{rule}: {fw} {cid} is not a known control")
    policies = os.path.join(os.path.dirname(os.path.abspath(argv[2])), "..", "..", "policies")
    listed = set()
    for path in sorted(glob.glob(os.path.join(policies, "*", "controls.json"))):
        cat = json.load(open(path, encoding="utf-8"))
        for c in cat["controls"]:
            listed.add((cat["framework"], c["id"]))
            if not c.get("title", "").strip():
                bad.append(f"{path}: {c['id']} has no title")
    for fw, cid in sorted(ids - listed):
        bad.append(f"{fw} {cid}: in controls.txt, in no catalogue (policies/*/controls.json)")
    for fw, cid in sorted(listed - ids):
        bad.append(f"{fw} {cid}: in a catalogue, not in controls.txt")
    if not listed:
        bad.append(f"no catalogue under {policies}")
    for b in bad:
        print(b)
    print(f"{rules} rules checked, {len(bad)} unknown control(s)")
    return 1 if bad or rules == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
