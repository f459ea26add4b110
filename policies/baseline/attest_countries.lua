-- TEL-2 (attestation item): Inbound and outbound calling countries are confirmed.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-004",
  title = "Inbound and outbound calling countries are confirmed",
  severity = "medium",
  practice = "TEL-2",
  controls = { BASELINE = { "TEL-2" } },
  question = "Have the inbound and outbound calling countries been confirmed, and quota increases "
    .. "requested for countries not enabled by default? (TEL-2)",
  about = { { "Instance", "InboundCallsEnabled" }, { "Instance", "OutboundCallsEnabled" } },
  rationale = "Outbound calls to countries not on the instance's allow list fail; number "
    .. "availability and regulations differ by country. Which countries the business needs "
    .. "is not in the snapshot.",
  remediation = "List the countries agents and campaigns call and the countries numbers are needed "
    .. "in; AWS Support > Create case > Service limit increase > Amazon Connect > Countries "
    .. "you can call.",
}
