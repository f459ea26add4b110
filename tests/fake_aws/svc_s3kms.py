"""S3 (bucket settings) and KMS (keys) for fake_aws.py, in their real wire formats.

S3 is rest-xml: path-style GET /BUCKET?<subresource>= ; every request must
carry a signed `x-amz-content-sha256` (the SHA-256 of the empty body for a
GET), as S3 requires; answers are XML documents with the element names of
botocore's s3 model (flattened `Rule`, `AccessControlList`/`Grant`,
`MfaDelete`, `xsi:type` on a Grantee); errors are `<Error><Code>…` XML.  A
bucket answers only requests signed for its own region (others get
400 AuthorizationHeaderMalformed), except GetBucketLocation.

KMS is json 1.1 (TrentService): DescribeKey, GetKeyRotationStatus,
GetKeyPolicy, ListAliases (paginated with Marker / NextMarker / Truncated, at
most the world's page_size a page).  A key lives in the region of its ARN.

World members (a world without them gets world_s3kms.json's, beside this file):

  "s3_buckets": { NAME: { "LocationConstraint": null | "eu-west-2",
                          "Policy": {...} (served as the JSON string),
                          "PolicyStatus", "ServerSideEncryptionConfiguration",
                          "PublicAccessBlockConfiguration", "Versioning",
                          "ObjectLockConfiguration", "LoggingEnabled",
                          "OwnershipControls", "Acl": {Owner, Grants} } }
     (a member absent = not configured: AWS's "not configured" error, or
      an empty document for Versioning and logging)
  "kms_keys":    [ { "KeyMetadata": {...}, "KeyRotationEnabled": bool | null
                     (null: UnsupportedOperationException), "Policy": {...} } ]
  "kms_aliases": [ { "AliasName", "AliasArn", "TargetKeyId" } ]
"""

import hashlib
import json
import os
import urllib.parse

Fault = Exception   # fake_aws.py's Fault(status, code, message), given by services()

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/"
_DEFAULTS = None


def _items(h, key, empty):
    global _DEFAULTS
    doc = h.server.world.doc
    if key in doc:
        return doc[key]
    if _DEFAULTS is None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "world_s3kms.json"), encoding="utf-8") as f:
            _DEFAULTS = json.load(f)
    return _DEFAULTS.get(key, empty)


def _region(arn):
    parts = (arn or "").split(":")
    return parts[3] if len(parts) > 3 else ""


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ---- S3 ----
def to_xml(name, v):
    """botocore member name + JSON value -> XML elements."""
    name = "MfaDelete" if name == "MFADelete" else name   # the model's locationName
    if isinstance(v, bool):
        return "<%s>%s</%s>" % (name, "true" if v else "false", name)
    if isinstance(v, (int, float, str)):
        return "<%s>%s</%s>" % (name, esc(v), name)
    if isinstance(v, list):
        if name == "Rules":                          # flattened: <Rule> repeated
            return "".join(to_xml("Rule", x) for x in v)
        if name == "Grants":
            return "<AccessControlList>%s</AccessControlList>" % "".join(to_xml("Grant", x) for x in v)
        if name == "TargetGrants":
            return "<TargetGrants>%s</TargetGrants>" % "".join(to_xml("Grant", x) for x in v)
        return "".join(to_xml(name, x) for x in v)
    attrs = ""
    if name == "Grantee":
        attrs = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="%s"' % esc(v.get("Type", ""))
    inner = "".join(to_xml(k, x) for k, x in v.items()
                    if not (name == "Grantee" and k == "Type"))
    return "<%s%s>%s</%s>" % (name, attrs, inner, name)


def doc(root, inner):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="%s">%s</%s>' % (root, XMLNS, inner, root)


def _bucket_region(b):
    lc = b.get("LocationConstraint")
    return "us-east-1" if not lc else "eu-west-1" if lc == "EU" else lc


# subresource -> (operation, member, root element, not-configured (status, code) or None)
S3_OPS = {
    "location": ("GetBucketLocation", "LocationConstraint", None, None),
    "policy": ("GetBucketPolicy", "Policy", None, (404, "NoSuchBucketPolicy")),
    "policyStatus": ("GetBucketPolicyStatus", "PolicyStatus", "PolicyStatus", (404, "NoSuchBucketPolicy")),
    "encryption": ("GetBucketEncryption", "ServerSideEncryptionConfiguration", "ServerSideEncryptionConfiguration",
                   (404, "ServerSideEncryptionConfigurationNotFoundError")),
    "publicAccessBlock": ("GetPublicAccessBlock", "PublicAccessBlockConfiguration", "PublicAccessBlockConfiguration",
                          (404, "NoSuchPublicAccessBlockConfiguration")),
    "versioning": ("GetBucketVersioning", "Versioning", "VersioningConfiguration", None),
    "object-lock": ("GetObjectLockConfiguration", "ObjectLockConfiguration", "ObjectLockConfiguration",
                    (404, "ObjectLockConfigurationNotFoundError")),
    "logging": ("GetBucketLogging", "LoggingEnabled", "BucketLoggingStatus", None),
    "ownershipControls": ("GetBucketOwnershipControls", "OwnershipControls", "OwnershipControls",
                          (404, "OwnershipControlsNotFoundError")),
    "acl": ("GetBucketAcl", "Acl", "AccessControlPolicy", None),
}


def s3(h):
    parts = h.raw_path.split("/")
    q = urllib.parse.parse_qsl(h.raw_query, keep_blank_values=True)
    if h.command != "GET" or len(parts) != 2 or not parts[1] or len(q) != 1 or q[0][0] not in S3_OPS:
        raise Fault(400, "NotImplemented", "this fake serves GET /BUCKET?<one bucket subresource>, not %s %s" % (h.command, h.path))
    sub = q[0][0]
    op, member, root, none = S3_OPS[sub]
    bucket = urllib.parse.unquote(parts[1])
    return op, s3_answer(h, bucket, sub, op, member, root, none), []


