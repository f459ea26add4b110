"""Estates for fake_aws.py: AWS Organizations ListAccounts (json 1.1) and
Account ListRegions (rest-json), from the world's "estate":

  "estate": {
    "management": "111122223333",        # who may call ListAccounts (or "delegated": [...])
    "accounts": {"ACCOUNT": {"Status": "ACTIVE", "Name": "...",
                             "regions": {"REGION": {"instances": [...]}},   # Connect, per region
                             "opt_in": {"af-south-1": "DISABLED"}}}}

A credential's "account" says whose keys they are (default: the world's
"account"); Amazon Connect then answers from that account's region (the
region the request is signed for).  ListRegions lists the commercial
partition's regions, each ENABLED_BY_DEFAULT unless it is opt-in
(then "opt_in" says, DISABLED by default).  Pages of page_size items."""

# The aws partition's regions that are opt-in (AWS's list), and the others.
OPT_IN = ["af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1", "eu-central-2",
          "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1"]
DEFAULT = ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
           "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
           "us-east-1", "us-east-2", "us-west-1", "us-west-2"]


def _estate(h):
    return h.server.world.doc.get("estate") or {}


def _page(h, items, key, token, Fault):
    size = h.server.world.page_size
    start = 0
    if token:
        if not token.startswith("p-") or not token[2:].isdigit():
            raise Fault(400, "InvalidInputException", "invalid NextToken")
        start = int(token[2:])
    out = {key: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = "p-%d" % (start + size)
    return out


def services(Fault):
    def organizations(h):
        if h.command != "POST" or h.raw_path != "/" or \
                h.headers.get("X-Amz-Target") != "AWSOrganizationsV20161128.ListAccounts":
            raise Fault(400, "UnknownOperationException", "unknown operation %s" % h.headers.get("X-Amz-Target"))
        if h.region != "us-east-1":
            raise Fault(400, "InvalidSignatureException", "Organizations is signed for us-east-1")

        def list_accounts(q, req):
            est = _estate(h)
            if h.acct != est.get("management") and h.acct not in est.get("delegated", []):
                raise Fault(400, "AccessDeniedException", "You don't have permissions to access this resource.")
            items = [{"Id": a, "Arn": "arn:aws:organizations::%s:account/o-example/%s" % (est.get("management"), a),
                      "Email": "%s@example.com" % a, "Name": v.get("Name", a), "Status": v.get("Status", "ACTIVE"),
                      "JoinedMethod": "CREATED", "JoinedTimestamp": 1600000000.0}
                     for a, v in sorted(est.get("accounts", {}).items())]
            return _page(h, items, "Accounts", req.get("NextToken"), Fault)
        return "ListAccounts", list_accounts, []

    def account(h):
        if h.command != "POST" or h.raw_path != "/listRegions":
            raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (h.command, h.raw_path))

        def list_regions(q, req):
            mr = req.get("MaxResults")
            if mr is not None and not (isinstance(mr, int) and 1 <= mr <= 50):
                raise Fault(400, "ValidationException", "MaxResults must be between 1 and 50")
            opt = _estate(h).get("accounts", {}).get(h.acct, {}).get("opt_in", {})
            items = sorted([{"RegionName": r, "RegionOptStatus": "ENABLED_BY_DEFAULT"} for r in DEFAULT] +
                           [{"RegionName": r, "RegionOptStatus": opt.get(r, "DISABLED")} for r in OPT_IN],
                           key=lambda x: x["RegionName"])
            return _page(h, items, "Regions", req.get("NextToken"), Fault)
        return "ListRegions", list_regions, []

    return {"organizations": organizations, "account": account}


def instances(h):
    """The instances the caller's account has in the signed region, or None (not an estate world)."""
    est = h.server.world.doc.get("estate")
    if not est:
        return None
    return est.get("accounts", {}).get(h.acct, {}).get("regions", {}).get(h.region, {}).get("instances", [])
