#!/usr/bin/python3
"""A fake AWS endpoint for connect-auditor's tests (standard library only).

usage: fake_aws.py WORLD.json [--log FILE] [--port N] [--stats FILE]

Serves Amazon Connect (rest-json: instances, security profiles, and
contact flows, flow modules, users and queues by Search* and by List +
Describe, Content as the JSON string AWS sends) and STS (query protocol, XML answers) on
127.0.0.1 from a JSON world file (format: docs/collect.md), and prints the
port it listens on as the first line of stdout.  Like AWS it verifies every
request's SigV4 signature against the world's credentials, and answers 403
when a request is unsigned (MissingAuthenticationTokenException), signed with
an unknown key (UnrecognizedClientException), signed wrongly or too long ago
(InvalidSignatureException; STS: SignatureDoesNotMatch), or lacks the
session token its key needs.  Lists are paginated with NextToken, at most
`page_size` items a page.  Faults are injected per operation from the
world's `faults`: an error answer (status, code, message), a dropped
connection (drop), a slow answer (delay, seconds) or a body that does not
parse (malformed), each `times` times or always, to every call of the
operation or (`match`) to those whose path, query, body or "region=R" holds a string.  With --log every request is appended to FILE as one JSON
line: {"service", "op", "method", "path", "query", "status", "code",
"signed_headers", "access_key", "form" (STS: the form body), "inflight" (requests
being answered when this one arrived, itself included: calls in flight together)}.  The world's
`quotas` (bench/) put a token bucket on each service:Op; its `latency`
(seconds, bench/) delays every answer, as the round trip to AWS would; --stats FILE gets the
calls and throttles per service:Op when the fake is stopped (SIGTERM/SIGINT).
The unsigned credential endpoints (STS AssumeRoleWithWebIdentity, IMDSv2, the
container endpoint, the SSO portal) are svc_creds.py's.  A request in the
absolute form (a client using the fake as its http proxy) is answered as the
path it names, its log line marked "proxied".
"""

import datetime
import hashlib
import hmac
import json
import re
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import svc_creds
import svc_lex
import svc_s3kms
import svc_streams
import svc_objects
import svc_estate
import svc_aux
import svc_campaigns


# The members of a SearchUsers item (UserSearchSummary in botocore's model):
# no LastModifiedTime / LastModifiedRegion, unlike DescribeUser's User.
USER_SEARCH_KEYS = ("Arn", "DirectoryUserId", "HierarchyGroupId", "Id", "IdentityInfo", "PhoneConfig",
                    "RoutingProfileId", "SecurityProfileIds", "Tags", "Username", "AutoAcceptConfigs",
                    "AfterContactWorkConfigs", "PhoneNumberConfigs", "PersistentConnectionConfigs",
                    "VoiceEnhancementConfigs")


def wire(obj):
    """An object as AWS sends it: a flow's or module's Content is a JSON
    string (the world may hold it as an object for readability, or as the
    exact string, which is how a malformed Content is planted)."""
    out = dict(obj)
    if isinstance(out.get("Content"), (dict, list)):
        out["Content"] = json.dumps(out["Content"])
    return out


def object_id(obj):
    return obj.get("Id") or obj.get("QueueId")


class Fault(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


# More services (tests/fake_aws/svc_*.py): signing name -> route(handler) -> (op, fn(q, req, *args), args);
# handler.region is the region the request was signed for.
SERVICES = dict(svc_streams.services(Fault))
SERVICES.update(svc_s3kms.services(Fault))   # route.error: a service's own error format
SERVICES.update(svc_lex.services(Fault))
SERVICES.update(svc_objects.services(Fault))   # Voice ID, Wisdom, Customer Profiles
SERVICES.update(svc_estate.services(Fault))   # Organizations, Account (estates)
SERVICES.update(svc_aux.services(Fault))   # DynamoDB, CloudTrail, EventBridge; metric filters, alarms for a metric
SERVICES.update(svc_campaigns.services(Fault))   # Outbound Campaigns v1 and v2


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def aws_quote(s):
    return urllib.parse.quote(s, safe="-_.~")


def canonical_query(raw):
    pairs = []
    for part in raw.split("&") if raw else []:
        k, _, v = part.partition("=")
        pairs.append((aws_quote(urllib.parse.unquote(k)), aws_quote(urllib.parse.unquote(v))))
    pairs.sort()
    return "&".join("%s=%s" % p for p in pairs)


AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=([^/,]+)/(\d{8})/([^/,]+)/([^/,]+)/aws4_request,\s*"
    r"SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$")


