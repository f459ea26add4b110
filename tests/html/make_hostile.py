#!/usr/bin/env python3
"""Writes hostile-results.json: a results document (connect-auditor/results/v1)
whose every string a customer's snapshot or a pack could control is hostile:
script and event-handler injection, javascript: URLs, </style>, ]]>, quotes,
Markdown links/images/autolinks/emphasis/table breaks, newlines, control
characters and non-ASCII.  (Bytes that are not UTF-8 never get this far:
the JSON loader refuses them; the escaping of such bytes is unit-tested.)
The report tests
(tests/check_report_html.c) render it and check that all of it comes out as
inert text.  Run it again after changing it; the output is committed."""
import json
import os

S = "<script>document.title='PWNED'</script>"
IMG = "\"><img src=x onerror=\"document.title='PWNED'\">"
JS = "javascript:alert(1)"
STY = "</style><script>document.title='PWNED'</script><style>"
CD = "]]><script>alert(1)</script><![CDATA["
Q = "' onmouseover='document.title=1' x=\""
SVG = ("<svg onload=\"document.title='PWNED'\"></svg>"
       "<iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>")
META = ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
        "<base href=\"https://evil.example/\"><link rel=\"stylesheet\" href=\"https://evil.example/x.css\"><!-- x")
MD = ("[click](javascript:alert(1)) ![img](https://evil.example/x.png) <https://evil.example> "
      "https://evil.example www.evil.example mail@evil.example **bold** _em_ `code` ~strike~ $x^2$ a|b \\| \\")
NL = "line one\nline two\r\n| injected | row |\n# heading\n- [ ] fake item"
CTRL = "ctl:\u0001\u001b[31m\u007f\u0085 end"
NONASCII = "Zürich — 東京 — 🚀 — café"
ENT = "&lt;script&gt; &amp; &#60;"
ALL = " ".join([S, IMG, JS, STY, CD, Q, SVG, META, MD, NL, CTRL, NONASCII, ENT])
BAD_FW = "<b>FW</b>" + IMG
STATUSES = ["pass", "fail", "error", "manual", "skipped", "waived"]


def counts(**k):
    return {s: k.get(s, 0) for s in STATUSES}


def finding(rule, status, severity, rtype, name, region, **extra):
    f = {"rule_id": rule, "title": "Title " + S + MD, "status": status, "severity": severity, "practice": Q,
         "pack": "pack" + IMG,
         "resource": {"arn": "arn:aws:x:" + region + ":1:" + JS + IMG, "type": rtype, "name": name,
                      "region": region},
         "controls": [{"framework": "PCI-DSS-4.0", "id": "3.5.1"}, {"framework": BAD_FW, "id": "<i>ctl</i>" + S}],
         "message": "Message " + ALL,
         "evidence": [{"path": "/resources/" + STY, "observed": {IMG: [S, 1, True, None], "k": NL},
                       "expected": JS + CD, "note": META, "absent": True}],
         "remediation": "Fix " + MD + " " + SVG,
         "parameters": {S: IMG},
         "waiver": None}
    f.update(extra)
    return f


findings = [
    finding("R-" + S, "fail", "critical", "lambda_function", "fn" + IMG, "eu-west-1"),
    finding("R-" + S, "error", "critical", "lambda_function", "fn" + IMG, "eu-west-1"),
    finding("R2" + MD, "manual", "high", "connect_instance", "inst" + S, "us-east-1"),
    finding("R3" + Q, "manual", "medium", "s3_bucket", "bucket" + MD, "us-east-1",
            attestation={"by": "Mallory " + S, "at": "2026-01-01" + IMG, "answer": "yes" + MD, "note": NL + CTRL}),
    finding("R4" + CD, "waived", "low", "kms_key", "key" + CTRL, "us-east-1",
            waiver={"reason": "because " + S, "approved_by": "Eve " + IMG, "expires": "2099-01-01" + JS}),
    finding("R5" + NONASCII, S, IMG, "x" + S, NONASCII, ""),          # unknown status, severity and type
    finding("R6", "pass", "info", "logs_log_group", "lg", "us-east-1", notes=["note " + S, IMG, {"k": STY}]),
]
ENTRY = {"entry": "/waivers/0" + S, "rule": "R" + IMG, "resource": "arn:*" + MD, "reason": "because " + STY,
         "approved_by": "Eve " + Q, "expires": "2000-01-01" + JS, "why": "why " + SVG,
         "findings": [{"index": 0, "arn": S, "status": "fail"}, {"index": 99999, "arn": IMG, "status": S},
                      {"index": -1}, {"index": "0" + S}]}
ATT = {"entry": "/attestations/0" + S, "rule": "R" + IMG, "resource": "arn:*" + MD, "answer": "yes" + S,
       "by": "Mallory " + IMG, "at": "2026" + CD, "note": NL, "why": "why " + META,
       "findings": [{"index": 3, "arn": "x", "status": "manual"}]}
doc = {
    "schema": "connect-auditor/results/v1",
    "tool": {"name": "connect-auditor" + S, "version": "0.1.0" + IMG},
    "snapshot": {"sha256": "ab" + S, "collected_at": "2026" + IMG, "account_id": "1111" + S + IMG,
                 "regions": ["us-east-1", JS + IMG], "tool": {"name": "x", "version": S}, "errors": 2},
    "packs": [{"name": "p" + S, "version": IMG, "framework": BAD_FW, "sha256": CD,
               "parameters": {IMG: [S, {"k": STY}], "n": 1}}],
    "generated_at": "2026" + STY,
    "waivers": {"sha256": "w" + S, "applied": [], "expired": [ENTRY], "stale": [ENTRY]},
    "attestations": {"sha256": "a" + IMG, "applied": [], "stale": [ATT]},
    "summary": {
        "by_status": counts(fail=1, error=1, manual=2, waived=1, **{"pass": 1}),
        "by_severity": {"critical": counts(fail=1, error=1), "high": counts(manual=1),
                        "medium": counts(manual=1), "low": counts(waived=1), "info": counts(**{"pass": 1})},
        "findings": len(findings),
        "attested": {"yes": 1, "no": 0, "n/a": 0, "unattested": 1},
        "frameworks": {
            "PCI-DSS-4.0": {"counts": {"failing": 1, "unknown": 0, "manual": 0, "passing": 0, "not_applicable": 0},
                            "controls": [{"id": "3.5.1", "status": "failing",
                                          "findings": counts(fail=1, error=1, manual=2, waived=1, **{"pass": 1})}]},
            BAD_FW: {"counts": {"failing": 1, "unknown": 0, "waived": 1, "manual": 0, "attested": 1, "passing": 0,
                                "not_applicable": 0},
                     "controls": [{"id": "<i>ctl</i>" + S, "status": IMG, "findings": counts(fail=1)}]}}},
    "rules": [{"id": "R-" + S, "title": S, "rationale": "Because " + ALL, "controls": []}],
    "findings": findings,
}
data = json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile-results.json"), "wb") as f:
    f.write(data)
