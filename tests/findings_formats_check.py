#!/usr/bin/env python3
"""The asff and ocsf reports against their published field lists
(ocsf: tests/ocsf_check.py says where its list comes from).

usage: findings_formats_check.py CONNECT_AUDITOR SOURCE_DIR

ASFF: each asff-NNN.json is checked against the AWS Security Hub service
model botocore ships (securityhub/2018-10-26/service-2.json, shape
BatchImportFindingsRequest: Findings is a list of 1..100 AwsSecurityFinding)
with botocore's own ParamValidator -- required members, types, enums -- plus
the limits the model does not carry and the Security Hub user guide states
(Title 256 characters, Description 1024, Remediation.Recommendation.Text 512,
Resources and Compliance.RelatedRequirements at most 32 items); then the aws
CLI parses each file as --findings input: it is sent to 127.0.0.1 port 1
(nothing listens; no network), so a file the CLI accepts ends with "Could not
connect", one it refuses with "Parameter validation failed".

Needs botocore (the python3 the aws CLI runs on) and `aws` on PATH.
"""

import glob
import json
import os
import subprocess
import sys
import tempfile

try:
    from botocore.loaders import Loader
    from botocore.model import ServiceModel
    from botocore.validate import ParamValidator
except ImportError:
    sys.exit("findings_formats_check.py: needs botocore (pip install botocore, or the aws CLI's python)")

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
    return cond


def audit(binary, src, out, extra=("--format", "asff")):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1800000000")
    cmd = [binary, "audit", os.path.join(src, "fixtures/demo/prod.json"), "-o", out,
           "--quiet", *extra]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    check(r.returncode in (0, 1), "audit exit %d: %s" % (r.returncode, r.stderr))
    with open(os.path.join(out, "results.json")) as f:
        return json.load(f)


# Where the model gives no length, the user guide's limits (asff-required-attributes,
# asff-top-level-attributes): characters, not bytes.
LIMITS = {"Title": 256, "Description": 1024}


