-- VDI-1 (attestation item): Agents are near their VDI host and the VDI host is near the agents and an AWS edge.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-018",
  title = "Agents are near their VDI host and the VDI host is near the agents and an AWS edge",
  severity = "medium",
  practice = "VDI-1",
  question = "Are agents near their VDI host with the fewest network hops, and is the VDI host "
    .. "near both the agents and an AWS edge location? (VDI-1)",
}
