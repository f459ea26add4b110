"""DynamoDB, CloudTrail, EventBridge, CloudWatch Logs metric filters and
CloudWatch DescribeAlarmsForMetric for fake_aws.py, each in its real wire
format (botocore 1.43's models):

  dynamodb   json 1.0, X-Amz-Target DynamoDB_20120810.<op>: ListTables (Limit 1..100,
             ExclusiveStartTableName / LastEvaluatedTableName), DescribeTable, DescribeContinuousBackups
  cloudtrail json 1.1, com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<op>:
             DescribeTrails (includeShadowTrails), GetTrailStatus (Name), GetEventSelectors
             (TrailName: a trail's name or ARN)
  events     json 1.1, AWSEvents.<op>: ListRules (Limit 1..100, NextToken), ListTargetsByRule
  logs       DescribeMetricFilters (logGroupName, limit 1..50, nextToken); every other
             operation is svc_streams.py's
  iam        the query protocol (form POST, XML answers): GetRole ("iam_roles", else world_aux.json's: [Role, its
             AssumeRolePolicyDocument an object, sent URL-encoded as IAM does]; NoSuchEntity 404)
  monitoring json 1.0 GraniteServiceVersion20100801.DescribeAlarmsForMetric (Namespace,
             MetricName; the world's "alarms" by region); every other call is svc_lex.py's

The world's members (world_aux.json beside this file is a world of them):
  "dynamodb_tables": [{"Table": DescribeTable .Table, "ContinuousBackupsDescription": ...}]
  "trails":          [{"Trail": DescribeTrails item, "Status": GetTrailStatus answer,
                       "EventSelectors": GetEventSelectors answer}]
  "metric_filters":  [DescribeMetricFilters item (with logGroupName), found by the group's region: "region"]
  "event_rules":     [{"Rule": ListRules item, "Targets": [...]}]
A resource is found only by a request signed for the region of its ARN; a
multi-region trail is listed in every region, as AWS lists shadow trails.
"""
import json
import re

import svc_lex
import svc_streams

Fault = Exception


def _region(arn):
    parts = (arn or "").split(":")
    return parts[3] if len(parts) > 3 else ""


def _doc(h, key):
    return h.server.world.doc.get(key, [])


def _json(h, prefix, version, ops):
    target = h.headers.get("X-Amz-Target", "")
    if h.command != "POST" or h.raw_path != "/" or not target.startswith(prefix + "."):
        raise Fault(400, "UnknownOperationException", "no operation at %s %s (%s)" % (h.command, h.raw_path, target))
    if h.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-amz-json-" + version:
        raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-" + version)
    op = target[len(prefix) + 1:]
    if op not in ops:
        raise Fault(400, "UnknownOperationException", "unknown operation %s" % target)
    return op, ops[op], []


def _limit(req, key, hi, default):
    n = req.get(key)
    if n is None:
        return default
    if not isinstance(n, int) or not 1 <= n <= hi:
        raise Fault(400, "ValidationException", "%s must be between 1 and %d" % (key, hi))
    return n


def _token_page(h, items, req, key, hi, out_key, tok_key="NextToken", in_tok=None):
    n = min(_limit(req, key, hi, hi), h.server.world.page_size)
    start = 0
    tok = req.get(in_tok or tok_key)
    if tok:
        m = re.fullmatch(r"tok-(\d+)", tok)
        if not m or int(m.group(1)) > len(items):
            raise Fault(400, "InvalidNextTokenException" if tok_key == "NextToken" else "InvalidParameterException",
                        "invalid token")
        start = int(m.group(1))
    out = {out_key: items[start:start + n]}
    if start + n < len(items):
        out[tok_key] = "tok-%d" % (start + n)
    return out


# ---- DynamoDB ----
def _table(h, req):
    name = req.get("TableName")
    if not name:
        raise Fault(400, "ValidationException", "TableName is required")
    for t in _doc(h, "dynamodb_tables"):
        arn = t["Table"]["TableArn"]
        if _region(arn) == h.region and name in (t["Table"]["TableName"], arn):
            return t
    raise Fault(400, "ResourceNotFoundException", "Requested resource not found: Table: %s not found" % name)


