"""Lex V1 and V2 model APIs, CloudWatch alarms and Directory Service for fake_aws.py.

Each in its real wire format (botocore's models):
  - Lex Model Building Service (lex-models 2017-04-19) and Lex Models V2
    (lexv2-models 2020-08-07): rest-json, both signed as "lex".  V1 GetBot is
    GET /bots/{name}/versions/{versionoralias}, GetBotAliases GET
    /bots/{name}/aliases/ (maxResults 1..50, nextToken in query and answer); V2 DescribeBot GET /bots/{botId}/,
    DescribeBotAlias GET /bots/{botId}/botaliases/{botAliasId}/,
    DescribeResourcePolicy GET /policy/{resourceArn}/.
  - CloudWatch (2010-08-01, signed as "monitoring"): both protocols its
    model lists and clients use.  JSON 1.0 (what botocore 1.43 and the aws
    CLI pick): POST / with X-Amz-Target GraniteServiceVersion20100801.<Op>,
    application/x-amz-json-1.0; timestamps as epoch seconds; errors as
    {"__type", "message"} with the query code in x-amzn-query-error
    ("Code;Sender": the service is awsQueryCompatible).  Query: a form-encoded
    POST / answered in XML, timestamps ISO 8601; errors
    <ErrorResponse><Error><Code>.  DescribeAlarms with MaxRecords (1..100),
    NextToken and AlarmTypes.  A world with "cloudwatch_query_only": true is an
    endpoint that knows only the query protocol: a JSON request gets the query
    error an Action-less request gets (400 MissingAction, XML).
  - Directory Service (DirectoryService_20150416): json 1.1;
    DescribeDirectories with DirectoryIds, Limit, NextToken.

Every answer comes from the world's members (world_lex.json holds them for the
stock world's instances, and is used for any member the world lacks):

  "lex_v1":      {REGION: {BOT NAME: GetBot answer (versionOrAlias $LATEST)}}
  "lex_v1_aliases": {REGION: {BOT NAME: [GetBotAliases BotAliases item]}} (none: no alias)
  "lex_v2":      {REGION: {BOT ID: {"bot": DescribeBot answer,
                                    "aliases": {ALIAS ID: DescribeBotAlias answer},
                                    "policy": the bot's policy document (object) or null,
                                    "alias_policies": {ALIAS ID: the alias's policy document}
                                    (an alias without one: no policy, ResourceNotFoundException)}}}
  "alarms":      {REGION: [DescribeAlarms MetricAlarms item]}
  "directories": {REGION: [DescribeDirectories DirectoryDescriptions item]}

A resource is found only by a request signed for its region, as in AWS.
Lists are paginated at most the world's `page_size` items a page.
"""

import json
import os
import re
import urllib.parse

Fault = Exception   # fake_aws.py's Fault(status, code, message), given by services()
_DEFAULTS = None
CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/"
REQUEST_ID = "00000000-0000-4000-8000-000000000000"


class RawXml(str):
    """An answer sent as it is (not JSON-encoded), with its content type."""
    def __new__(cls, text, ctype="text/xml"):
        o = str.__new__(cls, text)
        o.ctype = ctype
        return o


def _member(h, key):
    global _DEFAULTS
    doc = h.server.world.doc
    if key in doc:
        return doc[key]
    if _DEFAULTS is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "world_lex.json"), encoding="utf-8") as f:
            _DEFAULTS = json.load(f)
    return _DEFAULTS.get(key, {})


def _start(h, token, size, max_size, bad_token_code):
    n = h.server.world.page_size
    if size is not None:
        size = int(size)
        if size < 1 or size > max_size:
            raise Fault(400, "InvalidParameterValue" if bad_token_code == "InvalidNextToken" else "InvalidParameterException",
                        "the page size must be between 1 and %d" % max_size)
        n = min(n, size)
    start = 0
    if token:
        m = re.fullmatch(r"tok-(\d+)", token)
        if not m:
            raise Fault(400, bad_token_code, "invalid NextToken")
        start = int(m.group(1))
    return start, n


