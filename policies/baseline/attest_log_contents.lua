-- CW-2 (attestation item): CloudWatch logs hold no sensitive data.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-014",
  title = "CloudWatch logs hold no sensitive data",
  severity = "high",
  practice = "CW-2",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1" }, PII = { "GDPR-32(1)(a)" }, BASELINE = { "CW-2" } },
  question = "Has a sample of the contact flow logs been reviewed to confirm no sensitive data "
    .. "(card numbers, CVV, personal data) reaches CloudWatch Logs? (CW-2)",
  about = { { "Attributes" } },
  rationale = "Flow logs record every block's parameters and attribute values; path analysis "
    .. "(PCI-FLOW-003) catches known card-input blocks, but not data that arrives from a "
    .. "Lambda function or a bot.",
  remediation = "CloudWatch console > Logs Insights > /aws/connect/INSTANCE_ALIAS: query a day of "
    .. "logs for card-number and personal-data patterns; disable logging (Set logging "
    .. "behavior) around the blocks that carry them.",
}
