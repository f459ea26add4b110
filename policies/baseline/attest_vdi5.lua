-- VDI-5 (attestation item): Each agent's browser has 2 GB of memory for the CCP.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-022",
  title = "Each agent's browser has 2 GB of memory for the CCP",
  severity = "low",
  practice = "VDI-5",
  question = "Does every agent's browser running the CCP have 2 GB of memory available? (VDI-5)",
}
