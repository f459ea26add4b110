-- POL-2 (attestation item): The TTS voice and language fit the use case.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-012",
  title = "The TTS voice and language fit the use case",
  severity = "low",
  practice = "POL-2",
  controls = { BASELINE = { "POL-2" } },
  question = "Have the text-to-speech voice and language been chosen for the callers' language and "
    .. "tested with them? (POL-2)",
  about = { { "Attributes" } },
  rationale = "A voice in the wrong language or accent makes prompts hard to follow; the fit is a "
    .. "judgment about the callers.",
  remediation = "Review the Set voice blocks of the flows (Amazon Connect console > Flows) and listen "
    .. "to the prompts with native speakers.",
}
