-- PII-S3-003: the bucket policy refuses requests that do not use TLS.
local iam = require "iam"

local function label(r) return r.name or r.arn end

local EXPECTED = "a Deny of s3:GetObject and s3:PutObject (s3:* does) on BUCKET/* to Principal \"*\" " ..
  "with Condition Bool aws:SecureTransport \"false\" and no other condition"

return {
  id = "PII-S3-003",
  title = "S3 bucket policy denies requests without TLS (aws:SecureTransport false)",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "4.2.1" },
    HIPAA = { "164.312(e)(1)", "164.312(e)(2)(ii)" },
    BASELINE = { "PII-2" },
  },
  resource = "s3_bucket",
  rationale = "S3 answers plain HTTP too, so a misconfigured client or integration can move " ..
    "recordings and transcripts unencrypted. Only a bucket-policy Deny on aws:SecureTransport " ..
    "false makes the bucket refuse them.",
  remediation = "S3 console > bucket > Permissions > Bucket policy > Edit: add " ..
    "{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"," ..
    "\"Resource\":[\"arn:aws:s3:::BUCKET\",\"arn:aws:s3:::BUCKET/*\"]," ..
    "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}; CLI: aws s3api put-bucket-policy " ..
    "--bucket BUCKET --policy file://policy.json (keep the existing statements)",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "Policy")
    if not policy then
      return ctx:fail(("Bucket %s has no bucket policy (NoSuchBucketPolicy), so nothing refuses " ..
        "requests without TLS"):format(label(r)), { path = "data/Policy", expected = EXPECTED })
    end
    -- Objects are where the personal data is, so the deny must reach every
    -- object and both the read and write paths; see iam.denies_insecure_transport.
    local stmt, index_or_notes = iam.denies_insecure_transport(policy, r.arn)
    if stmt then
      return ctx:pass(("Bucket %s denies requests without TLS (policy statement %d)"):format(
        label(r), index_or_notes), { path = ctx:ptr(stmt), expected = EXPECTED })
    end
    local why = ""
    if #index_or_notes > 0 then why = ": " .. table.concat(index_or_notes, "; ") end
    local path = policy.Statement ~= nil and ctx:ptr(policy, "Statement") or "data/Policy"
    ctx:fail(("Bucket %s's policy has no statement that denies requests without TLS%s"):format(
      label(r), why), { path = path, expected = EXPECTED })
  end,
}
