#!/usr/bin/python3
"""Builds a snapshot (docs/snapshot.md) from the real-flow corpus in
tests/data/realflows/ (MANIFEST.json names every file, where it came from and
what it is).

One Connect instance per source repository, so flows of different accounts
never reference each other: every Connect instance ARN inside a flow
(arn:aws:connect:REGION:ACCOUNT:instance/ID) is rewritten to its repository's
instance, and the account and region of Lambda and Lex ARNs to the snapshot's,
so the references a flow makes inside its own sample stay references inside
one instance. Nothing else in the flows is changed. A flow's ID is derived
from its file name (uuid5), stable across builds.

Each instance says what the audit needs to know about it and nothing it
cannot know: CONTACTFLOW_LOGS true (every sample's README asks to enable flow
logs), CONTACT_LENS true, LambdaFunctions = the static Lambda ARNs its flows
invoke and LexBots = the static bots they name (the samples' templates
associate them). No lambda_function,
queue or other resource is invented: rules that need them see them absent.

A flow in the pre-2019 export format ({"modules": [...]}) is kept as it is:
its Content is that object, which is not the flow language.

usage: realflows_build.py [--corpus DIR] [--only-current] -o SNAPSHOT.json
  --only-current  leave out the flows whose Content is not Version 2019-10-30
"""
import argparse
import json
import os
import re
import sys
import uuid

ACCOUNT = "111122223333"
REGION = "us-east-1"
NS = uuid.UUID("6f0c8b36-1d0a-4c52-9a2e-6c1f2b1e0a11")

CONNECT_INSTANCE = re.compile(r"arn:aws:connect:[a-z0-9-]+:[0-9]{12}:instance/[A-Za-z0-9-]+")
ACCOUNT_ARN = re.compile(r"arn:aws:(lambda|lex):[a-z0-9-]+:[0-9]{12}:")
LAMBDA_ARN = re.compile(r"^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$")


def rewrite(value, instance):
    """Rewrites ARNs in every string of a JSON value (keys included)."""
    if isinstance(value, str):
        value = CONNECT_INSTANCE.sub(instance, value)
        return ACCOUNT_ARN.sub(lambda m: "arn:aws:%s:%s:%s:" % (m.group(1), REGION, ACCOUNT), value)
    if isinstance(value, list):
        return [rewrite(v, instance) for v in value]
    if isinstance(value, dict):
        return {rewrite(k, instance): rewrite(v, instance) for k, v in value.items()}
    return value


def lambdas_of(content):
    out = set()
    if isinstance(content, dict) and isinstance(content.get("Actions"), list):
        for a in content["Actions"]:
            p = a.get("Parameters") if isinstance(a, dict) else None
            arn = p.get("LambdaFunctionARN") if isinstance(p, dict) else None
            if isinstance(arn, str) and LAMBDA_ARN.match(arn):
                out.add(arn)
    return out


def bots_of(content):
    out = []
    if isinstance(content, dict) and isinstance(content.get("Actions"), list):
        for a in content["Actions"]:
            p = a.get("Parameters") if isinstance(a, dict) else None
            if not isinstance(p, dict) or a.get("Type") != "ConnectParticipantWithLexBot":
                continue
            v2, v1 = p.get("LexV2Bot"), p.get("LexBot")
            if isinstance(v2, dict) and isinstance(v2.get("AliasArn"), str) and "$" not in v2["AliasArn"]:
                out.append({"LexV2Bot": {"AliasArn": v2["AliasArn"]}})
            elif isinstance(v1, dict) and isinstance(v1.get("Name"), str) and "$" not in v1["Name"]:
                out.append({"LexBot": {"Name": v1["Name"], "LexRegion": v1.get("Region") or REGION}})
    return out


