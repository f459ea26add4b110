-- LEX-2 (attestation item): Data collected by Lex bots is handled per the service's and region's certifications.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-010",
  title = "Data collected by Lex bots is handled per the service's and region's certifications",
  severity = "medium",
  practice = "LEX-2",
  controls = { BASELINE = { "LEX-2" } },
  question = "Is the data the Lex bots collect handled according to Amazon Lex's certifications in "
    .. "this region (HIPAA eligibility, PCI scope) and the use case's requirements? (LEX-2)",
  about = { { "LexBots" } },
  rationale = "Bots transcribe and may store what callers say; whether that data may be processed "
    .. "by Lex in this region under the applicable regime is a judgment on the bots' "
    .. "content.",
  remediation = "Check Amazon Lex in AWS Services in Scope by Compliance Program "
    .. "(https://aws.amazon.com/compliance/services-in-scope/) for the regimes that apply; "
    .. "review the slots each bot collects.",
}
