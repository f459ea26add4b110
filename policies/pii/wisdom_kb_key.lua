-- PII-DOM-003: a Wisdom (Amazon Q in Connect) knowledge base encrypts with a
-- key at the level the pack's `domain_key_level` requires (customer managed).
-- GetKnowledgeBase omits serverSideEncryptionConfiguration when the knowledge
-- base uses an AWS owned key: that is level aws_owned. Judged by lib/kms.lua.
local kms = require "kms"

return {
  id = "PII-DOM-003",
  title = "Wisdom knowledge base is encrypted with a customer managed KMS key",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2" },
  },
  resource = "wisdom_knowledge_base",
  rationale = "Knowledge bases fed from contacts or CRM content can hold customer data and " ..
    "internal procedures; a customer managed key keeps decryption under the organisation's control.",
  remediation = "The key is set when the knowledge base is created: aws wisdom " ..
    "create-knowledge-base --name NAME --knowledge-base-type TYPE " ..
    "--server-side-encryption-configuration kmsKeyId=KEY_ARN (Amazon Connect console > instance > " ..
    "Amazon Q > add integration, with a customer managed key), move the content, delete the old one.",
  check = function(r, ctx)
    local kb = r.data.knowledgeBase
    local name = (kb and kb.name) or r.name or r.arn
    kms.check_member(r, ctx, ctx.params.domain_key_level, ("Wisdom knowledge base %s"):format(name), true,
      "knowledgeBase", "serverSideEncryptionConfiguration", "kmsKeyId")
  end,
}
