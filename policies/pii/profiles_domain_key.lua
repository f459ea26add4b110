-- PII-DOM-001: a Customer Profiles domain (customer names, contact details,
-- contact history unified across sources) encrypts its data with a key at
-- the level the pack's `domain_key_level` requires (customer managed).
-- GetDomain's DefaultEncryptionKey is omitted when the domain uses AWS's own
-- key: that is level aws_owned. Judged by lib/kms.lua.
local kms = require "kms"

return {
  id = "PII-DOM-001",
  title = "Customer Profiles domain is encrypted with a customer managed KMS key",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)", "NIST-800-122-4.3" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2" },
  },
  resource = "customer_profiles_domain",
  rationale = "A Customer Profiles domain gathers every customer's identity and contact history in " ..
    "one place; with a customer managed key the organisation decides who can decrypt it and can " ..
    "revoke that access.",
  remediation = "Amazon Connect console > instance > Customer profiles (or aws customer-profiles " ..
    "update-domain --domain-name NAME --default-encryption-key KEY_ARN) with a customer managed key " ..
    "whose policy allows profile.amazonaws.com.",
  check = function(r, ctx)
    kms.check_member(r, ctx, ctx.params.domain_key_level,
      ("Customer Profiles domain %s"):format(r.name or r.arn), true, "Domain", "DefaultEncryptionKey")
  end,
}
