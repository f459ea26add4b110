"""Amazon Connect Outbound Campaigns for fake_aws.py: both API generations,
rest-json, signed "connect-campaigns" (botocore's connectcampaigns/2021-01-30
and connectcampaignsv2/2024-04-23 models):

  POST /campaigns-summary, /v2/campaigns-summary       ListCampaigns (filters.instanceIdFilter,
                                                       maxResults 1..50, nextToken in the body)
  GET  /campaigns/{id}, /v2/campaigns/{id}             DescribeCampaign
  GET  /campaigns/{id}/state, /v2/campaigns/{id}/state GetCampaignState
  GET  /connect-instance/{iid}/config, /v2/...         GetConnectInstanceConfig
                                                       (ResourceNotFoundException: not onboarded)

The ops are logged (and faulted) as ListCampaigns, DescribeCampaign, ... for
v1 and ListCampaignsV2, DescribeCampaignV2, ... for v2.  Data: the world's
members (else world_campaigns.json's):
  "campaigns_v2": {REGION: [Campaign + "state"]}, "campaigns_v1": {REGION: [...]}
  "campaign_instance_configs": {INSTANCE ID: connectInstanceConfig}
  "campaigns_v1_regions": [REGION...]  where v1 is served (elsewhere every v1
      call answers 404 UnknownOperationException, as an endpoint that does not
      know the operation); "campaigns_v2_regions" likewise (default: everywhere)
A campaign is found only by a request signed for its ARN's region.
"""
import json
import os
import urllib.parse

_DEFAULTS = None


def _member(h, key, default):
    global _DEFAULTS
    doc = h.server.world.doc
    if key in doc:
        return doc[key]
    if _DEFAULTS is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "world_campaigns.json"),
                  encoding="utf-8") as f:
            _DEFAULTS = json.load(f)
    return _DEFAULTS.get(key, default)


SUMMARY_KEYS = {"v1": ("id", "arn", "name", "connectInstanceId"),
                "v2": ("id", "arn", "name", "connectInstanceId", "channelSubtypes", "type", "schedule",
                       "entryLimitsConfig", "connectCampaignFlowArn")}


def services(Fault):
    """Signing name -> route(handler) for fake_aws.py's SERVICES."""

    def route(h):
        parts = [urllib.parse.unquote(p) for p in h.raw_path.split("/")[1:]]
        v = "v1"
        if parts and parts[0] == "v2":
            v, parts = "v2", parts[1:]
        suffix = "V2" if v == "v2" else ""
        served = _member(h, "campaigns_%s_regions" % v, None)

        def check_served():
            if served is not None and h.region not in served:
                raise Fault(404, "UnknownOperationException",
                            "The requested operation is not recognized by the service in %s" % h.region)

        def campaigns():
            check_served()
            return [c for c in _member(h, "campaigns_" + v, {}).get(h.region, [])]

        def find(cid):
            for c in campaigns():
                if c["id"] == cid:
                    return c
            raise Fault(404, "ResourceNotFoundException", "Campaign not found: %s" % cid)

        if h.command == "POST" and parts == ["campaigns-summary"]:
            def list_campaigns(q, req):
                mr = req.get("maxResults")
                if mr is not None and not (isinstance(mr, int) and 1 <= mr <= 50):
                    raise Fault(400, "ValidationException", "maxResults must be between 1 and 50")
                f = (req.get("filters") or {}).get("instanceIdFilter")
                items = campaigns()
                if f is not None:
                    if f.get("operator") != "Eq" or not f.get("value"):
                        raise Fault(400, "ValidationException", "instanceIdFilter needs value and operator Eq")
                    items = [c for c in items if c["connectInstanceId"] == f["value"]]
                items = [{k: c[k] for k in SUMMARY_KEYS[v] if k in c} for c in items]
                out = h.page(items, "campaignSummaryList", req.get("nextToken"), mr)
                if "NextToken" in out:
                    out["nextToken"] = out.pop("NextToken")
                return out
            return "ListCampaigns" + suffix, list_campaigns, []
        if h.command == "GET" and len(parts) == 2 and parts[0] == "campaigns":
            def describe(q, req, cid):   # the Campaign shape: the summary's channelSubtypes and the state are not in it
                return {"campaign": {k: val for k, val in find(cid).items() if k not in ("state", "channelSubtypes")}}
            return "DescribeCampaign" + suffix, describe, [parts[1]]
        if h.command == "GET" and len(parts) == 3 and parts[0] == "campaigns" and parts[2] == "state":
            def state(q, req, cid):
                return {"state": find(cid).get("state", "Initialized")}
            return "GetCampaignState" + suffix, state, [parts[1]]
        if h.command == "GET" and len(parts) == 3 and parts[0] == "connect-instance" and parts[2] == "config":
            def config(q, req, iid):
                check_served()
                h.instance(iid)
                cfg = _member(h, "campaign_instance_configs", {}).get(iid)
                if cfg is None:
                    raise Fault(404, "ResourceNotFoundException", "Instance %s is not onboarded" % iid)
                return {"connectInstanceConfig": cfg}
            return "GetConnectInstanceConfig" + suffix, config, [parts[1]]
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))

    return {"connect-campaigns": route}
