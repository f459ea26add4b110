-- Builders for tests of rules over an instance's storage configs and the KMS
-- keys they name (HIPAA-STO-001, PCI-KMS-011, lib/storage.lua, lib/kms.lua).
local M = {}

M.I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
M.CMK = "arn:aws:kms:us-east-1:111122223333:key/c0000000-0000-0000-0000-000000000001"
M.AWSKEY = "arn:aws:kms:us-east-1:111122223333:key/a0000000-0000-0000-0000-000000000002"
M.EXTKEY = "arn:aws:kms:us-east-1:111122223333:key/e0000000-0000-0000-0000-000000000003"
M.KS = "arn:aws:kinesis:us-east-1:111122223333:stream/acme-ctr"
M.FH = "arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-agent-events"

-- An instance whose StorageConfigs holds every ResourceType (empty unless
-- given), less the types listed in `drop`.
function M.instance(configs, drop)
  local storage = require "storage"
  local sc, skip = {}, {}
  for _, t in ipairs(drop or {}) do skip[t] = true end
  for _, t in ipairs(storage.RESOURCE_TYPES) do
    if not skip[t] then sc[t] = (configs or {})[t] or {} end
  end
  return { arn = M.I, name = "acme-prod", region = "us-east-1", data = { StorageConfigs = sc } }
end

function M.s3(assoc, key, bucket)
  return { AssociationId = assoc, StorageType = "S3",
           S3Config = { BucketName = bucket or "acme-recordings", BucketPrefix = "connect/acme-prod",
                        EncryptionConfig = key and { EncryptionType = "KMS", KeyId = key } or nil } }
end

function M.kvs(key)
  return { AssociationId = "kv1", StorageType = "KINESIS_VIDEO_STREAM",
           KinesisVideoStreamConfig = { Prefix = "acme-connect", RetentionPeriodHours = 24,
             EncryptionConfig = key and { EncryptionType = "KMS", KeyId = key } or nil } }
end

function M.ks() return { AssociationId = "ks1", StorageType = "KINESIS_STREAM", KinesisStreamConfig = { StreamArn = M.KS } } end
function M.fh() return { AssociationId = "fh1", StorageType = "KINESIS_FIREHOSE", KinesisFirehoseConfig = { FirehoseArn = M.FH } } end

function M.stream(enc, key)
  return { type = "kinesis_stream", arn = M.KS, name = "acme-ctr", region = "us-east-1",
           data = { StreamDescriptionSummary = { StreamName = "acme-ctr", EncryptionType = enc, KeyId = key } } }
end

function M.delivery(desc)
  return { type = "firehose_delivery_stream", arn = M.FH, name = "acme-agent-events", region = "us-east-1",
           data = { DeliveryStreamDescription = desc } }
end

-- A kms_key resource: manager "AWS" | "CUSTOMER", origin "AWS_KMS" | "EXTERNAL" | …
function M.key(key_arn, manager, origin, aliases)
  local list = {}
  for _, a in ipairs(aliases or {}) do list[#list + 1] = { AliasName = a, TargetKeyId = key_arn } end
  return { type = "kms_key", arn = key_arn, name = (aliases and aliases[1]) or key_arn, region = "us-east-1",
           data = { KeyMetadata = { Arn = key_arn, KeyManager = manager, Origin = origin }, Aliases = list } }
end

function M.keys()
  return { M.key(M.CMK, "CUSTOMER", "AWS_KMS", { "alias/acme-connect" }),
           M.key(M.AWSKEY, "AWS", "AWS_KMS", { "alias/aws/connect" }),
           M.key(M.EXTKEY, "CUSTOMER", "EXTERNAL") }
end

-- keys() plus more resources.
function M.with_keys(...)
  local out = M.keys()
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end

return M
