return {
  name = "hipaa",
  version = "0.1.0",
  framework = "HIPAA",
  description = "HIPAA Security Rule gaps in an Amazon Connect contact center",
  params = {
    -- 164.316(b)(2)(i): documentation (activity logs among it) retained 6 years
    log_retention_days = 2192,
    -- HIP-1 (HIPAA-INT-001): service namespaces (as in ARNs) to accept as HIPAA eligible beyond
    -- lib/eligibility.lua's dated list, e.g. { "bedrock" } once AWS lists it
    hipaa_eligible_extra = {},
    -- HIPAA-STO-001: weakest KMS key level accepted for Connect storage configs:
    -- "aws_owned" < "aws_managed" < "customer_managed" < "external" (imported / custom key store)
    storage_key_level = "customer_managed",
  },
}
