#!/usr/bin/python3
"""results.json against its JSON Schema (schema/results.v1.schema.json).

usage: results_schema_check.py CA GENSNAP ROOT

Writes, in a temporary folder, the results.json of
  - the demo (fixtures/demo/prod.json with its waivers and attestations, as
    scripts/demo runs it: applied, expired and stale entries);
  - the dev demo with a rule selection (--severity, --framework: "selection");
  - the demo with the example pack examples/soc2 (a framework of its own:
    frameworks[] with its catalogue, "not_assessed" controls);
  - the demo with the test packs that cannot load and that are killed
    (tests/packs/brokenpack, tests/packs/closing: load-error findings,
    "killed" rules, summary.killed_rules, findings flagged after the report);
  - a gensnap snapshot (bench/gensnap, small, with transfers);
then checks with tests/schema_check.py that those and the hand-made fixtures
tests/data/diff/{old,new,other-account}.json validate, and that
tests/data/diff/bad-status.json and edits of the demo's results.json that
audit would never write (one fault each) do not.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile


def audit(ca, root, snap, out, *extra):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795167000")
    p = subprocess.run([ca, "audit", snap, "-o", out, "-q", *extra], cwd=root, env=env,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit("audit %s %s failed (%d): %s" % (snap, " ".join(extra), p.returncode, p.stderr))
    return os.path.join(out, "results.json")


# One fault each: what the schema must refuse.
def no_digest(d):
    del d["digest"]


def unknown_member(d):
    d["extra"] = 1


def bad_digest(d):
    d["digest"] = "sha256:" + "0" * 63


def bad_status(d):
    d["findings"][0]["status"] = "passed"


def no_arn(d):
    del d["findings"][0]["resource"]["arn"]


def count_as_string(d):
    d["summary"]["by_status"]["fail"] = "3"


def bad_severity(d):
    d["rules"][0]["severity"] = "urgent"


def bad_framework(d):
    d["findings"][0]["controls"] = [{"framework": "SOC 2", "id": "CC6.1"}]   # not a framework name


def untitled_control(d):
    del d["frameworks"][0]["controls"][0]["title"]


def bad_control_status(d):
    d["summary"]["frameworks"]["PII"]["controls"][0]["status"] = "assessed"


def unknown_evidence_member(d):
    d["findings"][0]["evidence"] = [{"path": "/x", "seen": 1}]


def bad_waiver_entry(d):
    d["waivers"]["applied"][0]["entry"] = "/waivers/first"


def bad_sha256(d):
    d["snapshot"]["sha256"] = d["snapshot"]["sha256"].upper()


def bad_time(d):
    d["generated_at"] = "yesterday"


# An estate's members (schema/estate.v1.schema.json extends these definitions):
# not a results document's.
def finding_with_input(d):
    d["findings"][0]["input"] = "111122223333/us-east-1/i-1"


def pack_with_inputs(d):
    d["packs"][0]["inputs"] = 1


def killed_rule_with_input(d):
    d["summary"]["killed_rules"] = [{"rule_id": "BASE-IAM-001", "why": "killed", "input": "x"}]


FAULTS = [finding_with_input, pack_with_inputs, killed_rule_with_input, no_digest, unknown_member, bad_digest, bad_status, no_arn, count_as_string, bad_severity,
          bad_framework, untitled_control, bad_control_status, unknown_evidence_member, bad_waiver_entry,
          bad_sha256, bad_time]


def main():
    ca, gensnap, root = sys.argv[1:4]
    root = os.path.abspath(root)
    demo = os.path.join(root, "fixtures", "demo")
    with tempfile.TemporaryDirectory(prefix="ca-rschema-") as tmp:
        valid = [
            audit(ca, root, os.path.join(demo, "prod.json"), os.path.join(tmp, "demo"),
                  "--waivers", os.path.join(demo, "waivers.json"),
                  "--attestations", os.path.join(demo, "attestations.json")),
            audit(ca, root, os.path.join(demo, "dev.json"), os.path.join(tmp, "dev"),
                  "--severity", "critical,high", "--framework", "PCI-DSS-4.0"),
            audit(ca, root, os.path.join(demo, "prod.json"), os.path.join(tmp, "hostile"),
                  "--policies", os.path.join(root, "tests", "packs"), "--pack", "brokenpack",
                  "--pack", "closing", "--rule-timeout", "1"),
            # a framework of one's own (examples/soc2): its catalogue and matrix
            audit(ca, root, os.path.join(demo, "prod.json"), os.path.join(tmp, "soc2"),
                  "--policies", os.path.join(root, "examples", "soc2")),
        ]
        snap = os.path.join(tmp, "gen.json")
        subprocess.run([gensnap, "-o", snap, "--users", "300", "--flows", "40", "--transfers", "1"], check=True)
        valid.append(audit(ca, root, snap, os.path.join(tmp, "gen"), "-j", "2"))
        # the cases must reach what they are meant to test
        docs = [json.load(open(p)) for p in valid]
        want = {"waivers": docs[0]["waivers"], "attestations": docs[0]["attestations"],
                "selection": docs[1].get("selection"), "killed_rules": docs[2]["summary"]["killed_rules"],
                "a load error": [f for f in docs[2]["findings"] if f["resource"]["type"] == "policy"],
                "SOC2 catalogue": [f for f in docs[3].get("frameworks", []) if f["name"] == "SOC2"],
                "not assessed control": [c for c in docs[3]["summary"]["frameworks"]["SOC2"]["controls"]
                                         if c["status"] == "not_assessed"]}
        for what, v in want.items():
            if not v:
                sys.exit("results_schema_check.py: no %s in the audits meant to write one" % what)
        valid += [os.path.join(root, "tests", "data", "diff", n) for n in ("old.json", "new.json", "other-account.json")]
        invalid = [os.path.join(root, "tests", "data", "diff", "bad-status.json")]
        for fault in FAULTS:
            d = copy.deepcopy(docs[0])
            fault(d)
            path = os.path.join(tmp, "fault-%s.json" % fault.__name__)
            with open(path, "w") as f:
                json.dump(d, f, indent="\t")
            invalid.append(path)
        check = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema_check.py")
        schema = os.path.join(root, "schema", "results.v1.schema.json")
        return subprocess.run([sys.executable, check, schema, *valid, "--invalid", *invalid]).returncode


if __name__ == "__main__":
    sys.exit(main())
