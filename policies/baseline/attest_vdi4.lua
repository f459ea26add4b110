-- VDI-4 (attestation item): Agent traffic runs on a dedicated network segment.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-021",
  title = "Agent traffic runs on a dedicated network segment",
  severity = "low",
  practice = "VDI-4",
  question = "Does agent voice traffic run on a dedicated network segment? (VDI-4)",
}
