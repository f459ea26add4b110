-- DEV-4 (attestation item): A phone number is moved to an updated flow only after a test call.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-016",
  title = "A phone number is moved to an updated flow only after a test call",
  severity = "medium",
  practice = "DEV-4",
  controls = { BASELINE = { "DEV-4" } },
  question = "Before a phone number is moved to an updated flow in the next stage, has a test call "
    .. "through that flow succeeded? (DEV-4)",
  rationale = "A flow whose dependencies do not resolve in the next stage fails on the first real "
    .. "caller; a test call before the number moves catches it.",
  remediation = "Associate a test number with the new flow (aws connect "
    .. "associate-phone-number-contact-flow --phone-number-id TEST --instance-id ID "
    .. "--contact-flow-id FLOW), call it, then move the production number.",
}