class World:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.lock = threading.Lock()
        self.fault_counts = {}
        self.creds = {c["access_key"]: c for c in self.doc.get("credentials", [])}
        self.page_size = int(self.doc.get("page_size", 2))
        self.account = self.doc.get("account", "111122223333")
        # Quotas (bench/): "quotas": {"service:Op" | "service" | "*": {"rate", "burst"[, "status", "code"]}},
        # a token bucket per service:Op; a call beyond it is answered 429 TooManyRequestsException.
        self.quotas, self.buckets, self.calls = self.doc.get("quotas") or {}, {}, {}

    def admit(self, service, op, scope=None):
        """Counts the call; False when service:Op's quota (if the world sets one) has no token left.
        In an estate (scope: account, region) each account-region has its own buckets, as AWS's quotas."""
        key = "%s:%s" % (service, op)
        bkey = (key,) + tuple(scope or ())
        q = self.quotas.get(key) or self.quotas.get(service) or self.quotas.get("*")
        with self.lock:
            n = self.calls.setdefault(key, [0, 0])
            n[0] += 1
            if not q:
                return None
            now = time.monotonic()
            tokens, last = self.buckets.get(bkey, (float(q.get("burst", 5)), now))
            tokens = min(float(q.get("burst", 5)), tokens + (now - last) * float(q["rate"]))
            ok = tokens >= 1.0
            self.buckets[bkey] = (tokens - 1.0 if ok else tokens, now)
            if not ok:
                n[1] += 1
            return None if ok else q

    def fault(self, op, text=""):
        """The fault to inject for this call of op, if any (counted per op).
        A fault with "match" is for the calls whose path, query or body (or
        "region=" + the region they are signed for) holds that string only: calls in flight together arrive in no fixed
        order, so "the first call" names no particular one."""
        with self.lock:
            for i, f in enumerate(self.doc.get("faults", {}).get(op, [])):
                if "match" in f and f["match"] not in text:
                    continue
                key = (op, i)
                used = self.fault_counts.get(key, 0)
                if "times" in f and used >= f["times"]:
                    continue
                self.fault_counts[key] = used + 1
                return f
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-aws/1"
    disable_nagle_algorithm = True   # headers and body go out as two writes

    def log_message(self, *args):  # quiet: the request log is --log
        pass

    # ---- plumbing ----
    def _reply(self, status, body, ctype, extra=None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self._answered()

    def _log(self, service, op, status, code, signed, form=None):
        path = self.server.log_path
        if not path:
            return
        entry = {"service": service, "op": op, "method": self.command, "path": self.raw_path,
                 "inflight": getattr(self, "inflight", 0), "target": self.headers.get("X-Amz-Target", ""),
                 "content_type": self.headers.get("Content-Type", ""),
                 "query": dict(urllib.parse.parse_qsl(self.raw_query, keep_blank_values=True)),
                 "status": status, "code": code, "signed_headers": signed,
                 "access_key": getattr(self, "caller", ""), "form": form or {}}
        if getattr(self, "proxied", False):
            entry["proxied"] = self.headers.get("Host", "")
        with self.server.world.lock, open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")

    def _error(self, service, status, code, message):
        if hasattr(SERVICES.get(service), "error"):
            return SERVICES[service].error(self, status, code, message)
        if service == "sts":
            body = ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                    "<Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                    "<RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
                    % (code, xml_escape(message)))
            self._reply(status, body, "text/xml")
        else:
            err = {"Message": message}
            if self.headers.get("Content-Type", "").startswith("application/x-amz-json-"):
                # json 1.0/1.1 (CloudTrail, EventBridge, ...): AWS names the
                # code in the body too, where botocore's JSON parser reads it
                err = {"__type": code, "Message": message}
            self._reply(status, json.dumps(err), "application/json",
                        {"x-amzn-ErrorType": code + ":http://internal.amazon.com/coral/com.amazonaws.connect/"})

    # ---- SigV4 ----
    def _verify(self, body):
        """Returns (service, signed_headers) or raises Fault as AWS would."""
        auth = self.headers.get("Authorization")
        if not auth:
            raise Fault(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
        m = AUTH_RE.match(auth.strip())
        if not m:
            raise Fault(403, "IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature")
        akid, date, region, service, signed, signature = m.groups()
        signed_list = signed.split(";")
        cred = self.server.world.creds.get(akid)
        if not cred:
            raise Fault(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
        if akid in self.server.world.doc.get("expired_keys", []):   # a session AWS holds expired
            raise Fault(403, "ExpiredToken" if service == "sts" else "ExpiredTokenException",
                        "The security token included in the request is expired")
        if "host" not in signed_list:
            raise Fault(403, "InvalidSignatureException", "'Host' must be a signed header.")
        amz_date = self.headers.get("X-Amz-Date", "")
        try:
            when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise Fault(403, "IncompleteSignatureException", "X-Amz-Date is missing or malformed")
        skew = abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds())
        if skew > 15 * 60 or amz_date[:8] != date:
            raise Fault(403, "InvalidSignatureException", "Signature expired: %s is out of range" % amz_date)
        token = cred.get("session_token")
        if token and (self.headers.get("X-Amz-Security-Token") != token or "x-amz-security-token" not in signed_list):
            raise Fault(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
        headers = []
        for name in signed_list:
            values = self.headers.get_all(name)
            if values is None:   # signed but not sent: AWS cannot match that signature
                raise Fault(403, "InvalidSignatureException", "signed header %s is not in the request" % name)
            value = ",".join(" ".join(v.strip().split()) for v in values)
            headers.append("%s:%s\n" % (name, value))
        payload = self.headers.get("X-Amz-Content-Sha256") or sha256_hex(body)
        canonical = "\n".join([
            self.command,
            urllib.parse.quote(self.raw_path, safe="/~"),   # non-S3: the sent path encoded again
            canonical_query(self.raw_query),
            "".join(headers),
            signed,
            payload])
        scope = "%s/%s/%s/aws4_request" % (date, region, service)
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, sha256_hex(canonical.encode("utf-8"))])
        key = ("AWS4" + cred["secret_key"]).encode("utf-8")
        for part in (date, region, service, "aws4_request"):
            key = hmac_sha256(key, part)
        want = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(want, signature):
            code = "SignatureDoesNotMatch" if service == "sts" else "InvalidSignatureException"
            raise Fault(403, code, "The request signature we calculated does not match the signature you provided.")
        self.caller, self.region = akid, region
        self.acct = cred.get("account", self.server.world.account)   # whose keys (estates)
        if service not in ("connect", "sts") and service not in SERVICES:
            raise Fault(400, "UnknownOperationException", "this fake serves connect and sts, not %s" % service)
        return service, signed_list

    # ---- dispatch ----
    def _handle(self):
        target = self.path
        # The absolute form: sent to the fake as a proxy (another host), or
        # straight to it (a client may always send that form).
        self.proxied = target.startswith("http://") and not target.startswith("http://127.0.0.1")
        if target.startswith("http://"):
            target = "/" + target[len("http://"):].partition("/")[2]
        self.raw_path, _, self.raw_query = target.partition("?")
        self.caller = ""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.body = body   # for routes that read a form (the query protocol: CloudWatch)
        service, op, signed, form = "", "", [], {}
        if svc_creds.handle(self, body, Fault):   # the unsigned credential endpoints
            return
        try:
            service, signed = self._verify(body)
            if service == "sts":
                form = dict(urllib.parse.parse_qsl(body.decode("utf-8")))
                op = form.get("Action", "")
            elif service in SERVICES:
                op, handler, args = SERVICES[service](self)
            else:
                op, handler, args = self._route()
            q = self.server.world.admit(service, op, (self.acct, self.region) if "estate" in self.server.world.doc else None)
            if q:
                raise Fault(int(q.get("status", 429)), q.get("code", "TooManyRequestsException"), "Rate exceeded")
            if self.server.world.doc.get("latency"):   # after the quota: it counts arrivals
                time.sleep(float(self.server.world.doc["latency"]))
            f = self.server.world.fault(op, "%s\n%s\nregion=%s\naccount=%s" % (
                self.path, body.decode("utf-8", "replace"), getattr(self, "region", ""), getattr(self, "acct", "")))
            if f and f.get("drop"):   # the connection closes without an answer
                self._log(service, op, 0, "dropped", signed)
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if f and f.get("delay"):   # a slow answer, then the normal one
                time.sleep(float(f["delay"]))
                f = None
            if f and f.get("malformed"):   # 200 with a body that is not JSON (or XML)
                self._log(service, op, 200, "malformed", signed)
                self._reply(200, "{\"truncated\": [1, 2", "application/json")
                return
            if f:
                raise Fault(int(f.get("status", 500)), f.get("code", "InternalServiceException"),
                            f.get("message", "injected fault"))
            self.page_bound(op, body)
            if service == "sts" and op == "AssumeRole":
                self._reply(200, self.assume_role(form, self.caller), "text/xml")
            elif service == "sts":
                if op != "GetCallerIdentity":
                    raise Fault(400, "InvalidAction", "Could not find operation %s for version 2011-06-15" % op)
                xml = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                       "<GetCallerIdentityResult><Arn>arn:aws:iam::%s:user/auditor</Arn>"
                       "<UserId>AIDAEXAMPLE</UserId><Account>%s</Account></GetCallerIdentityResult>"
                       "<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId>"
                       "</ResponseMetadata></GetCallerIdentityResponse>") % (self.acct, self.acct)
                self._reply(200, xml, "text/xml")
            else:
                q = dict(urllib.parse.parse_qsl(self.raw_query, keep_blank_values=True))
                req = json.loads(body) if body and not body.startswith(b"Action=") else {}
                res = handler(q, req, *args)   # an answer with .ctype (S3's XML) is sent as it is
                self._reply(200, res if hasattr(res, "ctype") else json.dumps(res), getattr(res, "ctype", "application/json"))
            self._log(service, op, 200, "", signed, form if service == "sts" else None)
        except Fault as e:
            self._error(service or ("sts" if self.raw_path == "/" else "connect"), e.status, e.code, e.message)
            self._log(service, op, e.status, e.code, signed, form)

    def _counted(self):
        world = self.server.world
        with world.lock:
            world.inflight = getattr(world, "inflight", 0) + 1
            self.inflight = world.inflight
        self.counted = True
        try:
            self._handle()
        finally:
            self._answered()

    def _answered(self):
        """No longer in flight: from the moment the answer is sent (the client
        may send its next call before this one's log line is written), or the
        handler ended without one."""
        if getattr(self, "counted", False):
            self.counted = False
            with self.server.world.lock:
                self.server.world.inflight -= 1

    do_GET = do_POST = do_PUT = _counted

    def _route(self):
        parts = [urllib.parse.unquote(p) for p in self.raw_path.split("/")[1:]]
        m = self.command
        routes = [
            ("GET", ["instance"], "ListInstances", self.list_instances),
            ("GET", ["instance", None], "DescribeInstance", self.describe_instance),
            ("GET", ["instance", None, "attributes"], "ListInstanceAttributes", self.list_member("Attributes", "Attributes")),
            ("GET", ["instance", None, "storage-configs"], "ListInstanceStorageConfigs", self.storage_configs),
            ("GET", ["instance", None, "lambda-functions"], "ListLambdaFunctions", self.list_member("LambdaFunctions", "LambdaFunctions")),
            ("GET", ["instance", None, "bots"], "ListBots", self.list_bots),
            ("GET", ["instance", None, "approved-origins"], "ListApprovedOrigins", self.list_member("Origins", "Origins")),
            ("GET", ["instance", None, "security-keys"], "ListSecurityKeys", self.list_member("SecurityKeys", "SecurityKeys")),
            ("GET", ["analytics-data", "instance", None, "association"], "ListAnalyticsDataAssociations",
             self.list_member("AnalyticsDataAssociations", "Results")),
            ("POST", ["search-security-profiles"], "SearchSecurityProfiles", self.search_profiles),
            ("GET", ["security-profiles-summary", None], "ListSecurityProfiles", self.list_profiles),
            ("GET", ["security-profiles", None, None], "DescribeSecurityProfile", self.describe_profile),
            ("GET", ["security-profiles-permissions", None, None], "ListSecurityProfilePermissions", self.profile_permissions),
            ("POST", ["search-contact-flows"], "SearchContactFlows", self.search("ContactFlows", "ContactFlows", 100)),
            ("GET", ["contact-flows-summary", None], "ListContactFlows", self.list_flows),
            ("GET", ["contact-flows", None, None], "DescribeContactFlow", self.describe("ContactFlows", "ContactFlow")),
            ("POST", ["search-contact-flow-modules"], "SearchContactFlowModules",
             self.search("ContactFlowModules", "ContactFlowModules", 100)),
            ("GET", ["contact-flow-modules-summary", None], "ListContactFlowModules", self.list_modules),
            ("GET", ["contact-flow-modules", None, None], "DescribeContactFlowModule",
             self.describe("ContactFlowModules", "ContactFlowModule")),
            ("POST", ["search-users"], "SearchUsers", self.search("Users", "Users", 500, USER_SEARCH_KEYS)),
            ("GET", ["users-summary", None], "ListUsers", self.list_users),
            ("GET", ["users", None, None], "DescribeUser", self.describe("Users", "User")),
            ("POST", ["search-queues"], "SearchQueues", self.search("Queues", "Queues", 500)),
            ("GET", ["queues-summary", None], "ListQueues", self.list_queues),
            ("GET", ["queues", None, None], "DescribeQueue", self.describe("Queues", "Queue")),
        ] + svc_objects.routes(self, Fault)
        for method, pattern, op, fn in routes:
            if method == m and len(pattern) == len(parts) and all(p is None or p == q for p, q in zip(pattern, parts)):
                return op, fn, [q for p, q in zip(pattern, parts) if p is None]
        raise Fault(404, "UnknownOperationException", "no operation at %s %s" % (m, self.raw_path))

    def page_bound(self, op, body):
        """The world's "max_results": {"Op": N} -- an older API generation whose
        Op allows at most N a page: a larger MaxResults (body) or maxResults
        (query) is answered ValidationException in AWS's words."""
        bound = self.server.world.doc.get("max_results", {}).get(op)
        if bound is None:
            return
        q = dict(urllib.parse.parse_qsl(self.raw_query, keep_blank_values=True))
        asked, where = q.get("maxResults"), "maxResults"
        if asked is None and body and not body.startswith(b"Action="):
            try:
                asked = json.loads(body).get("MaxResults")
            except (ValueError, AttributeError):
                asked = None
        if asked is not None and int(asked) > int(bound):
            raise Fault(400, "ValidationException",
                        "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                        "Member must have value less than or equal to %d" % (asked, where, int(bound)))

    # ---- STS AssumeRole ----
    def assume_role(self, form, caller):
        world = self.server.world
        role = world.doc.get("roles", {}).get(form.get("RoleArn", ""))
        if not form.get("RoleSessionName"):
            raise Fault(400, "ValidationError", "RoleSessionName is required")
        if not role or caller not in role.get("trusted", []):
            raise Fault(403, "AccessDenied", "User: arn:aws:iam::%s:user/auditor is not authorized to perform: "
                        "sts:AssumeRole on resource: %s" % (self.acct, form.get("RoleArn", "")))
        if role.get("external_id") and form.get("ExternalId") != role["external_id"]:
            raise Fault(403, "AccessDenied", "external ID mismatch")
        if role.get("mfa") and not (form.get("SerialNumber") == role["mfa"] and form.get("TokenCode")):
            raise Fault(403, "AccessDenied", "MultiFactorAuthentication failed")
        if "DurationSeconds" in form and not 900 <= int(form["DurationSeconds"]) <= int(role.get("max_duration", 3600)):
            raise Fault(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        cred = world.creds[role["credentials"]]
        expires = (datetime.datetime.now(datetime.timezone.utc) +
                   datetime.timedelta(seconds=int(form.get("DurationSeconds", 3600)))).strftime("%Y-%m-%dT%H:%M:%SZ")
        return ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                "<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey>"
                "<SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>"
                "<AssumedRoleUser><Arn>%s/%s</Arn><AssumedRoleId>AROAEXAMPLE:%s</AssumedRoleId></AssumedRoleUser>"
                "</AssumeRoleResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId>"
                "</ResponseMetadata></AssumeRoleResponse>"
                % (cred["access_key"], xml_escape(cred["secret_key"]), xml_escape(cred.get("session_token", "")), expires,
                   form["RoleArn"].replace(":iam::", ":sts::").replace(":role/", ":assumed-role/"),
                   xml_escape(form["RoleSessionName"]), xml_escape(form["RoleSessionName"])))

    # ---- Amazon Connect ----
    def instances(self):
        est = svc_estate.instances(self)   # an estate: the caller's account, the signed region
        return self.server.world.doc.get("instances", []) if est is None else est

    def instance(self, iid):
        for inst in self.instances():
            if inst["Instance"]["Id"] == iid:
                return inst
        raise Fault(404, "ResourceNotFoundException", "Instance not found: %s" % iid)

    def page(self, items, key, token, max_results, extra=None):
        world = self.server.world
        size = world.page_size
        if max_results:
            size = min(size, int(max_results))
        start = 0
        if token:
            m = re.fullmatch(r"tok-(\d+)(\.x*)?", token)
            if not m or int(m.group(1)) > len(items) or len(m.group(2) or "") != world.doc.get("token_pad", 0):
                raise Fault(400, "InvalidParameterException", "invalid NextToken")
            start = int(m.group(1))
        out = dict(extra or {})
        out[key] = items[start:start + size]
        if start + size < len(items):   # "token_pad": N makes tokens N bytes longer (AWS's are opaque, of any length)
            pad = world.doc.get("token_pad", 0)
            out["NextToken"] = "tok-%d" % (start + size) + ("." + "x" * (pad - 1) if pad else "")
        return out

    def list_instances(self, q, req):
        keys = ("Id", "Arn", "IdentityManagementType", "InstanceAlias", "CreatedTime", "ServiceRole",
                "InstanceStatus", "InboundCallsEnabled", "OutboundCallsEnabled", "InstanceAccessUrl")
        items = [{k: i["Instance"][k] for k in keys if k in i["Instance"]} for i in self.instances()]
        return self.page(items, "InstanceSummaryList", q.get("nextToken"), q.get("maxResults"))

    def describe_instance(self, q, req, iid):
        return {"Instance": self.instance(iid)["Instance"]}

    def list_member(self, member, key):
        def fn(q, req, iid):
            return self.page(self.instance(iid).get(member, []), key, q.get("nextToken"), q.get("maxResults"))
        return fn

    def storage_configs(self, q, req, iid):
        rtype = q.get("resourceType")
        if not rtype:
            raise Fault(400, "InvalidParameterException", "resourceType is required")
        known = self.server.world.doc.get("storage_types")   # an older API: the types it knows
        if known is not None and rtype not in known:
            raise Fault(400, "ValidationException",
                        "1 validation error detected: Value '%s' at 'resourceType' failed to satisfy constraint: "
                        "Member must satisfy enum value set: [%s]" % (rtype, ", ".join(known)))
        items = self.instance(iid).get("StorageConfigs", {}).get(rtype, [])
        return self.page(items, "StorageConfigs", q.get("nextToken"), q.get("maxResults"))

    def list_bots(self, q, req, iid):
        version = q.get("lexVersion")
        if version not in ("V1", "V2"):
            raise Fault(400, "InvalidParameterException", "lexVersion must be V1 or V2")
        items = self.instance(iid).get("LexBots", {}).get(version, [])
        return self.page(items, "LexBots", q.get("nextToken"), q.get("maxResults"))

    def profiles(self, iid):
        return self.instance(iid).get("SecurityProfiles", [])

    def search_profiles(self, q, req):
        iid = req.get("InstanceId")
        if not iid:
            raise Fault(400, "InvalidParameterException", "InstanceId is required")
        keys = ("Id", "OrganizationResourceId", "Arn", "SecurityProfileName", "Description", "Tags")
        items = [{k: p["SecurityProfile"][k] for k in keys if k in p["SecurityProfile"]} for p in self.profiles(iid)]
        return self.page(items, "SecurityProfiles", req.get("NextToken"), req.get("MaxResults"),
                         {"ApproximateTotalCount": len(items)})

    def list_profiles(self, q, req, iid):
        items = [{"Id": p["SecurityProfile"]["Id"], "Arn": p["SecurityProfile"]["Arn"],
                  "Name": p["SecurityProfile"].get("SecurityProfileName")} for p in self.profiles(iid)]
        return self.page(items, "SecurityProfileSummaryList", q.get("nextToken"), q.get("maxResults"))

    def profile(self, iid, pid):
        for p in self.profiles(iid):
            if p["SecurityProfile"]["Id"] == pid:
                return p
        raise Fault(404, "ResourceNotFoundException", "Security profile not found: %s" % pid)

    def describe_profile(self, q, req, iid, pid):
        return {"SecurityProfile": self.profile(iid, pid)["SecurityProfile"]}

    def profile_permissions(self, q, req, iid, pid):
        return self.page(self.profile(iid, pid).get("Permissions", []), "Permissions",
                         q.get("nextToken"), q.get("maxResults"))

    # ---- flows, modules, users, queues: Search (POST, JSON body) and List + Describe ----
    def search(self, member, key, max_results, keys=None):
        def fn(q, req):
            iid = req.get("InstanceId")
            if not iid:
                raise Fault(400, "InvalidParameterException", "InstanceId is required")
            mr = req.get("MaxResults")
            if mr is not None and not (isinstance(mr, int) and 1 <= mr <= max_results):
                raise Fault(400, "InvalidParameterException", "MaxResults must be between 1 and %d" % max_results)
            items = [wire({k: o[k] for k in (keys or o) if k in o}) for o in self.instance(iid).get(member, [])]
            if member == "Users":   # UserSearchSummary.IdentityInfo is UserIdentityInfoLite
                for u in items:
                    if isinstance(u.get("IdentityInfo"), dict):
                        u["IdentityInfo"] = {k: v for k, v in u["IdentityInfo"].items() if k in ("FirstName", "LastName")}
            return self.page(items, key, req.get("NextToken"), mr, {"ApproximateTotalCount": len(items)})
        return fn

    def summaries(self, q, iid, member, key, fn):
        mr = q.get("maxResults")
        if mr is not None and not (mr.isdigit() and 1 <= int(mr) <= 1000):
            raise Fault(400, "InvalidParameterException", "maxResults must be between 1 and 1000")
        return self.page([fn(o) for o in self.instance(iid).get(member, [])], key, q.get("nextToken"), mr)

    def list_flows(self, q, req, iid):
        return self.summaries(q, iid, "ContactFlows", "ContactFlowSummaryList", lambda f: {
            "Id": f["Id"], "Arn": f["Arn"], "Name": f.get("Name"), "ContactFlowType": f.get("Type"),
            "ContactFlowState": f.get("State"), "ContactFlowStatus": f.get("Status")})

    def list_modules(self, q, req, iid):
        return self.summaries(q, iid, "ContactFlowModules", "ContactFlowModulesSummaryList", lambda m: {
            "Id": m["Id"], "Arn": m["Arn"], "Name": m.get("Name"), "State": m.get("State")})

    def list_users(self, q, req, iid):
        return self.summaries(q, iid, "Users", "UserSummaryList", lambda u: {
            k: u[k] for k in ("Id", "Arn", "Username", "LastModifiedTime", "LastModifiedRegion") if k in u})

    def list_queues(self, q, req, iid):
        qtypes = q.get("queueTypes")
        if qtypes not in (None, "STANDARD", "AGENT"):
            raise Fault(400, "InvalidParameterException", "queueTypes must be STANDARD or AGENT")
        items = [] if qtypes == "AGENT" else self.instance(iid).get("Queues", [])
        return self.summaries(q, iid, "Queues", "QueueSummaryList", lambda o: {
            "Id": o["QueueId"], "Arn": o["QueueArn"], "Name": o.get("Name"), "QueueType": "STANDARD",
            **{k: o[k] for k in ("LastModifiedTime", "LastModifiedRegion") if k in o}}) if items else \
            self.page([], "QueueSummaryList", q.get("nextToken"), q.get("maxResults"))

    def describe(self, member, key):
        def fn(q, req, iid, oid):
            for o in self.instance(iid).get(member, []):
                if object_id(o) == oid:
                    return {key: wire(o)}
            raise Fault(404, "ResourceNotFoundException", "%s not found: %s" % (key, oid))
        return fn


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv):
    args = argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    world_path, log_path, port, stats_path = args[0], None, 0, None
    i = 1
    while i < len(args):
        if args[i] == "--log" and i + 1 < len(args):
            log_path = args[i + 1]
            i += 2
        elif args[i] == "--stats" and i + 1 < len(args):
            stats_path = args[i + 1]
            i += 2
        elif args[i] == "--port" and i + 1 < len(args):
            port = int(args[i + 1])
            i += 2
        else:
            sys.exit("fake_aws.py: unknown argument %s" % args[i])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.world = World(world_path)
    server.log_path = log_path
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    if stats_path:   # {"service:Op": {"calls": N, "throttled": N}}
        with server.world.lock, open(stats_path, "w", encoding="utf-8") as f:
            json.dump({k: {"calls": v[0], "throttled": v[1]} for k, v in sorted(server.world.calls.items())}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv)
