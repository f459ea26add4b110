-- DEV-3 (attestation item): TTS prompts carry an incrementing version while testing.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-015",
  title = "TTS prompts carry an incrementing version while testing",
  severity = "info",
  practice = "DEV-3",
  controls = { BASELINE = { "DEV-3" } },
  question = "While testing, do the text-to-speech prompts carry an incrementing version (so "
    .. "testers can tell which version played)? (DEV-3)",
  rationale = "Without a version in the prompt, testers cannot tell whether they heard the "
    .. "published flow or a cached earlier one.",
  remediation = "Add a version marker to test prompts (e.g. a spoken 'version 12' in the test stage "
    .. "only) and increase it with each publish.",
}
