"""Kinesis, Firehose, Kinesis Video, Lambda and CloudWatch Logs for fake_aws.py.

Each service in its real wire format (botocore's models): Kinesis
(Kinesis_20131202), Firehose (Firehose_20150804) and CloudWatch Logs
(Logs_20140328) speak json 1.1 (POST /, X-Amz-Target, Content-Type
application/x-amz-json-1.1); Kinesis Video and Lambda are rest-json.  Every
answer comes from the world file's members (world_streams.json):

  "kinesis_streams":  [ DescribeStreamSummary .StreamDescriptionSummary ]
  "firehose_streams": [ DescribeDeliveryStream .DeliveryStreamDescription ]
  "kvs_streams":      [ Kinesis Video DescribeStream .StreamInfo ]
  "lambda_functions": [ GetFunctionConfiguration answer ]
  "log_groups":       [ DescribeLogGroups item ]

A world without one of these members gets it from world_streams.json (beside
this file), which holds the streams, functions and log groups the stock
world's instances name.

A resource lives in the region of its ARN and is found only by a request
signed for that region (as in AWS, where another region does not know it).
Lists are paginated like AWS (NextToken / nextToken), at most the world's
`page_size` items a page.
"""

import json
import os
import re
import urllib.parse

Fault = Exception   # fake_aws.py's Fault(status, code, message), given by services()


def _region(arn):
    parts = (arn or "").split(":")
    return parts[3] if len(parts) > 3 else ""


def _world(h):
    return h.server.world


_DEFAULTS = None


def _items(h, key):
    """The world's list `key`, or world_streams.json's when the world has none."""
    global _DEFAULTS
    doc = _world(h).doc
    if key in doc:
        return doc[key]
    if _DEFAULTS is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "world_streams.json"), encoding="utf-8") as f:
            _DEFAULTS = json.load(f)
    return _DEFAULTS.get(key, [])


def _page(h, items, key, token, size, token_key):
    world = _world(h)
    n = world.page_size if not size else min(world.page_size, int(size))
    start = 0
    if token:
        m = re.fullmatch(r"tok-(\d+)", token)
        if not m or int(m.group(1)) > len(items):
            raise Fault(400, "InvalidParameterException", "invalid %s" % token_key)
        start = int(m.group(1))
    out = {key: items[start:start + n]}
    if start + n < len(items):
        out[token_key] = "tok-%d" % (start + n)
    return out


def _json11(h, prefix, ops):
    """A json 1.1 route: the operation is the X-Amz-Target suffix."""
    target = h.headers.get("X-Amz-Target", "")
    if h.command != "POST" or h.raw_path != "/" or not target.startswith(prefix + "."):
        raise Fault(400, "UnknownOperationException", "no operation at %s %s (%s)" % (h.command, h.raw_path, target))
    if h.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-amz-json-1.1":
        raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1")
    op = target[len(prefix) + 1:]
    if op not in ops:
        raise Fault(400, "UnknownOperationException", "unknown operation %s" % target)
    return op, ops[op], []


# ---- Kinesis ----
def describe_stream_summary(h):
    def fn(q, req):
        name, arn = req.get("StreamName"), req.get("StreamARN")
        for s in _items(h, "kinesis_streams"):
            if _region(s["StreamARN"]) == h.region and (s["StreamName"] == name or s["StreamARN"] == arn):
                return {"StreamDescriptionSummary": s}
        raise Fault(400, "ResourceNotFoundException", "Stream %s under account %s not found." % (name or arn, _world(h).account))
    return fn


def kinesis(h):
    return _json11(h, "Kinesis_20131202", {"DescribeStreamSummary": describe_stream_summary(h)})


