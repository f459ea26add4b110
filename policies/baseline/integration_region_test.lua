local INST = "arn:aws:connect:us-east-1:111122223333:instance/4f1c"
local KEY = "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
local EU_KEY = "arn:aws:kms:eu-west-1:111122223333:key/9f9f9f9f-5e6f-4a1b-8c2d-3e4f5a6b7c8d"

local function empty_types(t)
  local all = { "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS",
    "CONTACT_TRACE_RECORDS", "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS",
    "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES" }
  local out = {}
  for _, k in ipairs(all) do out[k] = t[k] or {} end
  return out
end
local function instance(bots, configs)
  return { arn = INST, name = "acme", region = "us-east-1",
           data = { LexBots = bots, StorageConfigs = empty_types(configs or {}) } }
end
local function s3(key)
  return { { AssociationId = "a1", StorageType = "S3", S3Config = { BucketName = "b",
             EncryptionConfig = { EncryptionType = "KMS", KeyId = key } } } }
end
local function ks(a)
  return { { AssociationId = "a2", StorageType = "KINESIS_STREAM", KinesisStreamConfig = { StreamArn = a } } }
end
local V1 = { LexBot = { Name = "Orders", LexRegion = "us-east-1" } }
local V2 = { LexV2Bot = { AliasArn = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID" } }

return {
  { name = "bots, a key and a stream in the instance's region pass",
    resource = instance({ V1, V2 }, { CALL_RECORDINGS = s3(KEY),
      CONTACT_TRACE_RECORDS = ks("arn:aws:kinesis:us-east-1:111122223333:stream/ctr") }),
    expect = { "pass", "pass", "pass", "pass" }, message = "Kinesis stream arn:aws:kinesis:us-east-1" },
  { name = "a Lex V1 bot in another region fails, naming it",
    resource = instance({ { LexBot = { Name = "Faq", LexRegion = "eu-west-1" } } }),
    expect = { "fail", "skipped" }, message = "Lex V1 bot Faq: the bot (LexRegion) is in eu-west-1" },
  { name = "a Lex V2 alias in another region fails",
    resource = instance({ { LexV2Bot = { AliasArn = "arn:aws:lex:eu-central-1:111122223333:bot-alias/B/A" } } }),
    expect = { "fail", "skipped" }, message = "outside the instance's region us-east-1" },
  { name = "a recordings key in another region fails",
    resource = instance({}, { CALL_RECORDINGS = s3(EU_KEY) }),
    expect = "fail", message = "KMS key " .. EU_KEY .. " is in eu-west-1" },
  { name = "a Firehose stream in another region fails",
    resource = instance({}, { CONTACT_TRACE_RECORDS = { { AssociationId = "a3", StorageType = "KINESIS_FIREHOSE",
      KinesisFirehoseConfig = { FirehoseArn = "arn:aws:firehose:us-west-2:111122223333:deliverystream/x" } } } }),
    expect = "fail", message = "Firehose stream" },
  { name = "a Kinesis Video stream's key in another region fails",
    resource = instance({}, { MEDIA_STREAMS = { { AssociationId = "a4", StorageType = "KINESIS_VIDEO_STREAM",
      KinesisVideoStreamConfig = { Prefix = "p", RetentionPeriodHours = 24,
        EncryptionConfig = { EncryptionType = "KMS", KeyId = EU_KEY } } } } }),
    expect = "fail", message = "MEDIA_STREAMS storage config a4" },
  { name = "integration_regions_extra accepts a region on purpose",
    resource = instance({ { LexBot = { Name = "Faq", LexRegion = "eu-west-1" } } }, { CALL_RECORDINGS = s3(EU_KEY) }),
    params = { integration_regions_extra = { "eu-west-1" } },
    expect = { "pass", "pass" }, message = "in us-east-1 or eu-west-1" },
  { name = "a key named by alias is resolved in the instance's region",
    resource = instance({}, { CALL_RECORDINGS = s3("alias/connect-recordings") }),
    expect = "pass" },
  { name = "a key value that is no ARN, key ID or alias is an error",
    resource = instance({}, { CALL_RECORDINGS = s3("my key") }),
    expect = "error", message = "no region can be read from KMS key my key" },
  { name = "nothing regional to judge is skipped",
    resource = instance({}, { CHAT_TRANSCRIPTS = { { AssociationId = "a5", StorageType = "S3",
      S3Config = { BucketName = "b" } } } }),
    expect = "skipped" },
  { name = "LexBots not collected is an error",
    resource = { arn = INST, name = "acme", region = "us-east-1", data = { StorageConfigs = empty_types({}) } },
    errors = { { arn = INST, operation = "connect:ListBots", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "storage configs not collected are an error",
    resource = { arn = INST, name = "acme", region = "us-east-1", data = { LexBots = { V1 } } },
    expect = "error", message = "StorageConfigs" },
}
