-- DDB-1 (attestation item): DynamoDB attribute and key names have no spaces or special characters.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-028",
  title = "DynamoDB attribute and key names have no spaces or special characters",
  severity = "low",
  practice = "DDB-1",
  controls = { BASELINE = { "DDB-1" } },
  question = "Do the DynamoDB tables the Lambda functions read and write use attribute and key "
    .. "names without spaces or special characters? The snapshot holds no DynamoDB tables, "
    .. "so this cannot be checked automatically. (DDB-1)",
  about = { { "LambdaFunctions" } },
  rationale = "Contact attributes returned from a Lambda function become flow references "
    .. "($.External.name); names with spaces or special characters cannot be referenced in "
    .. "flows and break when copied into contact attributes.",
  remediation = "DynamoDB console > Tables > each table the functions use > Explore items: check "
    .. "attribute and key names (letters, digits, underscore); rename in the function's "
    .. "mapping before returning them to the flow.",
}
