-- LEX-3 (attestation item): Lex error messages and retry settings suit the use case.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-011",
  title = "Lex error messages and retry settings suit the use case",
  severity = "low",
  practice = "LEX-3",
  controls = { BASELINE = { "LEX-3" } },
  question = "Do the bots' error messages, retry counts and timeouts suit the use case, tested "
    .. "with real callers' phrasing? (LEX-3)",
  about = { { "LexBots" } },
  rationale = "Default re-prompts and retry limits frustrate callers or end conversations early; "
    .. "whether they fit is a judgment the snapshot cannot make (the prompts' presence is "
    .. "checked by BASE-LEX-003).",
  remediation = "Amazon Lex console > the bot > Intents and slot prompts / Advanced settings: review "
    .. "the re-prompts and the maximum retries; test with recorded caller utterances.",
}
