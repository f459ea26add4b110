-- transit: encryption in transit downstream of Amazon Connect (PII-2, PCI-3,
-- HIP-2), one check per question, shared by the packs that ask it: the pii
-- pack (PII-S3-003, PII-ORG-001: GDPR 32(1)(a)) and the hipaa pack
-- (HIPAA-TLS-001, HIPAA-TLS-002: 164.312(e)(1) transmission security,
-- 164.312(e)(2)(ii) encryption in transit). Each pack's rule carries its own
-- metadata and framework mapping; the judgment is this file's.
--
-- API:
--   transit.TLS_EXPECTED                  what a TLS-only bucket policy holds
--   transit.BUCKET_RATIONALE, BUCKET_REMEDIATION, ORIGIN_RATIONALE, ORIGIN_REMEDIATION
--                                         the rules' rationale and remediation texts
--   transit.bucket_tls_only(r, ctx)       check of an s3_bucket: its policy denies
--                                         requests without TLS (iam.denies_insecure_transport)
--   transit.origins_https(r, ctx)         check of a connect_instance: every approved
--                                         origin (ListApprovedOrigins) is https://
local iam = require "iam"

local transit = {}

local function label(r) return r.name or r.arn end

transit.TLS_EXPECTED = "a Deny of s3:GetObject and s3:PutObject (s3:* does) on BUCKET/* to Principal \"*\" " ..
  "with Condition Bool aws:SecureTransport \"false\" and no other condition"
local EXPECTED = transit.TLS_EXPECTED

-- The rules' words, the same in every pack that asks the question.
transit.BUCKET_RATIONALE = "S3 answers plain HTTP too, so a misconfigured client or integration can move " ..
  "recordings and transcripts unencrypted. Only a bucket-policy Deny on aws:SecureTransport " ..
  "false makes the bucket refuse them."
transit.BUCKET_REMEDIATION = "S3 console > bucket > Permissions > Bucket policy > Edit: add " ..
  "{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"," ..
  "\"Resource\":[\"arn:aws:s3:::BUCKET\",\"arn:aws:s3:::BUCKET/*\"]," ..
  "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}; CLI: aws s3api put-bucket-policy " ..
  "--bucket BUCKET --policy file://policy.json (keep the existing statements)"
transit.ORIGIN_RATIONALE = "Approved origins may embed the CCP or the chat widget, which show and carry customer " ..
  "data; an http origin serves that page without TLS, open to reading and tampering in transit."
transit.ORIGIN_REMEDIATION = "Amazon Connect console > instance > Approved origins: remove each http:// origin and " ..
  "add its https:// form. CLI: aws connect disassociate-approved-origin --instance-id ID --origin " ..
  "http://HOST; aws connect associate-approved-origin --instance-id ID --origin https://HOST"

-- S3 answers plain HTTP too: only a bucket-policy Deny on aws:SecureTransport
-- false makes the bucket refuse it. Objects are where the data is, so the deny
-- must reach every object and both the read and write paths.
function transit.bucket_tls_only(r, ctx)
  local policy = ctx:need(r.data, "Policy")
  if not policy then
    return ctx:fail(("Bucket %s has no bucket policy (NoSuchBucketPolicy), so nothing refuses " ..
      "requests without TLS"):format(label(r)), { path = "data/Policy", expected = EXPECTED })
  end
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
end

-- An http:// approved origin serves the page embedding the CCP or chat widget,
-- and the customer data it shows, without TLS.
function transit.origins_https(r, ctx)
  local origins = ctx:need(r.data, "ApprovedOrigins")
  local expected = "https://…"
  if #origins == 0 then
    return ctx:pass(("Instance %s has no approved origins: nothing may embed its CCP"):format(label(r)),
      { path = "data/ApprovedOrigins", expected = expected })
  end
  local bad, evidence = {}, {}
  for i, o in ipairs(origins) do
    local ok = type(o) == "string" and o:lower():sub(1, 8) == "https://"
    if not ok then
      bad[#bad + 1] = tostring(o)
      evidence[#evidence + 1] = { path = ctx:ptr(origins, i), expected = expected }
    end
  end
  if #bad > 0 then
    return ctx:fail(("Instance %s approves origins without HTTPS: %s"):format(label(r), table.concat(bad, ", ")),
      evidence)
  end
  ctx:pass(("Instance %s's %d approved origin(s) all use HTTPS"):format(label(r), #origins),
    { path = "data/ApprovedOrigins", expected = expected })
end

return transit
