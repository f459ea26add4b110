"""Amazon Connect routing profiles, hours of operation, quick connects and
phone numbers for fake_aws.py (rest-json, signed "connect"; botocore's
connect/2017-08-08 model):

  POST /search-routing-profiles, /search-hours-of-operations, /search-quick-connects
       (InstanceId, MaxResults 1..500 / 1..100 / 1..100, NextToken in the body)
  GET  /routing-profiles-summary/{InstanceId}, /hours-of-operations-summary/{InstanceId},
       /quick-connects/{InstanceId}                      (the List fallbacks)
  GET  /routing-profiles/{InstanceId}/{Id}, /hours-of-operations/{InstanceId}/{Id},
       /quick-connects/{InstanceId}/{Id}                 (the Describe fallbacks)
  GET  /routing-profiles/{InstanceId}/{Id}/queues         ListRoutingProfileQueues
  POST /phone-number/list                                  ListPhoneNumbersV2 (TargetArn or InstanceId)
  GET  /phone-numbers-summary/{InstanceId}                 ListPhoneNumbers (the fallback)
  GET  /phone-number/{PhoneNumberId}                       DescribePhoneNumber
  GET  /traffic-distribution-groups?instanceId=ID          ListTrafficDistributionGroups (maxResults 1..10;
       "traffic_distribution_groups": [TrafficDistributionGroupSummary], by InstanceArn)
  GET  /flow-associations-summary/{InstanceId}             ListFlowAssociations (ResourceType; maxResults 1..1000)
  GET  /queues/{InstanceId}/{QueueId}/quick-connects        ListQueueQuickConnects (maxResults 1..100)

The data is the world's member "connect_objects" (else world_objects.json's):
  {INSTANCE ID: {"RoutingProfiles": [RoutingProfile + "Queues": [...]],
                 "HoursOfOperations": [...], "QuickConnects": [...],
                 "FlowAssociations": [FlowAssociationSummary],
                 "QueueQuickConnects": {QUEUE ID: [QuickConnectSummary]}}}
and "phone_numbers": [ClaimedPhoneNumberSummary] (found by a request signed
for the region of its ARN, as in AWS).

Also the customer-data domains (services(): other signing names):
  GET /instance/{InstanceId}/integration-associations  ListIntegrationAssociations ("integrations": {IID: [...]})
  voiceid (json 1.0, X-Amz-Target VoiceID.DescribeDomain) ("voiceid_domains": {REGION: {ID: Domain}})
  wisdom  GET /knowledgeBases/{id}          GetKnowledgeBase ("knowledge_bases": {REGION: {ID: knowledgeBase}})
  profile POST /integrations (Uri; query max-results, next-token)  ListAccountIntegrations
          ("profile_integrations": {REGION: [ListIntegrationItem]}),
          GET /domains/{DomainName}          GetDomain ("profile_domains": {REGION: {NAME: answer}})
          GET /domains/{DomainName}/object-types (max-results 1..100, next-token)  ListProfileObjectTypes
          ("profile_object_types": {REGION: {DOMAIN: [GetProfileObjectType answer]}}: the list items are
          their ListProfileObjectTypeItem members, without Tags when the world says
          "profile_list_omits_tags": true),
          GET /tags/{resourceArn}            ListTagsForResource (an object type's Tags, {} for none)
"""
import re
import urllib.parse

import json
import os

_DEFAULTS = None


def _member(h, key):
    global _DEFAULTS
    doc = h.server.world.doc
    if key in doc:
        return doc[key]
    if _DEFAULTS is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "world_objects.json"), encoding="utf-8") as f:
            _DEFAULTS = json.load(f)
    return _DEFAULTS.get(key, {})


KINDS = {   # member: (id key, arn key, search key, search max, summary list key, describe key)
    "RoutingProfiles": ("RoutingProfileId", "RoutingProfileArn", "RoutingProfiles", 500, "RoutingProfileSummaryList",
                        "RoutingProfile"),
    "HoursOfOperations": ("HoursOfOperationId", "HoursOfOperationArn", "HoursOfOperations", 100,
                          "HoursOfOperationSummaryList", "HoursOfOperation"),
    "QuickConnects": ("QuickConnectId", "QuickConnectARN", "QuickConnects", 100, "QuickConnectSummaryList",
                      "QuickConnect"),
}
# botocore customer-profiles/2020-08-15 ListProfileObjectTypeItem's members
PROFILE_TYPE_ITEM = ("ObjectTypeName", "Description", "CreatedAt", "LastUpdatedAt", "MaxProfileObjectCount",
                     "MaxAvailableProfileObjectCount", "SourcePriority", "Tags")
