"""The credential endpoints of the fake (tests/fake_aws/fake_aws.py), none of
them signed, as AWS serves them:

- STS AssumeRoleWithWebIdentity (POST /, form, no Authorization): the world's
  roles[ARN].web_identity lists the tokens that may assume it;
- EC2 instance metadata, IMDSv2 only: PUT /latest/api/token (with
  X-aws-ec2-metadata-token-ttl-seconds) gives a session token, and
  GET /latest/meta-data/iam/security-credentials/[ROLE] needs it
  (X-aws-ec2-metadata-token): 401 without;
- the container endpoint (ECS, EKS Pod Identity): GET world.container.path,
  Authorization must be world.container.authorization (when set);
- IAM Identity Center's portal: GET /federation/credentials?account_id&role_name
  with x-amz-sso_bearer_token, one of world.sso.tokens.

World members (world_creds.json): "container": {"path", "authorization",
"credentials", "expires_in"}, "imds": {"role", "credentials", "expires_in", "delay" (seconds before the token)},
"sso": {"tokens": [..], "roles": {"ACCOUNT/ROLE": access key}}, and
roles[ARN].web_identity.  "credentials" names an entry of world.credentials;
"expires_in" (seconds, default 3600) sets Expiration.
"""

import datetime
import json
import secrets
import time
import urllib.parse

IMDS_TOKENS = set()


def expiration(seconds):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=int(seconds))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def handle(h, body, Fault):
    """Answers the request if it is one of the credential endpoints: True
    when it did (logged), False to let the signed services have it."""
    world = h.server.world
    doc = world.doc
    path, query = h.raw_path, dict(urllib.parse.parse_qsl(h.raw_query, keep_blank_values=True))
    try:
        if path.startswith("/latest/") and "imds" in doc:
            return imds(h, doc, path, Fault)
        if "container" in doc and path == doc["container"].get("path"):
            return container(h, doc, Fault)
        if path == "/federation/credentials" and "sso" in doc:
            return sso(h, doc, query, Fault)
        if path == "/" and h.command == "POST" and not h.headers.get("Authorization"):
            form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
            if form.get("Action") == "AssumeRoleWithWebIdentity":
                return web_identity(h, doc, form, Fault)
    except Fault as e:
        op = getattr(h, "cred_op", "")
        if op.startswith("sts:"):
            h._error("sts", e.status, e.code, e.message)
        else:
            h._reply(e.status, json.dumps({"Code": e.code, "message": e.message, "Message": e.message}),
                     "application/json", {"x-amzn-ErrorType": e.code})
        h._log(op.split(":")[0], op.split(":")[-1], e.status, e.code, [])
        return True
    return False


def cred(doc, key):
    for c in doc.get("credentials", []):
        if c["access_key"] == key:
            return c
    raise KeyError(key)


def imds(h, doc, path, Fault):
    h.cred_op = "imds:" + ("token" if path == "/latest/api/token" else "credentials")
    if path == "/latest/api/token":
        if doc["imds"].get("delay"):   # an address where nothing answers (a laptop): the client must not wait long
            time.sleep(float(doc["imds"]["delay"]))
        if h.command != "PUT":
            raise Fault(405, "MethodNotAllowed", "the token is PUT")
        if not h.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            raise Fault(400, "MissingParameter", "X-aws-ec2-metadata-token-ttl-seconds is required")
        tok = "fake-imds-session-" + secrets.token_hex(8)
        IMDS_TOKENS.add(tok)
        h._reply(200, tok, "text/plain")
        h._log("imds", "token", 200, "", [])
        return True
    if h.headers.get("X-aws-ec2-metadata-token") not in IMDS_TOKENS:
        raise Fault(401, "Unauthorized", "IMDSv2: a session token is required")
    base = "/latest/meta-data/iam/security-credentials/"
    role = doc["imds"]["role"]
    if path == base:
        h._reply(200, role, "text/plain")
    elif path == base + role:
        c = cred(doc, doc["imds"]["credentials"])
        h._reply(200, json.dumps({"Code": "Success", "LastUpdated": expiration(0), "Type": "AWS-HMAC",
                                  "AccessKeyId": c["access_key"], "SecretAccessKey": c["secret_key"],
                                  "Token": c.get("session_token", ""),
                                  "Expiration": expiration(doc["imds"].get("expires_in", 3600))}), "text/plain")
    else:
        raise Fault(404, "NotFound", "no such metadata")
    h._log("imds", "credentials", 200, "", [])
    return True


