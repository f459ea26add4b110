-- S3-1 (attestation item): Only the data each integration needs is exported to S3 and Kinesis.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-009",
  title = "Only the data each integration needs is exported to S3 and Kinesis",
  severity = "medium",
  practice = "S3-1",
  controls = { HIPAA = { "164.502(b)" }, PII = { "GDPR-5(1)(c)" }, BASELINE = { "S3-1" } },
  question = "Is only the data each integration needs exported to S3 and through Kinesis (each "
    .. "storage configuration justified by a consumer that uses it)? (S3-1)",
  about = { { "StorageConfigs" } },
  rationale = "Every export is another copy of contact data to secure, retain and delete; exports "
    .. "nobody uses are risk without benefit. Which consumer needs which data is not in the "
    .. "snapshot.",
  remediation = "Amazon Connect console > the instance > Data storage and Data streaming: for each "
    .. "configuration name its consumer and remove the unused ones (aws connect "
    .. "disassociate-instance-storage-config --instance-id ID --association-id ASSOC "
    .. "--resource-type TYPE).",
}
