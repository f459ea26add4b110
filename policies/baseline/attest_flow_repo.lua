-- FLOW-11 (attestation item): Contact flows are exported and versioned in a repository.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-007",
  title = "Contact flows are exported and versioned in a repository",
  severity = "low",
  practice = "FLOW-11",
  controls = { BASELINE = { "FLOW-11" } },
  question = "Are all contact flows and flow modules exported and versioned in a source "
    .. "repository, with the deployed version traceable to a commit? (FLOW-11)",
  rationale = "Flows edited only in the console have no history and no review; a bad publish cannot "
    .. "be rolled back. The snapshot is an export, but whether one is kept under version "
    .. "control is not visible.",
  remediation = "Export the flows (aws connect list-contact-flows --instance-id ID, then aws connect "
    .. "describe-contact-flow --instance-id ID --contact-flow-id FLOW for each) into a "
    .. "repository and deploy from it (CloudFormation AWS::Connect::ContactFlow).",
}
