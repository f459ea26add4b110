-- DEV-5 (attestation item): Lambda code is versioned in a repository and follows the naming convention.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-017",
  title = "Lambda code is versioned in a repository and follows the naming convention",
  severity = "low",
  practice = "DEV-5",
  controls = { BASELINE = { "DEV-5" } },
  question = "Is the code of every Lambda function the instance calls versioned in a repository, "
    .. "with names following the naming convention (camelCase)? (DEV-5)",
  about = { { "LambdaFunctions" } },
  rationale = "Functions edited in the console have no history or review and cannot be redeployed "
    .. "to the next stage reliably.",
  remediation = "Keep each function's code in a repository and deploy it through a pipeline (AWS SAM, "
    .. "CDK or CloudFormation) with published versions and aliases.",
}