def dynamodb(h):
    def list_tables(q, req):
        n = min(_limit(req, "Limit", 100, 100), h.server.world.page_size)
        names = sorted(t["Table"]["TableName"] for t in _doc(h, "dynamodb_tables") if _region(t["Table"]["TableArn"]) == h.region)
        after = req.get("ExclusiveStartTableName")
        if after:
            names = [x for x in names if x > after]
        out = {"TableNames": names[:n]}
        if len(names) > n:
            out["LastEvaluatedTableName"] = names[n - 1]
        return out

    def describe_table(q, req):
        return {"Table": _table(h, req)["Table"]}

    def describe_backups(q, req):
        t = _table(h, req)
        return {"ContinuousBackupsDescription": t.get("ContinuousBackupsDescription",
                                                      {"ContinuousBackupsStatus": "ENABLED",
                                                       "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}})}

    return _json(h, "DynamoDB_20120810", "1.0", {"ListTables": list_tables, "DescribeTable": describe_table,
                                                 "DescribeContinuousBackups": describe_backups})


# ---- CloudTrail ----
CT = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"


def cloudtrail(h):
    def describe_trails(q, req):
        out = []
        for t in _doc(h, "trails"):
            tr = t["Trail"]
            home = tr.get("HomeRegion") or _region(tr["TrailARN"])
            if home == h.region or (tr.get("IsMultiRegionTrail") and req.get("includeShadowTrails", True)):
                out.append(tr)
        return {"trailList": out}

    def status(q, req):
        name = req.get("Name")
        for t in _doc(h, "trails"):
            tr = t["Trail"]
            if name in (tr["Name"], tr["TrailARN"]) and (tr.get("HomeRegion") or _region(tr["TrailARN"])) == h.region:
                return t.get("Status", {"IsLogging": True})
        raise Fault(400, "TrailNotFoundException", "Unknown trail: %s for the user: %s" % (name, h.server.world.account))

    def selectors(q, req):
        name = req.get("TrailName")
        for t in _doc(h, "trails"):
            tr = t["Trail"]
            if name in (tr["Name"], tr["TrailARN"]) and (tr.get("HomeRegion") or _region(tr["TrailARN"])) == h.region:
                return t.get("EventSelectors", {"TrailARN": tr["TrailARN"], "EventSelectors": [
                    {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}]})
        raise Fault(400, "TrailNotFoundException", "Unknown trail: %s for the user: %s" % (name, h.server.world.account))

    return _json(h, CT, "1.1", {"DescribeTrails": describe_trails, "GetTrailStatus": status,
                                "GetEventSelectors": selectors})


# ---- EventBridge ----
def events(h):
    def list_rules(q, req):
        if req.get("EventBusName", "default") != "default":
            return {"Rules": []}
        rules = [r["Rule"] for r in _doc(h, "event_rules") if _region(r["Rule"]["Arn"]) == h.region]
        rules.sort(key=lambda r: r["Name"])
        return _token_page(h, rules, req, "Limit", 100, "Rules")

    def targets(q, req):
        for r in _doc(h, "event_rules"):
            if r["Rule"]["Name"] == req.get("Rule") and _region(r["Rule"]["Arn"]) == h.region:
                return _token_page(h, r.get("Targets", []), req, "Limit", 100, "Targets")
        raise Fault(400, "ResourceNotFoundException", "Rule %s does not exist." % req.get("Rule"))

    return _json(h, "AWSEvents", "1.1", {"ListRules": list_rules, "ListTargetsByRule": targets})


# ---- CloudWatch Logs: metric filters (the rest: svc_streams.py) ----
def logs(h):
    if h.headers.get("X-Amz-Target", "") != "Logs_20140328.DescribeMetricFilters":
        return svc_streams.logs(h)

    def describe(q, req):
        group = req.get("logGroupName")
        items = [f for f in _doc(h, "metric_filters") if f.get("logGroupName") == group and f.get("region") == h.region]
        items = [{k: v for k, v in f.items() if k != "region"} for f in items]
        return _token_page(h, items, req, "limit", 50, "metricFilters", "nextToken")

    op, fn, args = svc_streams._json11(h, "Logs_20140328", {"DescribeMetricFilters": describe})
    return op, fn, args


# ---- CloudWatch: DescribeAlarmsForMetric (the rest: svc_lex.py) ----
def monitoring(h):
    if h.headers.get("X-Amz-Target", "") != svc_lex.CW_TARGET + "DescribeAlarmsForMetric":
        return svc_lex.monitoring(h)
    if h.headers.get("Content-Type") != "application/x-amz-json-1.0":
        raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.0")

    def describe(q, req):
        if not req.get("MetricName") or not req.get("Namespace"):
            raise Fault(400, "ValidationException", "MetricName and Namespace are required")
        alarms = svc_lex._member(h, "alarms").get(h.region, [])
        hit = [a for a in alarms if a.get("MetricName") == req["MetricName"] and a.get("Namespace") == req["Namespace"]]
        return {"MetricAlarms": svc_lex._epoch(hit)}

    return "DescribeAlarmsForMetric", describe, []


# CloudWatch's errors in the protocol of the call (svc_lex.py's writer): this
# handler replaces svc_lex's in SERVICES, so it must carry its error writer too
monitoring.error = svc_lex.monitoring.error


# ---- IAM (query protocol, XML; signed for us-east-1) ----
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"


def _x(v):
    return str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def iam(h):
    import urllib.parse
    form = dict(urllib.parse.parse_qsl(h.body.decode("utf-8"), keep_blank_values=True))
    if h.command != "POST" or h.raw_path != "/" or form.get("Version") != "2010-05-08":
        raise Fault(400, "InvalidAction", "the query protocol is a form POST with Version 2010-05-08")
    if form.get("Action") != "GetRole":
        raise Fault(400, "InvalidAction", "Could not find operation %s for version 2010-05-08" % form.get("Action"))

    def get_role(q, req):
        name = form.get("RoleName", "")
        roles = h.server.world.doc.get("iam_roles")
        if roles is None:   # the stock world's instances' role, from world_aux.json
            with open(__file__.rsplit("/", 1)[0] + "/world_aux.json", encoding="utf-8") as f:
                roles = json.load(f)["iam_roles"]
        for r in roles:
            if r["RoleName"] == name:
                trust = urllib.parse.quote(json.dumps(r["AssumeRolePolicyDocument"]), safe="")
                inner = "".join("<%s>%s</%s>" % (k, _x(r[k]), k) for k in ("Path", "RoleName", "RoleId", "Arn", "CreateDate",
                                                                        "Description", "MaxSessionDuration") if k in r)
                return svc_lex.RawXml('<GetRoleResponse xmlns="%s"><GetRoleResult><Role>%s<AssumeRolePolicyDocument>%s'
                                      '</AssumeRolePolicyDocument><RoleLastUsed/></Role></GetRoleResult><ResponseMetadata>'
                                      '<RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata>'
                                      '</GetRoleResponse>' % (IAM_NS, inner, trust))
        raise Fault(404, "NoSuchEntity", "The role with name %s cannot be found." % name)

    return "GetRole", get_role, []


def _iam_error(h, status, code, message):
    body = ('<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>'
            '<RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>' % (IAM_NS, code, _x(message)))
    h._reply(status, body, "text/xml")


iam.error = _iam_error


def services(fault):
    global Fault
    Fault = fault
    return {"dynamodb": dynamodb, "cloudtrail": cloudtrail, "events": events, "logs": logs, "monitoring": monitoring,
            "iam": iam}


# The wrapped routes answer errors in their own services' formats.
for _mine, _theirs in ((monitoring, svc_lex.monitoring), (logs, svc_streams.logs)):
    if hasattr(_theirs, "error"):
        _mine.error = _theirs.error
