-- KIN-1 (attestation item): Downstream consumers receive only the data they need.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-013",
  title = "Downstream consumers receive only the data they need",
  severity = "medium",
  practice = "KIN-1",
  controls = { HIPAA = { "164.502(b)" }, PII = { "GDPR-5(1)(c)" }, BASELINE = { "KIN-1" } },
  question = "Do the consumers of the contact trace record and agent event streams receive only "
    .. "the fields they need (filtered before leaving the stream)? (KIN-1)",
  about = { { "StorageConfigs" } },
  rationale = "Contact records carry phone numbers, attributes and recording locations; every "
    .. "consumer that receives them all holds more personal data than its purpose needs.",
  remediation = "For each consumer of the Kinesis streams named in Data streaming, document the "
    .. "fields it uses and filter the rest (e.g. a Lambda or Firehose transformation) before "
    .. "delivery.",
}
