-- VDI-6 (attestation item): Agents use USB headsets.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-023",
  title = "Agents use USB headsets",
  severity = "low",
  practice = "VDI-6",
  question = "Do the agents use USB headsets? (VDI-6)",
}
