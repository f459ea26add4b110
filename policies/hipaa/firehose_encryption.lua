-- HIPAA-FH-001: Firehose delivery streams keep their buffered data encrypted.
--
-- Where the data rests depends on the source:
--   DirectPut (and DatabaseAsSource): Firehose buffers it; its server-side
--     encryption (DeliveryStreamEncryptionConfiguration.Status) must be ENABLED.
--     A description with no encryption configuration counts as not enabled.
--   Kinesis data stream source: Firehose does not store the data at rest, the
--     source stream does, so Firehose SSE does not apply: the source stream's
--     EncryptionType (looked up in the snapshot) decides; a source stream that
--     is not in the snapshot is an error (not seen, not passed).
--   MSK source: the data rests in the MSK cluster, which the snapshot does not
--     hold: manual.
--
-- The judgment is lib/streams.lua's (streams.firehose), shared with PII-STO-001.
local streams = require "streams"

return {
  id = "HIPAA-FH-001",
  title = "Firehose delivery stream encrypts data at rest",
  severity = "high",
  practice = "KIN-2",
  controls = {
    HIPAA = { "164.312(a)(2)(iv)" },
    PII = { "GDPR-32(1)(a)" },
    BASELINE = { "KIN-2" },
  },
  resource = "firehose_delivery_stream",
  rationale = "Firehose buffers contact records and agent events (ePHI and personal data) before " ..
    "delivering them; without server-side encryption the buffered data is stored unencrypted.",
  remediation = "Firehose console > stream > Configuration > Server-side encryption > Edit: enable " ..
    "(customer managed key preferred). CLI: aws firehose start-delivery-stream-encryption " ..
    "--delivery-stream-name STREAM --delivery-stream-encryption-configuration-input " ..
    "KeyType=CUSTOMER_MANAGED_CMK,KeyARN=KEY_ARN. For a Kinesis-sourced stream encrypt the source: " ..
    "aws kinesis start-stream-encryption --stream-name SOURCE --encryption-type KMS --key-id KEY_ARN",
  check = function(r, ctx)
    local status, msg, evidence = streams.firehose(ctx, r)
    ctx[status](ctx, msg, evidence)
  end,
}