# ---- Lex (rest-json) ----
def lex(h):
    parts = [urllib.parse.unquote(p) for p in h.raw_path.split("/")[1:]]
    if h.command != "GET":
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))
    region = h.region
    if len(parts) == 4 and parts[0] == "bots" and parts[2] == "versions":
        def get_bot(q, req, name, version):
            if version != "$LATEST":
                raise Fault(404, "NotFoundException", "only $LATEST is in this fake (asked: %s)" % version)
            bot = _member(h, "lex_v1").get(region, {}).get(name)
            if bot is None:
                raise Fault(404, "NotFoundException", "The bot %s was not found in %s." % (name, region))
            return bot
        return "GetBot", get_bot, [parts[1], parts[3]]
    if len(parts) == 4 and parts[0] == "bots" and parts[2] == "aliases" and parts[3] == "":
        def get_bot_aliases(q, req, name):
            if _member(h, "lex_v1").get(region, {}).get(name) is None:
                raise Fault(404, "NotFoundException", "The bot %s was not found in %s." % (name, region))
            items = _member(h, "lex_v1_aliases").get(region, {}).get(name, [])
            mr = q.get("maxResults")
            if mr is not None and not 1 <= int(mr) <= 50:
                raise Fault(400, "BadRequestException", "maxResults must be between 1 and 50")
            start, n = _start(h, q.get("nextToken"), mr, 50, "BadRequestException")
            out = {"BotAliases": items[start:start + n]}
            if start + n < len(items):
                out["nextToken"] = "tok-%d" % (start + n)
            return out
        return "GetBotAliases", get_bot_aliases, [parts[1]]
    if len(parts) == 3 and parts[0] == "bots" and parts[2] == "":
        def describe_bot(q, req, bot_id):
            return _v2(h, region, bot_id)["bot"]
        return "DescribeBot", describe_bot, [parts[1]]
    if len(parts) == 5 and parts[0] == "bots" and parts[2] == "botaliases" and parts[4] == "":
        def describe_alias(q, req, bot_id, alias_id):
            alias = _v2(h, region, bot_id).get("aliases", {}).get(alias_id)
            if alias is None:
                raise Fault(404, "ResourceNotFoundException", "Could not find bot alias %s of bot %s" % (alias_id, bot_id))
            return alias
        return "DescribeBotAlias", describe_alias, [parts[1], parts[3]]
    if len(parts) == 3 and parts[0] == "policy" and parts[2] == "":
        def describe_policy(q, req, arn):
            m = re.fullmatch(r"arn:aws:lex:([^:]+):(\d{12}):bot(?:/([A-Z0-9]+)|-alias/([A-Z0-9]+)/([A-Z0-9]+))", arn)
            if not m:
                raise Fault(400, "ValidationException", "not a bot or bot alias ARN: %s" % arn)
            bot = _v2(h, m.group(1) if m.group(1) == region else "-", m.group(3) or m.group(4))
            if m.group(3):
                policy = bot.get("policy")
            else:
                if m.group(5) not in bot.get("aliases", {}):
                    raise Fault(404, "ResourceNotFoundException", "Could not find bot alias %s" % m.group(5))
                policy = bot.get("alias_policies", {}).get(m.group(5))
            if policy is None:
                raise Fault(404, "ResourceNotFoundException", "There is no resource policy for %s" % arn)
            return {"resourceArn": arn, "policy": json.dumps(policy), "revisionId": "1"}
        return "DescribeResourcePolicy", describe_policy, [parts[1]]
    raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))


def _v2(h, region, bot_id):
    bot = _member(h, "lex_v2").get(region, {}).get(bot_id)
    if bot is None:
        raise Fault(404, "ResourceNotFoundException", "Could not find bot %s in %s" % (bot_id, region))
    return bot


# ---- CloudWatch (JSON 1.0 or query/XML) ----
CW_TARGET = "GraniteServiceVersion20100801."