PHONE_LIST_KEYS = ("PhoneNumberId", "PhoneNumberArn", "PhoneNumber", "PhoneNumberCountryCode", "PhoneNumberType",
                   "TargetArn", "InstanceId", "PhoneNumberDescription", "SourcePhoneNumberArn")


def routes(h, Fault):
    """Route rows for fake_aws.py's _route: (method, pattern, op, fn(q, req, *args))."""

    def objects(iid, member):
        h.instance(iid)   # ResourceNotFoundException for an unknown instance
        return _member(h, "connect_objects").get(iid, {}).get(member, [])

    def strip(o):
        return {k: v for k, v in o.items() if k != "Queues"}

    def search(member):
        id_key, arn_key, key, mx, _, _ = KINDS[member]

        def fn(q, req):
            iid = req.get("InstanceId")
            if not iid:
                raise Fault(400, "InvalidParameterException", "InstanceId is required")
            mr = req.get("MaxResults")
            if mr is not None and not (isinstance(mr, int) and 1 <= mr <= mx):
                raise Fault(400, "InvalidParameterException", "MaxResults must be between 1 and %d" % mx)
            items = [strip(o) for o in objects(iid, member)]
            return h.page(items, key, req.get("NextToken"), mr, {"ApproximateTotalCount": len(items)})
        return fn

    def summaries(member):
        id_key, arn_key, _, _, key, _ = KINDS[member]

        def fn(q, req, iid):
            mr = q.get("maxResults")
            if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 1000):
                raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 1000")
            items = [{"Id": o[id_key], "Arn": o[arn_key], "Name": o.get("Name")} for o in objects(iid, member)]
            return h.page(items, key, q.get("nextToken"), mr)
        return fn

    def find(iid, member, oid):
        id_key, _, _, _, _, key = KINDS[member]
        for o in objects(iid, member):
            if o[id_key] == oid:
                return o
        raise Fault(404, "ResourceNotFoundException", "%s not found: %s" % (key, oid))

    def describe(member):
        def fn(q, req, iid, oid):
            return {KINDS[member][5]: strip(find(iid, member, oid))}
        return fn

    def profile_queues(q, req, iid, pid):
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 100):
            raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 100")
        return h.page(find(iid, "RoutingProfiles", pid).get("Queues", []), "RoutingProfileQueueConfigSummaryList",
                      q.get("nextToken"), mr)

    def numbers():
        return [n for n in _member(h, "phone_numbers") if n["PhoneNumberArn"].split(":")[3] == h.region]

    def list_v2(q, req):
        target, iid = req.get("TargetArn"), req.get("InstanceId")
        if bool(target) == bool(iid):
            raise Fault(400, "InvalidParameterException", "give one of TargetArn and InstanceId")
        mr = req.get("MaxResults")
        if mr is not None and not (isinstance(mr, int) and 1 <= mr <= 1000):
            raise Fault(400, "InvalidParameterException", "MaxResults must be between 1 and 1000")
        items = [{k: n[k] for k in PHONE_LIST_KEYS if k in n} for n in numbers()
                 if (target and n.get("TargetArn") == target) or (iid and n.get("InstanceId") == iid)]
        return h.page(items, "ListPhoneNumbersSummaryList", req.get("NextToken"), mr)

    def list_tdgs(q, req):
        inst = h.instance(q.get("instanceId") or "")["Instance"]
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 10):
            raise Fault(400, "InvalidRequestException", "maxResults must be between 1 and 10")
        items = [g for g in _member(h, "traffic_distribution_groups") if g.get("InstanceArn") == inst["Arn"]]
        return h.page(items, "TrafficDistributionGroupSummaryList", q.get("nextToken"), mr)

    def list_v1(q, req, iid):
        inst = h.instance(iid)["Instance"]
        items = [{"Id": n["PhoneNumberId"], "Arn": n["PhoneNumberArn"], "PhoneNumber": n["PhoneNumber"],
                  "PhoneNumberType": n.get("PhoneNumberType"), "PhoneNumberCountryCode": n.get("PhoneNumberCountryCode")}
                 for n in numbers() if n.get("TargetArn") == inst["Arn"]]
        return h.page(items, "PhoneNumberSummaryList", q.get("nextToken"), q.get("maxResults"))

    def describe_number(q, req, pid):
        for n in numbers():
            if n["PhoneNumberId"] == pid:
                return {"ClaimedPhoneNumberSummary": n}
        raise Fault(404, "ResourceNotFoundException", "Phone number not found: %s" % pid)

    def flow_associations(q, req, iid):
        h.instance(iid)
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 1000):
            raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 1000")
        rt = q.get("ResourceType")
        known = ("WHATSAPP_MESSAGING_PHONE_NUMBER", "VOICE_PHONE_NUMBER", "INBOUND_EMAIL", "OUTBOUND_EMAIL",
                 "ANALYTICS_CONNECTOR")
        if rt is not None and rt not in known:
            raise Fault(400, "ValidationException", "1 validation error detected: Value '%s' at 'resourceType' failed "
                        "to satisfy constraint: Member must satisfy enum value set: [%s]" % (rt, ", ".join(known)))
        items = [a for a in _member(h, "connect_objects").get(iid, {}).get("FlowAssociations", [])
                 if rt is None or a.get("ResourceType") == rt]
        return h.page(items, "FlowAssociationSummaryList", q.get("nextToken"), mr)

    def queue_quick_connects(q, req, iid, qid):
        if not any(x.get("QueueId") == qid for x in h.instance(iid).get("Queues", [])):
            raise Fault(404, "ResourceNotFoundException", "Queue not found: %s" % qid)
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 100):
            raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 100")
        items = _member(h, "connect_objects").get(iid, {}).get("QueueQuickConnects", {}).get(qid, [])
        return h.page(items, "QuickConnectSummaryList", q.get("nextToken"), mr)

    def integration_associations(q, req, iid):
        h.instance(iid)
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 100):
            raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 100")
        items = [i for i in _member(h, "integrations").get(iid, [])
                 if not q.get("integrationType") or i["IntegrationType"] == q["integrationType"]]
        return h.page(items, "IntegrationAssociationSummaryList", q.get("nextToken"), mr)

    return [
        ("GET", ["instance", None, "integration-associations"], "ListIntegrationAssociations", integration_associations),
        ("POST", ["search-routing-profiles"], "SearchRoutingProfiles", search("RoutingProfiles")),
        ("GET", ["routing-profiles-summary", None], "ListRoutingProfiles", summaries("RoutingProfiles")),
        ("GET", ["routing-profiles", None, None], "DescribeRoutingProfile", describe("RoutingProfiles")),
        ("GET", ["routing-profiles", None, None, "queues"], "ListRoutingProfileQueues", profile_queues),
        ("POST", ["search-hours-of-operations"], "SearchHoursOfOperations", search("HoursOfOperations")),
        ("GET", ["hours-of-operations-summary", None], "ListHoursOfOperations", summaries("HoursOfOperations")),
        ("GET", ["hours-of-operations", None, None], "DescribeHoursOfOperation", describe("HoursOfOperations")),
        ("POST", ["search-quick-connects"], "SearchQuickConnects", search("QuickConnects")),
        ("GET", ["quick-connects", None], "ListQuickConnects", summaries("QuickConnects")),
        ("GET", ["quick-connects", None, None], "DescribeQuickConnect", describe("QuickConnects")),
        ("POST", ["phone-number", "list"], "ListPhoneNumbersV2", list_v2),
        ("GET", ["traffic-distribution-groups"], "ListTrafficDistributionGroups", list_tdgs),
        ("GET", ["phone-numbers-summary", None], "ListPhoneNumbers", list_v1),
        ("GET", ["phone-number", None], "DescribePhoneNumber", describe_number),
        ("GET", ["flow-associations-summary", None], "ListFlowAssociations", flow_associations),
        ("GET", ["queues", None, None, "quick-connects"], "ListQueueQuickConnects", queue_quick_connects),
    ]


