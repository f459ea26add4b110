-- testkit.eligibility -- the shared cases of the service-list rules
-- (HIPAA-INT-001, PCI-INT-001: lib/eligibility.lua check_list). For test files only.
--   ek.cases(param) -> cases; `param` is the rule's "extra services" parameter name.
-- The instance is testkit.attest's: connect, lambda, lex, s3 (+ kms key), kinesis.
local ak = require "testkit.attest"
local ek = {}

local ODD = "arn:aws:kafka:us-east-1:111122223333:cluster/ctr/1"

local function with_store(rtype, cfg)
  local r = ak.instance()
  r.data.StorageConfigs[rtype] = { cfg }
  return r
end

local function firehose_and_video()
  local r = ak.instance({ LambdaFunctions = {}, LexBots = {} })
  local s = r.data.StorageConfigs
  s.CALL_RECORDINGS, s.CONTACT_TRACE_RECORDS = {}, { { AssociationId = "f", StorageType = "KINESIS_FIREHOSE",
    KinesisFirehoseConfig = { FirehoseArn = "arn:aws:firehose:us-east-1:111122223333:deliverystream/ctr" } } }
  s.MEDIA_STREAMS = { { AssociationId = "v", StorageType = "KINESIS_VIDEO_STREAM",
    KinesisVideoStreamConfig = { Prefix = "acme", RetentionPeriodHours = 24,
      EncryptionConfig = { EncryptionType = "KMS", KeyId = "arn:aws:kms:us-east-1:111122223333:key/k" } } } }
  return r
end

local function domain(type, arn, region)
  return { type = type, arn = arn, name = arn:match("[^/]+$"), region = region or "us-east-1", data = { Domain = object{} } }
end

function ek.cases(param)
  return {
    { name = "every integrated service is on the list: one pass per service, in inventory order",
      resource = ak.instance(), expect = { "pass", "pass", "pass", "pass", "pass", "pass" },
      message = "AWS Lambda (lambda)" },
    { name = "a storage config whose stream is of a service not on the list fails",
      resource = with_store("AGENT_EVENTS", { AssociationId = "a9", StorageType = "KINESIS_STREAM",
                                              KinesisStreamConfig = { StreamArn = ODD } }),
      expect = { "pass", "pass", "pass", "pass", "pass", "pass", "fail" },
      message = "kafka (kafka) is not on the" },
    { name = "the parameter adds a service",
      resource = with_store("AGENT_EVENTS", { AssociationId = "a9", StorageType = "KINESIS_STREAM",
                                              KinesisStreamConfig = { StreamArn = ODD } }),
      params = { [param] = { "kafka" } },
      expect = { "pass", "pass", "pass", "pass", "pass", "pass", "pass" }, message = "added by parameter" },
    { name = "Firehose and Kinesis Video configs are read (service and key)",
      resource = firehose_and_video(),
      expect = { "pass", "pass", "pass", "pass" }, message = "Amazon Kinesis Video Streams" },
    { name = "a storage type not collected is an error (it may hide an integration); the rest is judged",
      resource = ak.instance({ StorageConfigs = { CALL_RECORDINGS = {} } }),
      expect = { "error", "pass", "pass", "pass" }, message = "CHAT_TRANSCRIPTS storage configs not collected" },
    { name = "a storage config of unknown StorageType is an error",
      resource = with_store("ATTACHMENTS", { AssociationId = "x", StorageType = "FUTURE_STORE" }),
      message = "StorageType FUTURE_STORE unknown",
      expect = { "error", "pass", "pass", "pass", "pass", "pass", "pass" } },
    { name = "a Customer Profiles domain of the region is manual: its listing could not be confirmed",
      resource = ak.instance(), others = { domain("customer_profiles_domain", "arn:aws:profile:us-east-1:111122223333:domains/acme") },
      expect = { "pass", "pass", "pass", "pass", "pass", "pass", "manual" },
      message = "Amazon Connect Customer Profiles (profile): whether it is" },
    { name = "Voice ID and Q in Connect too, naming the parameter that records the answer",
      resource = ak.instance(), others = { domain("voiceid_domain", "arn:aws:voiceid:us-east-1:111122223333:domain/d1"),
        domain("wisdom_knowledge_base", "arn:aws:wisdom:us-east-1:111122223333:knowledge-base/k1") },
      expect = { "pass", "pass", "pass", "pass", "pass", "pass", "manual", "manual" }, message = "to the parameter " .. param },
    { name = "a domain accepted by the parameter passes",
      resource = ak.instance(), others = { domain("voiceid_domain", "arn:aws:voiceid:us-east-1:111122223333:domain/d1") },
      params = { [param] = { "voiceid" } },
      expect = { "pass", "pass", "pass", "pass", "pass", "pass", "pass" }, message = "Amazon Connect Voice ID (voiceid) is" },
    { name = "a domain of another region is not the instance's",
      resource = ak.instance(), others = { domain("voiceid_domain", "arn:aws:voiceid:eu-west-2:111122223333:domain/d1", "eu-west-2") },
      expect = { "pass", "pass", "pass", "pass", "pass", "pass" } },
    { name = "LambdaFunctions not collected is an error",
      resource = ak.instance(nil, { "LambdaFunctions" }), errors = ak.denied("connect:ListLambdaFunctions"),
      expect = "error", message = "AccessDeniedException" },
    { name = "StorageConfigs not collected is an error",
      resource = ak.instance(nil, { "StorageConfigs" }), expect = "error", message = "StorageConfigs" },
  }
end

return ek