def s3_answer(h, bucket, sub, op, member, root, none):
    def fn(qq, req):
        sha = h.headers.get("x-amz-content-sha256")
        if not sha:
            raise Fault(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
        auth = h.headers.get("Authorization", "")
        signed = auth.split("SignedHeaders=", 1)[-1].split(",", 1)[0].split(";")
        if sha != EMPTY_SHA256 or "x-amz-content-sha256" not in signed:
            raise Fault(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
        buckets = _items(h, "s3_buckets", {})
        if bucket not in buckets:
            raise Fault(404, "NoSuchBucket", "The specified bucket does not exist")
        b = buckets[bucket]
        if sub != "location" and h.region != _bucket_region(b):
            raise Fault(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region '%s' is "
                        "wrong; expecting '%s'" % (h.region, _bucket_region(b)))
        if sub == "location":
            lc = b.get("LocationConstraint")
            return RawXml(doc("LocationConstraint", esc(lc) if lc else ""))
        if member not in b or (member == "LoggingEnabled" and b[member] is None):
            if none:
                raise Fault(none[0], none[1], "The %s does not exist" % member)
            return RawXml(doc(root, ""))
        v = b[member]
        if sub == "policy":
            return RawXml(v if isinstance(v, str) else json.dumps(v), "application/json")
        if sub == "logging":
            return RawXml(doc(root, to_xml("LoggingEnabled", v)))
        return RawXml(doc(root, "".join(to_xml(k, x) for k, x in v.items())))
    return fn


class RawXml(str):
    """An answer sent as it is (not JSON-encoded), with its content type."""
    def __new__(cls, text, ctype="application/xml"):
        o = str.__new__(cls, text)
        o.ctype = ctype
        return o


def s3_error(h, status, code, message):
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
            "<RequestId>0000000000000000</RequestId></Error>" % (esc(code), esc(message)))
    h._reply(status, body, "application/xml")


s3.error = s3_error


# ---- KMS (json 1.1) ----
def _key(h, key_id):
    """The key that KeyId (ID, key ARN, alias name or alias ARN) names in the signed region."""
    keys = [k for k in _items(h, "kms_keys", []) if _region(k["KeyMetadata"]["Arn"]) == h.region]
    target = key_id
    if "alias/" in key_id:
        name = key_id[key_id.index("alias/"):]
        target = None
        for a in _items(h, "kms_aliases", []):
            if a["AliasName"] == name and _region(a.get("AliasArn", "")) in ("", h.region):
                target = a.get("TargetKeyId")
    for k in keys:
        if target and target in (k["KeyMetadata"]["KeyId"], k["KeyMetadata"]["Arn"]):
            return k
    raise Fault(400, "NotFoundException", "Key '%s' does not exist" % key_id)


def kms(h):
    target = h.headers.get("X-Amz-Target", "")
    if h.command != "POST" or h.raw_path != "/" or not target.startswith("TrentService."):
        raise Fault(400, "UnknownOperationException", "no operation at %s %s (%s)" % (h.command, h.raw_path, target))
    if h.headers.get("Content-Type") != "application/x-amz-json-1.1":
        raise Fault(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1")
    op = target[len("TrentService."):]
    ops = {"DescribeKey": describe_key, "GetKeyRotationStatus": rotation, "GetKeyPolicy": key_policy,
           "ListAliases": list_aliases}
    if op not in ops:
        raise Fault(400, "UnknownOperationException", "unknown operation %s" % target)
    return op, ops[op](h), []


def kms_error(h, status, code, message):
    h._reply(status, json.dumps({"__type": code, "message": message}), "application/x-amz-json-1.1")


kms.error = kms_error


def describe_key(h):
    return lambda q, req: {"KeyMetadata": _key(h, req.get("KeyId", ""))["KeyMetadata"]}


def rotation(h):
    def fn(q, req):
        k = _key(h, req.get("KeyId", ""))
        if k.get("KeyRotationEnabled") is None:
            raise Fault(400, "UnsupportedOperationException", "%s is not supported for this key" % "GetKeyRotationStatus")
        return {"KeyRotationEnabled": k["KeyRotationEnabled"]}
    return fn


def key_policy(h):
    def fn(q, req):
        k = _key(h, req.get("KeyId", ""))
        if req.get("PolicyName", "default") != "default":
            raise Fault(400, "NotFoundException", "No such policy")
        p = k.get("Policy", {})
        return {"Policy": p if isinstance(p, str) else json.dumps(p), "PolicyName": "default"}
    return fn


def list_aliases(h):
    def fn(q, req):
        items = [a for a in _items(h, "kms_aliases", []) if _region(a.get("AliasArn", "")) == h.region]
        if "KeyId" in req:
            kid = _key(h, req["KeyId"])["KeyMetadata"]["KeyId"]
            items = [a for a in items if a.get("TargetKeyId") == kid]
        n = h.server.world.page_size
        if req.get("Limit"):
            n = min(n, int(req["Limit"]))
        start = 0
        if req.get("Marker"):
            try:
                start = int(req["Marker"])
            except ValueError:
                raise Fault(400, "InvalidMarkerException", "invalid marker")
        out = {"Aliases": items[start:start + n], "Truncated": start + n < len(items)}
        if out["Truncated"]:
            out["NextMarker"] = str(start + n)
        return out
    return fn


def services(fault):
    """The signing names served here -> route(handler); fault is fake_aws's Fault."""
    global Fault
    Fault = fault
    return {"s3": s3, "kms": kms}
