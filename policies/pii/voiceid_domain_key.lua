-- PII-DOM-002: a Voice ID domain (callers' voiceprints: biometric data)
-- encrypts with a key at the level the pack's `domain_key_level` requires
-- (customer managed). CreateDomain requires ServerSideEncryptionConfiguration,
-- so a collected Domain without it is an error, not an AWS default.
-- Judged by lib/kms.lua.
local kms = require "kms"

return {
  id = "PII-DOM-002",
  title = "Voice ID domain is encrypted with a customer managed KMS key",
  severity = "high",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)", "NIST-800-122-4.3" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2" },
  },
  resource = "voiceid_domain",
  rationale = "Voiceprints are biometric data (GDPR art. 9): the key that protects them must be one " ..
    "the organisation controls, restricts and can disable.",
  remediation = "aws voice-id update-domain --domain-id ID --name NAME " ..
    "--server-side-encryption-configuration KmsKeyId=KEY_ARN (a customer managed key whose policy " ..
    "allows voiceid.amazonaws.com); Voice ID re-encrypts existing data " ..
    "(ServerSideEncryptionUpdateDetails shows progress).",
  check = function(r, ctx)
    local d = r.data.Domain
    local name = (d and d.Name) or r.name or r.arn
    kms.check_member(r, ctx, ctx.params.domain_key_level, ("Voice ID domain %s"):format(name), false,
      "Domain", "ServerSideEncryptionConfiguration", "KmsKeyId")
  end,
}
