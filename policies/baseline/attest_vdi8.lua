-- VDI-8 (attestation item): No circular transfers out of and back into Amazon Connect.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-025",
  title = "No circular transfers out of and back into Amazon Connect",
  severity = "medium",
  practice = "VDI-8",
  question = "Have the transfers been reviewed so that no call leaves Amazon Connect and comes "
    .. "back in (to the instance's own numbers, directly or through another carrier or PBX)? "
    .. "(VDI-8)",
  rationale = "Transfers to the instance's own numbers in flows (BASE-TEL-003) and in agents' "
    .. "phone-number quick connects (BASE-QC-003) are checked automatically; this item covers the rest "
    .. "(carriers, PBX forwards, numbers of other instances and accounts).",
}
