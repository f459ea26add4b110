-- REG-4 (attestation item): Service quotas are reviewed against the expected volume.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-002",
  title = "Service quotas are reviewed against the expected volume",
  severity = "high",
  practice = "REG-4",
  controls = { BASELINE = { "REG-4" } },
  question = "Have the service quotas been reviewed against the expected volume, and increases "
    .. "requested at design time? (REG-4)",
  rationale = "Default Amazon Connect quotas (concurrent calls, active chats, phone numbers, API "
    .. "rates) are low; a contact center that outgrows them drops calls at go-live. Quotas "
    .. "in use against planned volume is not in the snapshot.",
  remediation = "Service Quotas console > AWS services > Amazon Connect: compare each quota with the "
    .. "forecast peak; request increases there; or: aws service-quotas list-service-quotas "
    .. "--service-code connect --region REGION, and aws service-quotas "
    .. "request-service-quota-increase --service-code connect --quota-code CODE "
    .. "--desired-value N.",
}