def build(corpus, only_current):
    with open(os.path.join(corpus, "MANIFEST.json"), encoding="utf-8") as fh:
        manifest = json.load(fh)
    res = {"connect_instance": {}, "connect_contact_flow": {}, "connect_contact_flow_module": {}}
    lambdas, bots = {}, {}
    for entry in manifest["flows"]:
        if only_current and entry["format"] != "2019-10-30":
            continue
        slug = entry["repository"].split("/")[1]
        iid = str(uuid.uuid5(NS, entry["repository"]))
        instance = "arn:aws:connect:%s:%s:instance/%s" % (REGION, ACCOUNT, iid)
        if instance not in res["connect_instance"]:
            res["connect_instance"][instance] = {"name": slug[:64], "region": REGION, "data": {
                "Instance": {"Id": iid, "Arn": instance, "InstanceAlias": slug[:62],
                             "IdentityManagementType": "CONNECT_MANAGED", "InstanceStatus": "ACTIVE",
                             "InboundCallsEnabled": True, "OutboundCallsEnabled": True},
                "Attributes": [{"AttributeType": "CONTACTFLOW_LOGS", "Value": "true"},
                               {"AttributeType": "CONTACT_LENS", "Value": "true"}]}}
            lambdas[instance] = set()
            bots[instance] = []
        with open(os.path.join(corpus, entry["file"]), encoding="utf-8") as fh:
            content = rewrite(json.load(fh), instance)
        lambdas[instance] |= lambdas_of(content)
        for b in bots_of(content):
            if b not in bots[instance]:
                bots[instance].append(b)
        fid = str(uuid.uuid5(NS, entry["file"]))
        if entry["kind"] == "module":
            arn = "%s/flow-module/%s" % (instance, fid)
            res["connect_contact_flow_module"][arn] = {"name": entry["name"], "region": REGION, "data": {
                "ContactFlowModule": {"Arn": arn, "Id": fid, "Name": entry["name"], "State": "ACTIVE",
                                      "Status": "PUBLISHED", "Content": content}}}
        else:
            arn = "%s/contact-flow/%s" % (instance, fid)
            res["connect_contact_flow"][arn] = {"name": entry["name"], "region": REGION, "data": {
                "ContactFlow": {"Arn": arn, "Id": fid, "Name": entry["name"], "Type": entry["type"],
                                "State": "ACTIVE", "Status": "PUBLISHED", "Content": content}}}
    for instance, arns in lambdas.items():
        res["connect_instance"][instance]["data"]["LambdaFunctions"] = sorted(arns)
        res["connect_instance"][instance]["data"]["LexBots"] = sorted(bots[instance], key=lambda b: json.dumps(b, sort_keys=True))
    return {"schema": "connect-auditor/snapshot/v1", "tool": {"name": "realflows_build.py", "version": "1"},
            "collected_at": "2026-12-01T00:00:00Z", "account_id": ACCOUNT, "regions": [REGION],
            "resources": res, "errors": []}


def flow_arns(corpus):
    """file -> ARN, for tests/realflows_check.py."""
    with open(os.path.join(corpus, "MANIFEST.json"), encoding="utf-8") as fh:
        manifest = json.load(fh)
    out = {}
    for entry in manifest["flows"]:
        instance = "arn:aws:connect:%s:%s:instance/%s" % (REGION, ACCOUNT, uuid.uuid5(NS, entry["repository"]))
        kind = "flow-module" if entry["kind"] == "module" else "contact-flow"
        out[entry["file"]] = "%s/%s/%s" % (instance, kind, uuid.uuid5(NS, entry["file"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "realflows"))
    ap.add_argument("--only-current", action="store_true")
    ap.add_argument("-o", required=True)
    a = ap.parse_args()
    snap = build(a.corpus, a.only_current)
    tmp = a.o + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(snap, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, a.o)
    n = sum(len(v) for k, v in snap["resources"].items() if k != "connect_instance")
    print("%s: %d flows and modules in %d instances" % (a.o, n, len(snap["resources"]["connect_instance"])),
          file=sys.stderr)


if __name__ == "__main__":
    main()