def _xml(name, v):
    if isinstance(v, bool):
        return "<%s>%s</%s>" % (name, "true" if v else "false", name)
    if isinstance(v, dict):
        return "<%s>%s</%s>" % (name, "".join(_xml(k, x) for k, x in v.items()), name)
    if isinstance(v, list):
        return "<%s>%s</%s>" % (name, "".join(_xml("member", x) for x in v), name)
    return "<%s>%s</%s>" % (name, _esc(str(v)), name)


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _epoch(v):
    """The world's ISO 8601 timestamps as JSON 1.0 sends them: epoch seconds."""
    if isinstance(v, dict):
        return {k: (_iso_seconds(x) if k.endswith("Timestamp") and isinstance(x, str) else _epoch(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [_epoch(x) for x in v]
    return v


def _iso_seconds(s):
    import datetime
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def _cw_json(h):
    return h.headers.get("X-Amz-Target", "").startswith(CW_TARGET) and not _member(h, "cloudwatch_query_only")


def monitoring(h):
    if h.command != "POST" or h.raw_path != "/":
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))
    if _cw_json(h):
        if h.headers.get("Content-Type") != "application/x-amz-json-1.0":
            raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.0")
        action = h.headers["X-Amz-Target"][len(CW_TARGET):]
        try:
            req = json.loads(h.body or b"{}")
        except ValueError:
            raise Fault(400, "SerializationException", "the body is not JSON")
        types, token, size = req.get("AlarmTypes"), req.get("NextToken"), req.get("MaxRecords")
    else:
        form = dict(urllib.parse.parse_qsl(h.body.decode("utf-8"), keep_blank_values=True))
        action = form.get("Action", "")
        if not action:
            raise Fault(400, "MissingAction", "Missing Action")
        if not h.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            raise Fault(400, "InvalidAction", "the query protocol is a form POST")
        if form.get("Version") != "2010-08-01":
            raise Fault(400, "InvalidAction", "Could not find operation %s for version %s" % (action, form.get("Version")))
        types = [v for k, v in sorted(form.items()) if k.startswith("AlarmTypes.member.")]
        token, size = form.get("NextToken"), form.get("MaxRecords")
    if action != "DescribeAlarms":
        raise Fault(400, "InvalidAction", "Could not find operation %s for version 2010-08-01" % action)

    def describe_alarms(q, req):
        alarms = [] if types and "MetricAlarm" not in types else _member(h, "alarms").get(h.region, [])
        start, n = _start(h, token, size, 100, "InvalidNextToken")
        page = alarms[start:start + n]
        more = start + n < len(alarms)
        if _cw_json(h):
            out = {"MetricAlarms": _epoch(page), "CompositeAlarms": []}
            if more:
                out["NextToken"] = "tok-%d" % (start + n)
            return RawXml(json.dumps(out), "application/x-amz-json-1.0")
        return RawXml('<DescribeAlarmsResponse xmlns="%s"><DescribeAlarmsResult>%s<CompositeAlarms/>%s'
                      '</DescribeAlarmsResult><ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>'
                      '</DescribeAlarmsResponse>' % (CW_NS, _xml("MetricAlarms", page),
                                                     "<NextToken>tok-%d</NextToken>" % (start + n) if more else "",
                                                     REQUEST_ID))
    return "DescribeAlarms", describe_alarms, []


def monitoring_error(h, status, code, message):
    if _cw_json(h):   # awsQueryCompatible: the query code in a header, the shape's name in __type
        shape = {"AccessDenied": "com.amazon.coral.service#AccessDeniedException"}.get(code, "com.amazonaws.cloudwatch#" + code)
        h._reply(status, json.dumps({"__type": shape, "message": message}), "application/x-amz-json-1.0",
                 {"x-amzn-query-error": "%s;%s" % (code, "Receiver" if status >= 500 else "Sender")})
        return
    body = ('<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>'
            '<RequestId>%s</RequestId></ErrorResponse>' % (CW_NS, code, _esc(message), REQUEST_ID))
    h._reply(status, body, "text/xml")


monitoring.error = monitoring_error


# ---- Directory Service (json 1.1) ----
def ds(h):
    target = h.headers.get("X-Amz-Target", "")
    if h.command != "POST" or h.raw_path != "/":
        raise Fault(404, "UnknownOperationException", "no operation at %s %s (%s)" % (h.command, h.raw_path, target))
    if h.headers.get("Content-Type") != "application/x-amz-json-1.1":
        raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1")
    if target != "DirectoryService_20150416.DescribeDirectories":
        raise Fault(400, "UnknownOperationException", "unknown operation %s" % target)

    def describe_directories(q, req):
        dirs = _member(h, "directories").get(h.region, [])
        if req.get("DirectoryIds"):
            dirs = [d for d in dirs if d["DirectoryId"] in req["DirectoryIds"]]
        start, n = _start(h, req.get("NextToken"), req.get("Limit"), 1000, "InvalidNextTokenException")
        out = {"DirectoryDescriptions": dirs[start:start + n]}
        if start + n < len(dirs):
            out["NextToken"] = "tok-%d" % (start + n)
        return out
    return "DescribeDirectories", describe_directories, []


def services(fault):
    """The signing names served here -> route(handler); fault is fake_aws's Fault."""
    global Fault
    Fault = fault
    return {"lex": lex, "monitoring": monitoring, "ds": ds}
