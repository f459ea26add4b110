-- VDI-3 (attestation item): Each agent has 100-150 kbps for Amazon Connect beyond other needs.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-020",
  title = "Each agent has 100-150 kbps for Amazon Connect beyond other needs",
  severity = "medium",
  practice = "VDI-3",
  question = "Does every agent have 100-150 kbps of bandwidth for Amazon Connect beyond their "
    .. "other needs? (VDI-3)",
}
