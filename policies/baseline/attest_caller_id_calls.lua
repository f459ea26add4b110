-- TEL-3 (attestation item): Outbound caller ID is tested over several calls.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-005",
  title = "Outbound caller ID is tested over several calls",
  severity = "low",
  practice = "TEL-3",
  controls = { BASELINE = { "TEL-3" } },
  question = "Has the outbound caller ID been verified over several test calls (to different "
    .. "carriers and countries), showing the configured number and not flagged as spam? "
    .. "(TEL-3)",
  about = { { "Instance", "OutboundCallsEnabled" } },
  rationale = "A caller ID that carriers drop, rewrite or flag as spam makes customers ignore the "
    .. "call; only test calls show it.",
  remediation = "Place test calls from each outbound queue to mobile and landline numbers on several "
    .. "carriers and check the number shown; Amazon Connect console > Queues > the queue > "
    .. "Outbound caller ID number.",
}
