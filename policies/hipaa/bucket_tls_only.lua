-- HIPAA-TLS-001 (HIP-2): every bucket Amazon Connect writes recordings,
-- transcripts and reports to refuses requests without TLS. The judgment is
-- lib/transit.lua's (the pii pack's PII-S3-003 asks the same of the same
-- buckets for GDPR 32(1)(a)); this rule answers it for the HIPAA Security
-- Rule's transmission security standard when the hipaa pack runs alone.
local transit = require "transit"

return {
  id = "HIPAA-TLS-001",
  title = "Buckets holding contact data refuse requests without TLS (aws:SecureTransport false)",
  severity = "medium",
  practice = "HIP-2",
  controls = { HIPAA = { "164.312(e)(1)", "164.312(e)(2)(ii)" }, BASELINE = { "HIP-2" } },
  resource = "s3_bucket",
  rationale = transit.BUCKET_RATIONALE .. " Recordings and transcripts of a covered entity's calls are " ..
    "ePHI, which 164.312(e)(1) requires to be guarded against interception in transmission.",
  remediation = transit.BUCKET_REMEDIATION,
  check = transit.bucket_tls_only,
}
