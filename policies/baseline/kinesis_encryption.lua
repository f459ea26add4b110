-- BASE-KIN-001: Kinesis data streams that receive Connect data use SSE-KMS.
-- The judgment is lib/streams.lua's (shared with HIPAA-FH-001 and PII-STO-001);
-- this rule adds the KeyId to a pass's evidence.
local streams = require "streams"

return {
  id = "BASE-KIN-001",
  title = "Kinesis data stream encrypts records at rest with KMS",
  severity = "high",
  practice = "KIN-2",
  controls = {
    BASELINE = { "KIN-2" },
    ["PCI-DSS-4.0"] = { "3.5.1" },
    HIPAA = { "164.312(a)(2)(iv)" },
    PII = { "GDPR-32(1)(a)" },
  },
  resource = "kinesis_stream",
  rationale = "Contact trace records, agent events and real-time analysis segments hold personal " ..
    "data and sit in the stream for its whole retention period; without server-side encryption " ..
    "they are stored unencrypted.",
  remediation = "Kinesis console > Data streams > stream > Configuration > Server-side encryption > " ..
    "Edit: enable with a KMS key. CLI: aws kinesis start-stream-encryption --stream-name STREAM " ..
    "--encryption-type KMS --key-id KEY_ARN (Amazon Connect can publish to encrypted streams; its " ..
    "service role needs kms:GenerateDataKey on the key).",
  check = function(r, ctx)
    local status, msg, evidence = streams.kinesis(ctx, r)
    local sum = r.data.StreamDescriptionSummary
    if status == "pass" and sum.KeyId then evidence[#evidence + 1] = { path = ctx:ptr(sum, "KeyId") } end
    ctx[status](ctx, msg, evidence)
  end,
}
