-- PII-S3-003: the bucket policy refuses requests that do not use TLS.
-- The judgment is lib/transit.lua's, shared with the hipaa pack's HIPAA-TLS-001.
local transit = require "transit"

return {
  id = "PII-S3-003",
  title = "S3 bucket policy denies requests without TLS (aws:SecureTransport false)",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "4.2.1" },
    BASELINE = { "PII-2" },
  },
  resource = "s3_bucket",
  rationale = transit.BUCKET_RATIONALE,
  remediation = transit.BUCKET_REMEDIATION,
  check = transit.bucket_tls_only,
}
