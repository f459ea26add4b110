-- HIP-1 (attestation item): A Business Associate Agreement with AWS covers this account.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "HIPAA-ATT-001",
  title = "A Business Associate Agreement with AWS covers this account",
  severity = "critical",
  practice = "HIP-1",
  controls = { HIPAA = { "164.308(b)(1)" }, BASELINE = { "HIP-1" } },
  question = "Is this AWS account covered by a Business Associate Agreement with AWS (AWS "
    .. "Artifact) and designated as an account that holds PHI? (HIP-1)",
  rationale = "HIPAA-eligible services may hold PHI only in accounts covered by a BAA with AWS; "
    .. "eligibility of each service is checked automatically, the agreement is not visible "
    .. "through the Connect APIs.",
  remediation = "AWS Artifact console > Agreements > AWS Business Associate Addendum: accept it for "
    .. "the account or the organization; record the account as a PHI account.",
}
