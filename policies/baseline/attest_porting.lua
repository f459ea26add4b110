-- TEL-1 (attestation item): Number porting and migration requirements are gathered early.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-003",
  title = "Number porting and migration requirements are gathered early",
  severity = "low",
  practice = "TEL-1",
  controls = { BASELINE = { "TEL-1" } },
  question = "Have the phone number porting and migration requirements been gathered, and port "
    .. "requests opened well ahead of go-live (with cutover support requested)? (TEL-1)",
  about = { { "Instance", "InboundCallsEnabled" } },
  rationale = "Porting numbers takes weeks to months and needs carrier paperwork; late requests "
    .. "delay go-live or leave callers on the old platform.",
  remediation = "Amazon Connect console > the instance > Phone numbers; open the porting request "
    .. "through AWS Support (Create case > Service limit increase > Amazon Connect - Phone "
    .. "number porting) with every number, the carrier and the cutover date.",
}
