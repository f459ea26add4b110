-- VDI-7 (attestation item): Agent device to remote endpoint latency is below 100 ms.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-024",
  title = "Agent device to remote endpoint latency is below 100 ms",
  severity = "medium",
  practice = "VDI-7",
  question = "Is the latency from each agent's device to the remote endpoint below 100 ms? (VDI-7)",
}
