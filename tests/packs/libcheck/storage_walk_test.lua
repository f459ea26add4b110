local T = require "testkit.storage"
local i = T.instance({ CALL_RECORDINGS = { T.s3("a1", T.CMK) }, MEDIA_STREAMS = { T.kvs() },
                       CONTACT_TRACE_RECORDS = { T.ks() } })
local s3only = T.instance({ CALL_RECORDINGS = { T.s3("a1", T.CMK) }, CONTACT_TRACE_RECORDS = { T.ks() } })
s3only.data.OnlyS3 = true
return {
  { name = "S3 key", resource = i, others = { T.stream("KMS", "alias/aws/kinesis") },
    expect = { "pass", "pass", "pass" }, message = "CALL_RECORDINGS -> s3://acme-recordings/connect/acme-prod key " .. T.CMK },
  { name = "KVS without EncryptionConfig is unencrypted", resource = i, others = { T.stream("KMS", "alias/aws/kinesis") },
    expect = { "pass", "pass", "pass" }, message = "MEDIA_STREAMS -> Kinesis Video streams acme-connect* key nil (unencrypted)" },
  { name = "Kinesis stream key", resource = i, others = { T.stream("KMS", "alias/aws/kinesis") },
    expect = { "pass", "pass", "pass" }, message = "Kinesis stream acme-ctr key alias/aws/kinesis" },
  { name = "Kinesis stream with KMS but no KeyId is an error", resource = i, others = { T.stream("KMS") },
    expect = { "pass", "pass", "error" }, message = "KeyId is not in the snapshot" },
  { name = "only S3 configs visited", resource = s3only, expect = { "pass" } },
  { name = "Firehose with a customer key", resource = T.instance({ AGENT_EVENTS = { T.fh() } }),
    others = { T.delivery({ DeliveryStreamType = "DirectPut", DeliveryStreamEncryptionConfiguration =
      { Status = "ENABLED", KeyType = "CUSTOMER_MANAGED_CMK", KeyARN = T.CMK } }) },
    expect = "pass", message = "Firehose stream acme-agent-events key " .. T.CMK },
  { name = "Firehose without SSE is unencrypted", resource = T.instance({ AGENT_EVENTS = { T.fh() } }),
    others = { T.delivery({ DeliveryStreamType = "DirectPut", DeliveryStreamEncryptionConfiguration = null }) },
    expect = "pass", message = "(unencrypted)" },
}
