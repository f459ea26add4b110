"""The ocsf report against the OCSF schema's field list (used by
findings_formats_check.py).

Where the field list comes from: the OCSF schema repository (github.com/ocsf/
ocsf-schema), read through the project's code search --
  events/findings/compliance_finding.json  uid 3 in category findings (2):
      class_uid 2003; compliance required; resources, remediation recommended
  events/findings/finding.json  finding_info required; status_id enum
      1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 5 Archived, 6 Deleted
  objects/compliance.json  standards required; control recommended;
      status_id enum 1 Pass, 2 Warning, 3 Fail
  events/base_event.json  metadata required
and the dictionary's common members every class has: activity_id (1 Create),
type_uid = class_uid * 100 + activity_id, severity_id (0 Unknown,
1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other),
time (timestamp_t: epoch milliseconds), metadata.product and metadata.version
required, finding_info.uid and .title required; 99 (Other) is valid in every
OCSF enum."""

import calendar
import json
import os
import subprocess
import time

REQUIRED = ["activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time", "metadata",
            "finding_info", "compliance"]
SEVERITY = {0: "Unknown", 1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical", 6: "Fatal", 99: "Other"}
FINDING_STATUS = {1: "New", 2: "In Progress", 3: "Suppressed", 4: "Resolved", 5: "Archived", 6: "Deleted"}
COMPLIANCE_STATUS = {1: "Pass", 2: "Warning", 3: "Fail", 99: None}
OUR_SEVERITY = {"critical": 5, "high": 4, "medium": 3, "low": 2, "info": 1}
OUR_COMPLIANCE = {"pass": 1, "fail": 3, "waived": 3, "error": 2, "manual": 2, "skipped": 99}


def run(binary, src, tmp, check, audit):
    out = os.path.join(tmp, "o")
    results = audit(binary, src, out, ["--format", "asff,ocsf"])
    with open(os.path.join(out, "ocsf.json")) as f:
        events = json.load(f)
    findings = results["findings"]
    check(len(events) == len(findings), "ocsf: %d events for %d findings" % (len(events), len(findings)))
    ms = calendar.timegm(time.strptime(results["generated_at"], "%Y-%m-%dT%H:%M:%SZ")) * 1000
    uids = set()
    for f, e in zip(findings, events):
        who = "ocsf %s %s" % (f["rule_id"], f["resource"]["arn"])
        for k in REQUIRED:
            check(k in e, "%s: no %s" % (who, k))
        check(e["class_uid"] == 2003 and e["category_uid"] == 2, who + ": class/category")
        check(e["type_uid"] == e["class_uid"] * 100 + e["activity_id"] and e["activity_id"] == 1, who + ": type_uid")
        check(e["severity_id"] in SEVERITY and e.get("severity") == SEVERITY[e["severity_id"]], who + ": severity")
        check(e["severity_id"] == OUR_SEVERITY[f["severity"]], who + ": severity_id of " + f["severity"])
        check(e["status_id"] in FINDING_STATUS and e["status"] == FINDING_STATUS[e["status_id"]], who + ": status")
        check(e["time"] == ms and e["finding_info"]["created_time"] == ms, who + ": time is not the audit's clock")
        md = e["metadata"]
        check(md.get("version", "").startswith("1.") and md.get("product", {}).get("name"), who + ": metadata")
        fi = e["finding_info"]
        check(fi.get("uid") and fi.get("title") == f["title"] and fi.get("desc") == f["message"], who + ": finding_info")
        check(fi["uid"] not in uids, who + ": finding_info.uid twice")
        uids.add(fi["uid"])
        c = e["compliance"]
        fws = list(dict.fromkeys(x["framework"] for x in f["controls"]))
        check(c.get("standards") == fws and fi.get("types") == fws, who + ": standards %s" % c.get("standards"))
        check(c.get("requirements") == ["%s %s" % (x["framework"], x["id"]) for x in f["controls"]], who + ": requirements")
        check(c.get("control") == f["rule_id"], who + ": control")
        check(c.get("status_id") in COMPLIANCE_STATUS, who + ": compliance.status_id %r" % c.get("status_id"))
        if COMPLIANCE_STATUS.get(c.get("status_id")):
            check(c.get("status") == COMPLIANCE_STATUS[c["status_id"]], who + ": compliance.status")
        if f["status"] != "manual" or not f.get("attestation"):
            check(c.get("status_id") == OUR_COMPLIANCE[f["status"]], who + ": compliance of " + f["status"])
        r = e.get("resources", [{}])[0]
        check(r.get("uid") == f["resource"]["arn"] and r.get("type") == f["resource"]["type"], who + ": resources")
        check(e["cloud"]["account"]["uid"] == results["snapshot"]["account_id"], who + ": cloud.account")
        check(e.get("remediation", {}).get("desc") == f["remediation"], who + ": remediation.desc")
    # the asff report's Ids are the same findings' uids
    asff = []
    for name in sorted(os.listdir(out)):
        if name.startswith("asff-"):
            asff += json.load(open(os.path.join(out, name)))
    if asff:
        check([a["Id"] for a in asff] == [e["finding_info"]["uid"] for e in events], "ocsf uid != asff Id")
    r = subprocess.run([binary, "report", os.path.join(out, "results.json"), "--format", "ocsf", "-o", "-"],
                       capture_output=True)
    check(r.returncode == 0 and r.stdout == open(os.path.join(out, "ocsf.json"), "rb").read(),
          "report --format ocsf -o - differs from audit's ocsf.json")