def check_asff(binary, src, tmp):
    model = ServiceModel(Loader().load_service_model("securityhub", "service-2"), "securityhub")
    op = model.operation_model("BatchImportFindings")
    shape = model.shape_for("AwsSecurityFinding")
    validator = ParamValidator()
    out = os.path.join(tmp, "a")
    results = audit(binary, src, out)
    files = sorted(glob.glob(os.path.join(out, "asff-*.json")))
    findings = results["findings"]
    want = max(1, -(-len(findings) // 100))
    check(len(files) == want, "asff: %d files for %d findings, expected %d" % (len(files), len(findings), want))
    check(not os.path.exists(os.path.join(out, "asff.json")), "asff: an unnumbered asff.json was written")
    seen, total = set(), 0
    for i, path in enumerate(files):
        check(os.path.basename(path) == "asff-%03d.json" % (i + 1), "asff: file name %s" % path)
        with open(path) as f:
            batch = json.load(f)
        check(isinstance(batch, list) and 1 <= len(batch) <= 100, "%s: %d findings, not 1..100" % (path, len(batch)))
        report = validator.validate({"Findings": batch}, op.input_shape)
        check(not report.has_errors(), "%s: botocore: %s" % (path, report.generate_report()[:2000]))
        for a in batch:
            total += 1
            for m in shape.required_members:
                check(m in a, "%s: %s lacks required %s" % (path, a.get("Id"), m))
            check(a["Id"] not in seen, "asff: Id %s twice" % a["Id"])
            seen.add(a["Id"])
            check(a["SchemaVersion"] == "2018-10-08", "SchemaVersion %r" % a["SchemaVersion"])
            acct = results["snapshot"]["account_id"]
            check(a["AwsAccountId"] == acct, "AwsAccountId")
            part = a["Resources"][0]["Partition"]
            check(a["ProductArn"] == "arn:%s:securityhub:%s:%s:product/%s/default"
                  % (part, a["Resources"][0]["Region"], acct, acct), "ProductArn %s" % a["ProductArn"])
            check(a["CreatedAt"] == a["UpdatedAt"] == results["generated_at"], "CreatedAt/UpdatedAt not the audit's clock")
            for k, n in LIMITS.items():
                check(len(a[k]) <= n, "%s: %s longer than %d" % (a["Id"], k, n))
            rec = a.get("Remediation", {}).get("Recommendation", {})
            check(len(rec.get("Text", "")) <= 512, "Remediation text over 512")
            check(len(a["Resources"]) <= 32, "Resources over 32")
            check(len(a.get("Compliance", {}).get("RelatedRequirements", [])) <= 32, "RelatedRequirements over 32")
            for t in a["Types"]:
                check(1 <= t.count("/") <= 2, "Type %r is not namespace/category[/classifier]" % t)
    check(total == len(findings), "asff: %d findings written of %d" % (total, len(findings)))
    # every finding, in results.json's order: its status and resource
    every = []
    for path in files:
        with open(path) as f:
            every += json.load(f)
    want_status = {"pass": "PASSED", "fail": "FAILED", "waived": "FAILED", "skipped": "NOT_AVAILABLE",
                   "error": "WARNING", "manual": "WARNING"}
    for f, a in zip(findings, every):
        check(a["GeneratorId"] == "connect-auditor/" + f["rule_id"], "GeneratorId of %s" % f["rule_id"])
        check(a["Resources"][0]["Id"] == f["resource"]["arn"], "Resources[0].Id of %s" % f["rule_id"])
        if f["status"] != "manual" or not f.get("attestation"):
            check(a["Compliance"]["Status"] == want_status[f["status"]],
                  "%s %s: Compliance.Status %s" % (f["rule_id"], f["status"], a["Compliance"]["Status"]))
        reqs = ["%s %s" % (c["framework"], c["id"]) for c in f["controls"]]
        check(a.get("Compliance", {}).get("RelatedRequirements", []) == list(dict.fromkeys(reqs))[:32],
              "RelatedRequirements of %s" % f["rule_id"])
        check(a["Severity"]["Label"] == {"info": "INFORMATIONAL"}.get(f["severity"], f["severity"].upper()),
              "Severity of %s" % f["rule_id"])
        check(a["Workflow"]["Status"] == {"pass": "RESOLVED", "waived": "SUPPRESSED"}.get(f["status"], "NEW"),
              "Workflow of %s" % f["rule_id"])
    statuses = {a["Compliance"]["Status"] for a in every}
    check({"PASSED", "FAILED", "WARNING", "NOT_AVAILABLE"} <= statuses, "asff: demo lacks a status: %s" % statuses)

    # deterministic: `report` renders the same bytes; the Ids are the next scan's too
    again = os.path.join(tmp, "again.json")
    r = subprocess.run([binary, "report", os.path.join(out, "results.json"), "--format", "asff", "-o", again],
                       capture_output=True, text=True)
    check(r.returncode == 0, "report --format asff: %s" % r.stderr)
    for i, path in enumerate(files):
        with open(path, "rb") as a, open(os.path.join(tmp, "again-%03d.json" % (i + 1)), "rb") as b:
            check(a.read() == b.read(), "report's %s differs from audit's" % path)
    r = subprocess.run([binary, "report", os.path.join(out, "results.json"), "--format", "asff", "-o", "-"],
                       capture_output=True, text=True)
    check(len(files) > 1 and r.returncode == 2 and "%d files" % len(files) in r.stderr,
          "-o - with %d parts: exit %d %s" % (len(files), r.returncode, r.stderr))

    # a finding past every limit: long title, message and remediation, multi-byte text
    doc = json.load(open(os.path.join(out, "results.json")))
    f0 = doc["findings"][0]
    f0["title"] = "\u00e9" * 400
    f0["message"] = "x" * 5000
    f0["remediation"] = "\u2192" * 700
    f0["controls"] = [{"framework": "PCI-DSS-4.0", "id": "1.%d" % i} for i in range(40)]
    edge = os.path.join(tmp, "edge.json")
    doc.pop("digest", None)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import seal_results  # the results digest: `report` renders only a sealed document
    with open(edge, "wb") as f:
        f.write(seal_results.seal(json.dumps(doc, indent="\t", ensure_ascii=False)))
    r = subprocess.run([binary, "report", edge, "--format", "asff", "-o", os.path.join(tmp, "edge-asff.json")],
                       capture_output=True, text=True)
    if check(r.returncode == 0, "report edge: %s" % r.stderr):
        batch = json.load(open(os.path.join(tmp, "edge-asff-001.json")))
        a = batch[0]
        report = validator.validate({"Findings": batch}, op.input_shape)
        check(not report.has_errors(), "edge: botocore: %s" % report.generate_report())
        check(len(a["Title"]) == 256 and a["Title"].endswith("..."), "edge: Title cut to %d" % len(a["Title"]))
        check(len(a["Description"]) == 1024, "edge: Description %d" % len(a["Description"]))
        check(len(a["Remediation"]["Recommendation"]["Text"]) == 512, "edge: Text")
        check(len(a["Compliance"]["RelatedRequirements"]) == 32, "edge: RelatedRequirements")
    return files


def check_controls_csv(binary, src, tmp, check):
    """--format controls: one CSV per framework, a row per control of the summary."""
    import csv
    out = os.path.join(tmp, "c")
    results = audit(binary, src, out, ["--format", "controls"])
    fws = results["summary"]["frameworks"]
    for fw, summ in fws.items():
        path = os.path.join(out, "controls-%s.csv" % fw)
        if not check(os.path.exists(path), "controls: no %s" % path):
            continue
        raw = open(path, "rb").read()
        check(raw.count(b"\r\n") == len(summ["controls"]) + 1 and b"\n" not in raw.replace(b"\r\n", b""),
              "%s: not one CRLF line per control" % path)
        rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
        check(rows[0] == ["framework", "control", "title", "status", "rules", "pass", "fail", "error", "manual",
                          "skipped", "waived"], "%s: header %s" % (path, rows[0]))
        for row, c in zip(rows[1:], summ["controls"]):
            rules = [r["id"] for r in results["rules"]
                     if any(x["framework"] == fw and x["id"] == c["id"] for x in r["controls"])]
            want = [fw, c["id"], c.get("title", ""), c["status"], "; ".join(rules)] + \
                   [str(c["findings"][k]) for k in ("pass", "fail", "error", "manual", "skipped", "waived")]
            check(row == want, "%s: row %s, expected %s" % (path, row, want))
    # hostile text: a control ID that is a formula, one with a quote and a comma
    doc = json.load(open(os.path.join(out, "results.json")))
    doc.pop("digest", None)
    ctl = doc["summary"]["frameworks"]["HIPAA"]["controls"]
    ctl[0]["id"] = '=HYPERLINK("http://x","y")'
    ctl[1]["id"] = '-2+3'
    ctl[2]["title"] = 'a "quoted", title'
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import seal_results
    edge = os.path.join(tmp, "hostile.json")
    with open(edge, "wb") as f:
        f.write(seal_results.seal(json.dumps(doc, indent="\t", ensure_ascii=False)))
    r = subprocess.run([binary, "report", edge, "--format", "controls", "-o", os.path.join(tmp, "m.csv")],
                       capture_output=True, text=True)
    if check(r.returncode == 0, "report --format controls: %s" % r.stderr):
        rows = list(csv.reader(open(os.path.join(tmp, "m-HIPAA.csv"), newline="", encoding="utf-8")))
        check(rows[1][1] == "'" + ctl[0]["id"], "formula not defused: %r" % rows[1][1])
        check(rows[2][1] == "'-2+3", "formula not defused: %r" % rows[2][1])
        check(rows[3][2] == ctl[2]["title"], "quoting: %r" % rows[3][2])
        check(sorted(n for n in os.listdir(tmp) if n.startswith("m-")) ==
              sorted("m-%s.csv" % fw for fw in fws), "report -o m.csv files: %s" % os.listdir(tmp))


def check_cli(files, tmp):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAEXAMPLEEXAMPLE00", AWS_SECRET_ACCESS_KEY="x" * 40,
               AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    bad = os.path.join(tmp, "bad.json")
    with open(files[0]) as f:
        batch = json.load(f)
    del batch[0]["ProductArn"]
    json.dump(batch, open(bad, "w"))
    for path, ok in [(files[0], True), (files[-1], True), (bad, False)]:
        r = subprocess.run(["aws", "securityhub", "batch-import-findings", "--endpoint-url", "http://127.0.0.1:1",
                            "--cli-connect-timeout", "2", "--findings", "file://" + path],
                           env=env, capture_output=True, text=True, timeout=120)
        text = r.stdout + r.stderr
        if ok:
            check("Could not connect" in text, "aws CLI refused %s: %s" % (path, text[:1500]))
        else:  # the check can fail: a finding without ProductArn is refused before any request
            check("Parameter validation failed" in text and "ProductArn" in text, "aws CLI took a bad file: %s" % text[:500])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        files = check_asff(binary, src, tmp)
        if files:
            check_cli(files, tmp)
        check_controls_csv(binary, src, tmp, check)
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import ocsf_check
        ocsf_check.run(binary, src, tmp, check, audit)
    for f in FAILS:
        print("FAIL", f)
    print("%d problems" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
