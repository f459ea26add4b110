local I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/k1"
local KS = "arn:aws:kinesis:us-east-1:111122223333:stream/acme-ctr"
local FH = "arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-agent-events"
local TYPES = {
  "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS",
  "CONTACT_TRACE_RECORDS", "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS",
  "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS",
  "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
  "EMAIL_MESSAGES",
}

-- An instance whose StorageConfigs holds every type (empty unless given) in
-- enum order, less the types listed in `drop`.
local function instance(configs, drop)
  local sc, skip = {}, {}
  for _, t in ipairs(drop or {}) do skip[t] = true end
  for _, t in ipairs(TYPES) do
    if not skip[t] then sc[t] = (configs or {})[t] or {} end
  end
  return { arn = I, name = "acme-prod", region = "us-east-1", data = { StorageConfigs = sc } }
end
local function s3(assoc, enc)
  return { AssociationId = assoc, StorageType = "S3",
           S3Config = { BucketName = "acme-recordings", BucketPrefix = "connect/acme-prod", EncryptionConfig = enc } }
end
local KMS = { EncryptionType = "KMS", KeyId = KEY }
local function kvs(enc)
  return { AssociationId = "kv1", StorageType = "KINESIS_VIDEO_STREAM",
           KinesisVideoStreamConfig = { Prefix = "acme-connect", RetentionPeriodHours = 24, EncryptionConfig = enc } }
end
local function ks() return { AssociationId = "ks1", StorageType = "KINESIS_STREAM", KinesisStreamConfig = { StreamArn = KS } } end
local function fh() return { AssociationId = "fh1", StorageType = "KINESIS_FIREHOSE", KinesisFirehoseConfig = { FirehoseArn = FH } } end
local function stream(enc)
  return { type = "kinesis_stream", arn = KS, name = "acme-ctr", region = "us-east-1",
           data = { StreamDescriptionSummary = { StreamName = "acme-ctr", EncryptionType = enc } } }
end
local function delivery(desc)
  return { type = "firehose_delivery_stream", arn = FH, name = "acme-agent-events", region = "us-east-1",
           data = { DeliveryStreamDescription = desc } }
end

return {
  { name = "recordings and transcripts in S3 with KMS pass, one finding each",
    resource = instance({ CALL_RECORDINGS = { s3("a1", KMS) }, CHAT_TRANSCRIPTS = { s3("a2", KMS) } }),
    expect = { "pass", "pass" }, message = "CALL_RECORDINGS storage config a1 (s3://acme-recordings/connect/acme-prod)" },
  { name = "S3 config without EncryptionConfig fails",
    resource = instance({ CALL_RECORDINGS = { s3("a1") } }), expect = "fail", message = "names no KMS encryption key" },
  { name = "S3 config with KMS but no key fails",
    resource = instance({ CALL_RECORDINGS = { s3("a1", { EncryptionType = "KMS" }) } }),
    expect = "fail", message = "KeyId absent" },
  { name = "findings come in resource-type order, one per config",
    resource = instance({ CALL_RECORDINGS = { s3("a1", KMS), s3("a3") }, CHAT_TRANSCRIPTS = { s3("a2") },
                          MEDIA_STREAMS = { kvs(KMS) } }),
    expect = { "fail", "pass", "fail", "pass" } },
  { name = "media streams with KMS pass",
    resource = instance({ MEDIA_STREAMS = { kvs(KMS) } }), expect = "pass", message = "Kinesis Video streams acme-connect*" },
  { name = "media streams without encryption config fail",
    resource = instance({ MEDIA_STREAMS = { kvs() } }), expect = "fail" },
  { name = "CTR to an encrypted Kinesis stream passes",
    resource = instance({ CONTACT_TRACE_RECORDS = { ks() } }), others = { stream("KMS") },
    expect = "pass", message = "Kinesis stream acme-ctr encrypts records with KMS" },
  { name = "CTR to an unencrypted Kinesis stream fails",
    resource = instance({ CONTACT_TRACE_RECORDS = { ks() } }), others = { stream("NONE") },
    expect = "fail", message = "EncryptionType NONE" },
  { name = "CTR to a Kinesis stream not in the snapshot is an error",
    resource = instance({ CONTACT_TRACE_RECORDS = { ks() } }),
    errors = { { arn = KS, operation = "kinesis:DescribeStreamSummary", code = "ResourceNotFoundException",
                 message = "not found" } },
    expect = "error", message = "ResourceNotFoundException" },
  { name = "Kinesis stream collected without EncryptionType is an error",
    resource = instance({ CONTACT_TRACE_RECORDS = { ks() } }), others = { stream(nil) },
    expect = "error", message = "StreamDescriptionSummary/EncryptionType" },
  { name = "agent events to a Firehose with SSE enabled pass",
    resource = instance({ AGENT_EVENTS = { fh() } }),
    others = { delivery({ DeliveryStreamType = "DirectPut",
                          DeliveryStreamEncryptionConfiguration = { Status = "ENABLED", KeyType = "AWS_OWNED_CMK" } }) },
    expect = "pass", message = "Firehose stream acme-agent-events encrypts buffered data" },
  { name = "agent events to a Firehose without SSE fail",
    resource = instance({ AGENT_EVENTS = { fh() } }),
    others = { delivery({ DeliveryStreamType = "DirectPut", DeliveryStreamEncryptionConfiguration = { Status = "DISABLED" } }) },
    expect = "fail", message = "server-side encryption DISABLED" },
  { name = "a Kinesis-sourced Firehose is judged by its source stream",
    resource = instance({ AGENT_EVENTS = { fh() } }),
    others = { delivery({ DeliveryStreamType = "KinesisStreamAsSource",
                          Source = { KinesisStreamSourceDescription = { KinesisStreamARN = KS } } }), stream("KMS") },
    expect = "pass", message = "Firehose stream acme-agent-events keeps no data at rest for its Kinesis source" },
  { name = "a Firehose not in the snapshot is an error",
    resource = instance({ AGENT_EVENTS = { fh() } }), expect = "error", message = "Firehose stream " .. FH },
  { name = "a config missing its S3Config is an error for that config only",
    resource = instance({ CALL_RECORDINGS = { { AssociationId = "a9", StorageType = "S3" }, s3("a1", KMS) } }),
    expect = { "error", "pass" }, message = "S3Config is not in the snapshot" },
  { name = "an unknown storage type is an error",
    resource = instance({ CALL_RECORDINGS = { { AssociationId = "a9", StorageType = "FTP" } } }),
    expect = "error", message = "StorageType FTP" },
  { name = "a resource type not collected is an error naming the collection error",
    resource = instance({ CALL_RECORDINGS = { s3("a1", KMS) } }, { "CHAT_TRANSCRIPTS" }),
    errors = { { arn = I, operation = "connect:ListInstanceStorageConfigs", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = { "error", "pass" }, message = "storage configs for CHAT_TRANSCRIPTS were not collected" },
  { name = "a type unknown to the rule is still judged",
    resource = (function()
      local i = instance()
      i.data.StorageConfigs.FUTURE_TYPE = { s3("f1") }
      return i
    end)(),
    expect = "fail", message = "FUTURE_TYPE storage config f1" },
  { name = "no storage configurations at all is skipped",
    resource = instance(), expect = "skipped" },
  { name = "StorageConfigs not collected is an error",
    resource = { arn = I, name = "acme-prod", region = "us-east-1", data = { Instance = { Id = "x" } } },
    errors = { { arn = I, operation = "connect:ListInstanceStorageConfigs", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