def container(h, doc, Fault):
    h.cred_op = "container:credentials"
    want = doc["container"].get("authorization")
    if want and h.headers.get("Authorization") != want:
        raise Fault(401, "AccessDenied", "Authorization header missing or wrong")
    c = cred(doc, doc["container"]["credentials"])
    h._reply(200, json.dumps({"AccessKeyId": c["access_key"], "SecretAccessKey": c["secret_key"],
                              "Token": c.get("session_token", ""), "AccountId": doc.get("account", ""),
                              "Expiration": expiration(doc["container"].get("expires_in", 3600))}),
             "application/json")
    h._log("container", "credentials", 200, "", [])
    return True


def sso(h, doc, query, Fault):
    h.cred_op = "sso:GetRoleCredentials"
    if h.command != "GET":
        raise Fault(404, "UnknownOperationException", "GET /federation/credentials")
    if h.headers.get("x-amz-sso_bearer_token") not in doc["sso"].get("tokens", []):
        raise Fault(401, "UnauthorizedException", "Session token not found or invalid")
    key = "%s/%s" % (query.get("account_id", ""), query.get("role_name", ""))
    if key not in doc["sso"].get("roles", {}):
        raise Fault(403, "ForbiddenException", "No access")
    c = cred(doc, doc["sso"]["roles"][key])
    ms = int((datetime.datetime.now(datetime.timezone.utc).timestamp() + int(doc["sso"].get("expires_in", 3600))) * 1000)
    h._reply(200, json.dumps({"roleCredentials": {"accessKeyId": c["access_key"], "secretAccessKey": c["secret_key"],
                                                  "sessionToken": c.get("session_token", ""), "expiration": ms}}),
             "application/json")
    h._log("sso", "GetRoleCredentials", 200, "", [])
    return True


def web_identity(h, doc, form, Fault):
    h.cred_op = "sts:AssumeRoleWithWebIdentity"
    arn = form.get("RoleArn", "")
    role = doc.get("roles", {}).get(arn)
    if not form.get("RoleSessionName"):
        raise Fault(400, "ValidationError", "RoleSessionName is required")
    if not role or form.get("WebIdentityToken") not in role.get("web_identity", []):
        raise Fault(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
    c = cred(doc, role["credentials"])
    xml = ("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
           "<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>system:serviceaccount:audit:auditor"
           "</SubjectFromWebIdentityToken><Credentials><AccessKeyId>%s</AccessKeyId>"
           "<SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken><Expiration>%s</Expiration>"
           "</Credentials><AssumedRoleUser><Arn>%s/%s</Arn><AssumedRoleId>AROAEXAMPLE:%s</AssumedRoleId>"
           "</AssumedRoleUser></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>"
           "00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>"
           % (c["access_key"], xml_escape(c["secret_key"]), xml_escape(c.get("session_token", "")),
              expiration(role.get("expires_in", 3600)),
              arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/"),
              xml_escape(form["RoleSessionName"]), xml_escape(form["RoleSessionName"])))
    h._reply(200, xml, "text/xml")
    h.form_logged = {k: ("(token)" if k == "WebIdentityToken" else v) for k, v in form.items()}
    h._log("sts", "AssumeRoleWithWebIdentity", 200, "", [], h.form_logged)
    return True
