-- TEL-4 (attestation item): The contact center is load tested at the expected call volume.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-006",
  title = "The contact center is load tested at the expected call volume",
  severity = "high",
  practice = "TEL-4",
  controls = { BASELINE = { "TEL-4" } },
  question = "Has the contact center been load tested at the expected peak call volume, flows, "
    .. "Lambda functions and Lex bots included? (TEL-4)",
  rationale = "Throttled Lambda functions, quota limits and slow integrations show only under load; "
    .. "finding them on launch day means dropped calls.",
  remediation = "Run a load test (e.g. the AWS Solutions Library load-testing guidance or a telephony "
    .. "load tool) at the forecast peak, with the quotas raised beforehand; watch the "
    .. "AWS/Connect ThrottledCalls and ConcurrentCallsPercentage metrics.",
}