def services(Fault):
    """Signing name -> route(handler) for fake_aws.py's SERVICES."""

    def voiceid(h):
        target = h.headers.get("X-Amz-Target", "")
        if h.command != "POST" or h.raw_path != "/":
            raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))
        if h.headers.get("Content-Type") != "application/x-amz-json-1.0":
            raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.0")
        if target != "VoiceID.DescribeDomain":
            raise Fault(400, "UnknownOperationException", "unknown operation %s" % target)

        def describe(q, req):
            d = _member(h, "voiceid_domains").get(h.region, {}).get(req.get("DomainId") or "")
            if d is None:
                raise Fault(404, "ResourceNotFoundException", "Domain not found: %s" % req.get("DomainId"))
            return {"Domain": d}
        return "DescribeDomain", describe, []

    def wisdom(h):
        parts = [urllib.parse.unquote(p) for p in h.raw_path.split("/")[1:]]
        if h.command == "GET" and len(parts) == 2 and parts[0] == "knowledgeBases":
            def get(q, req, kid):
                kb = _member(h, "knowledge_bases").get(h.region, {}).get(kid)
                if kb is None:
                    raise Fault(404, "ResourceNotFoundException", "Knowledge base not found: %s" % kid)
                return {"knowledgeBase": kb}
            return "GetKnowledgeBase", get, [parts[1]]
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))

    def profile(h):
        parts = [urllib.parse.unquote(p) for p in h.raw_path.split("/")[1:]]

        def profile_page(q, items):
            """Customer Profiles' paging: max-results, next-token in the query, NextToken in the answer."""
            n = min(int(q.get("max-results") or h.server.world.page_size), h.server.world.page_size)
            start = 0
            if q.get("next-token"):
                m = re.fullmatch(r"tok-(\d+)", q["next-token"])
                if not m:
                    raise Fault(400, "BadRequestException", "invalid next-token")
                start = int(m.group(1))
            out = {"Items": items[start:start + n]}
            if start + n < len(items):
                out["NextToken"] = "tok-%d" % (start + n)
            return out
        if h.command == "POST" and parts == ["integrations"]:
            def list_account(q, req):
                if not req.get("Uri"):
                    raise Fault(400, "BadRequestException", "Uri is required")
                items = [i for i in _member(h, "profile_integrations").get(h.region, []) if i["Uri"] == req["Uri"]]
                return profile_page(q, items)
            return "ListAccountIntegrations", list_account, []
        if h.command == "GET" and len(parts) == 3 and parts[0] == "domains" and parts[2] == "object-types":
            def list_types(q, req, name):
                if int(q.get("max-results") or 100) > 100:
                    raise Fault(400, "BadRequestException", "max-results must be at most 100")
                types = _member(h, "profile_object_types").get(h.region, {}).get(name)
                if types is None:
                    raise Fault(404, "ResourceNotFoundException", "Domain not found: %s" % name)
                omit = h.server.world.doc.get("profile_list_omits_tags")   # an endpoint whose items carry no Tags
                items = [{k: v for k, v in t.items() if k in PROFILE_TYPE_ITEM and not (omit and k == "Tags")}
                         for t in types]
                return profile_page(q, items)
            return "ListProfileObjectTypes", list_types, [parts[1]]
        if h.command == "GET" and len(parts) == 2 and parts[0] == "tags":
            def list_tags(q, req, arn):
                m = re.fullmatch(r"arn:aws:profile:([^:]+):(\d{12}):domains/([^/]+)/object-types/([^/]+)", arn)
                t = None
                if m and m.group(1) == h.region:
                    t = next((x for x in _member(h, "profile_object_types").get(h.region, {}).get(m.group(3), [])
                              if x["ObjectTypeName"] == m.group(4)), None)
                if t is None:
                    raise Fault(404, "ResourceNotFoundException", "Resource not found: %s" % arn)
                return {"tags": t.get("Tags") or {}}
            return "ListTagsForResource", list_tags, [parts[1]]
        if h.command == "GET" and len(parts) == 2 and parts[0] == "domains":
            def get(q, req, name):
                d = _member(h, "profile_domains").get(h.region, {}).get(name)
                if d is None:
                    raise Fault(404, "ResourceNotFoundException", "Domain not found: %s" % name)
                return d
            return "GetDomain", get, [parts[1]]
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))

    return {"voiceid": voiceid, "wisdom": wisdom, "profile": profile}
