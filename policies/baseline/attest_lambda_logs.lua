-- LAM-3 (attestation item): Lambda functions write no sensitive data to their logs.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-008",
  title = "Lambda functions write no sensitive data to their logs",
  severity = "high",
  practice = "LAM-3",
  controls = { HIPAA = { "164.502(b)" }, PII = { "GDPR-5(1)(c)" }, BASELINE = { "LAM-3", "CW-2" } },
  question = "Has the code of every Lambda function the instance calls been reviewed so that no "
    .. "customer data (card numbers, personal or health data) is written to its CloudWatch "
    .. "logs? (LAM-3)",
  about = { { "LambdaFunctions" } },
  rationale = "Flows pass contact attributes and customer input to Lambda functions; a debug print "
    .. "of the event puts them in CloudWatch Logs, where they are kept and readable by "
    .. "anyone with log access. Log encryption is checked automatically; log contents are "
    .. "not.",
  remediation = "Review each function's logging (no print of the whole event; mask fields); search a "
    .. "sample of its log group: CloudWatch console > Logs Insights > /aws/lambda/NAME > "
    .. "filter for card-number or personal-data patterns.",
}
