-- VDI-2 (attestation item): Hub-and-spoke routes are reviewed; Direct Connect is used where it helps.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-019",
  title = "Hub-and-spoke routes are reviewed; Direct Connect is used where it helps",
  severity = "low",
  practice = "VDI-2",
  question = "Have the hub-and-spoke routes between agent sites, the VDI hosts and AWS been "
    .. "reviewed, with AWS Direct Connect where it helps? (VDI-2)",
}
