#!/usr/bin/env python3
"""The jq comparison of bench/run.sh (bench/README.md, "jq"), at a tiny size.

jqcmp_check.py CA GENSNAP SRC
    Generates a small snapshot with bench/gensnap (flows of up to 130 actions,
    so BASE-FLOW-020 both passes and fails), decides the four rules with
    bench/jq/checks.jq and with the tool (bench/packs/jqcmp, -j1), and
    requires the sorted `RULE ARN STATUS` lines to be equal: when a rule
    changes what it decides, checks.jq must follow, or the benchmark compares
    two different things. Needs jq (Debian package jq): without it the test
    is skipped (exit 77), unless CA_REQUIRE_TOOLS=1, where it fails.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

RULES = ("BASE-FLOW-020", "BASE-FLOW-021", "BASE-TEL-002", "BASE-USR-001")


def main():
    ca, gen, src = sys.argv[1:4]
    jq = shutil.which("jq")
    if not jq:
        if os.environ.get("CA_REQUIRE_TOOLS") == "1":
            sys.exit("jq is missing and CA_REQUIRE_TOOLS=1: run scripts/install-deps --tests")
        print("jq is not installed: skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="ca-jqcmp-") as tmp:
        snap = os.path.join(tmp, "s.json")
        subprocess.run([gen, "-o", snap, "--users", "300", "--flows", "60", "--profiles", "200",
                        "--buckets", "6", "--max-actions", "130"], check=True)
        jq_out = subprocess.run([jq, "-r", "-f", os.path.join(src, "bench/jq/checks.jq"), snap],
                                stdout=subprocess.PIPE, check=True, text=True).stdout
        out = os.path.join(tmp, "tool")
        subprocess.run([ca, "audit", snap, "-o", out, "-q", "-j", "1",
                        "--policies", os.path.join(src, "bench/packs"), "--pack", "jqcmp"], check=True)
        with open(os.path.join(out, "results.json")) as f:
            findings = json.load(f)["findings"]
        tool = sorted(f"{x['rule_id']}\t{x['resource']['arn']}\t{x['status']}" for x in findings)
        mine = sorted(jq_out.splitlines())
        if mine != tool:
            a, b = set(mine), set(tool)
            diff = [f"jq only:   {x}" for x in sorted(a - b)[:10]] + [f"tool only: {x}" for x in sorted(b - a)[:10]]
            sys.exit(f"bench/jq/checks.jq and the tool disagree ({len(a ^ b)} lines):\n  " + "\n  ".join(diff))
        # the comparison must compare something: every rule decided, and more than one verdict
        seen = {}
        for line in tool:
            rule, _, status = line.split("\t")
            seen.setdefault(rule, set()).add(status)
        missing = [r for r in RULES if r not in seen]
        if missing:
            sys.exit(f"no findings of {missing}")
        if len(seen["BASE-FLOW-020"]) < 2 or len(seen["BASE-USR-001"]) < 2:
            sys.exit(f"the snapshot gives one verdict per rule only: {seen}")
        print(f"jq and the tool agree on {len(tool)} findings: "
              + ", ".join(f"{r} {sorted(s)}" for r, s in sorted(seen.items())))


if __name__ == "__main__":
    main()
