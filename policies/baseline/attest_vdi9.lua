-- VDI-9 (attestation item): Media is handled locally with a media-less CCP for remote sessions.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.vdi {
  id = "BASE-ATT-026",
  title = "Media is handled locally with a media-less CCP for remote sessions",
  severity = "medium",
  practice = "VDI-9",
  question = "For agents on VDI or remote desktop sessions, is media handled locally with a "
    .. "media-less CCP (Amazon Connect Streams API) instead of through the session? (VDI-9)",
}