# ---- Firehose ----
def describe_delivery_stream(h):
    def fn(q, req):
        name = req.get("DeliveryStreamName")
        if not name:
            raise Fault(400, "ValidationException", "DeliveryStreamName is required")
        limit = req.get("Limit")
        if limit is not None and not (isinstance(limit, int) and 1 <= limit <= 10000):
            raise Fault(400, "ValidationException", "Limit must be between 1 and 10000")
        for d in _items(h, "firehose_streams"):
            if d["DeliveryStreamName"] == name and _region(d["DeliveryStreamARN"]) == h.region:
                dests = d.get("Destinations", [])
                start = 0
                after = req.get("ExclusiveStartDestinationId")
                if after:
                    ids = [x.get("DestinationId") for x in dests]
                    if after not in ids:
                        raise Fault(400, "InvalidArgumentException", "unknown ExclusiveStartDestinationId")
                    start = ids.index(after) + 1
                n = min(limit or 10, 1)   # one destination a page: the collector must follow HasMoreDestinations
                out = dict(d)
                out["Destinations"] = dests[start:start + n]
                out["HasMoreDestinations"] = start + n < len(dests)
                return {"DeliveryStreamDescription": out}
        raise Fault(400, "ResourceNotFoundException", "Firehose %s under account %s not found." % (name, _world(h).account))
    return fn


def firehose(h):
    return _json11(h, "Firehose_20150804", {"DescribeDeliveryStream": describe_delivery_stream(h)})


# ---- CloudWatch Logs ----
def describe_log_groups(h):
    def fn(q, req):
        limit = req.get("limit")
        if limit is not None and not (isinstance(limit, int) and 1 <= limit <= 50):
            raise Fault(400, "InvalidParameterException", "limit must be between 1 and 50")
        prefix = req.get("logGroupNamePrefix", "")
        items = [g for g in _items(h, "log_groups")
                 if g["logGroupName"].startswith(prefix) and _region(g["arn"]) == h.region]
        items.sort(key=lambda g: g["logGroupName"])
        return _page(h, items, "logGroups", req.get("nextToken"), limit, "nextToken")
    return fn


def logs(h):
    return _json11(h, "Logs_20140328", {"DescribeLogGroups": describe_log_groups(h)})


# ---- Kinesis Video (rest-json) ----
def kvs_list_streams(h):
    def fn(q, req):
        mr = req.get("MaxResults")
        if mr is not None and not (isinstance(mr, int) and 1 <= mr <= 10000):
            raise Fault(400, "InvalidArgumentException", "MaxResults must be between 1 and 10000")
        cond = req.get("StreamNameCondition") or {}
        if cond and cond.get("ComparisonOperator") != "BEGINS_WITH":
            raise Fault(400, "InvalidArgumentException", "ComparisonOperator must be BEGINS_WITH")
        prefix = cond.get("ComparisonValue", "")
        items = [s for s in _items(h, "kvs_streams")
                 if s["StreamName"].startswith(prefix) and _region(s["StreamARN"]) == h.region]
        return _page(h, items, "StreamInfoList", req.get("NextToken"), mr, "NextToken")
    return fn


def kvs_describe_stream(h):
    def fn(q, req):
        name, arn = req.get("StreamName"), req.get("StreamARN")
        for s in _items(h, "kvs_streams"):
            if _region(s["StreamARN"]) == h.region and (s["StreamName"] == name or s["StreamARN"] == arn):
                return {"StreamInfo": s}
        raise Fault(404, "ResourceNotFoundException", "The requested stream is not found or not active.")
    return fn


def kinesisvideo(h):
    if h.command == "POST" and h.raw_path == "/listStreams":
        return "ListStreams", kvs_list_streams(h), []
    if h.command == "POST" and h.raw_path == "/describeStream":
        return "DescribeStream", kvs_describe_stream(h), []
    raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))


# ---- Lambda (rest-json) ----
def get_function_configuration(h, name):
    def fn(q, req):
        for f in _items(h, "lambda_functions"):
            arn = f["FunctionArn"]
            if _region(arn) != h.region:
                continue
            base = ":".join(arn.split(":")[:7])
            if name in (f["FunctionName"], arn, base) or name.startswith(base + ":"):
                return f
        raise Fault(404, "ResourceNotFoundException", "Function not found: %s" % name)
    return fn


def lambda_(h):
    parts = [urllib.parse.unquote(p) for p in h.raw_path.split("/")[1:]]
    if h.command == "GET" and len(parts) == 4 and parts[:2] == ["2015-03-31", "functions"] and parts[3] == "configuration":
        return "GetFunctionConfiguration", get_function_configuration(h, parts[2]), []
    raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))


def services(fault):
    """The signing names served here -> route(handler); fault is fake_aws's Fault."""
    global Fault
    Fault = fault
    return {"kinesis": kinesis, "firehose": firehose, "logs": logs, "kinesisvideo": kinesisvideo, "lambda": lambda_}
