-- PII-STO-001: every place Amazon Connect stores or streams contact data
-- (its instance storage configs) is encrypted with KMS.
--
-- One finding per storage config, filed under the instance:
--   S3 / KINESIS_VIDEO_STREAM: the config's own EncryptionConfig must be KMS
--     with a key (an absent EncryptionConfig is AWS's "none": fail).
--   KINESIS_STREAM: the target stream, looked up in the snapshot, must have
--     EncryptionType KMS.
--   KINESIS_FIREHOSE: the target delivery stream must have SSE ENABLED, or, when
--     it reads from a Kinesis stream, that stream must be KMS-encrypted; an MSK
--     source is manual (as in HIPAA-FH-001).
--   A target not in the snapshot, or missing the field that decides: error.
--   Kinesis and Firehose targets are judged by lib/streams.lua (as BASE-KIN-001
--   and HIPAA-FH-001 judge them).
-- Every ResourceType ListInstanceStorageConfigs knows is expected in
-- StorageConfigs; a type missing from it was not collected: one error for it.
local collection = require "collection"
local storage = require "storage"
local streams = require "streams"

local function missing(ctx, view, key, arn, what, operation)
  local path = ctx:ptr(view, key)
  return "error", ("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
    collection.explain(ctx, arn, operation)), { path = path }
end

-- S3Config / KinesisVideoStreamConfig carry their own EncryptionConfig.
local function own_encryption(ctx, conf, what)
  local enc = conf.EncryptionConfig
  local item = { path = ctx:ptr(conf) .. "/EncryptionConfig", expected = { EncryptionType = "KMS", KeyId = "KEY_ARN" } }
  if enc and enc.EncryptionType == "KMS" and type(enc.KeyId) == "string" and enc.KeyId ~= "" then
    return "pass", ("%s is encrypted with KMS key %s"):format(what, enc.KeyId), item
  end
  if not enc then return "fail", what .. " names no KMS encryption key", item end
  return "fail", ("%s is not encrypted with a KMS key (EncryptionType %s, KeyId %s)"):format(what,
    tostring(enc.EncryptionType or "absent"), tostring(enc.KeyId or "absent")), item
end

-- Reads no field through ctx:need: a gap in one config is an error for that
-- config alone, and the others are still judged.
local LIST_OP = "connect:ListInstanceStorageConfigs"
local CONFIG_OF = storage.CONFIG_OF

local function prefixed(what, status, msg, evidence)
  return status, what .. ": " .. msg, evidence
end

local function judge(r, ctx, cfg, what)
  local st = cfg.StorageType
  if st == nil then return missing(ctx, cfg, "StorageType", r.arn, what, LIST_OP) end
  local member = CONFIG_OF[st]
  if not member then
    return "error", ("%s has StorageType %s, which this rule does not know how to judge"):format(what,
      tostring(st)), { path = ctx:ptr(cfg, "StorageType") }
  end
  local conf = cfg[member]
  if not conf then return missing(ctx, cfg, member, r.arn, what, LIST_OP) end
  if st == "S3" then
    local where = ("s3://%s/%s"):format(tostring(conf.BucketName), tostring(conf.BucketPrefix or ""))
    return own_encryption(ctx, conf, what .. " (" .. where .. ")")
  elseif st == "KINESIS_VIDEO_STREAM" then
    return own_encryption(ctx, conf, ("%s (Kinesis Video streams %s*)"):format(what, tostring(conf.Prefix or "")))
  elseif st == "KINESIS_STREAM" then
    if type(conf.StreamArn) ~= "string" then return missing(ctx, conf, "StreamArn", r.arn, what, LIST_OP) end
    return prefixed(what, streams.kinesis_arn(ctx, conf.StreamArn, { { path = ctx:ptr(conf, "StreamArn") } }))
  end
  if type(conf.FirehoseArn) ~= "string" then return missing(ctx, conf, "FirehoseArn", r.arn, what, LIST_OP) end
  return prefixed(what, streams.firehose_arn(ctx, conf.FirehoseArn, { { path = ctx:ptr(conf, "FirehoseArn") } }))
end

return {
  id = "PII-STO-001",
  title = "Every Amazon Connect storage configuration is encrypted with KMS",
  severity = "high",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "3.5.1" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2", "S3-2", "KIN-2" },
  },
  resource = "connect_instance",
  rationale = "Storage configurations send recordings, transcripts, contact trace records and " ..
    "media out of Amazon Connect; each destination must encrypt that personal data at rest " ..
    "with a KMS key, in S3 and in Kinesis, Firehose and Kinesis Video alike.",
  remediation = "Amazon Connect console > instance > Data storage: for each item choose Edit and " ..
    "enable encryption with a KMS key; for Kinesis and Firehose targets enable server-side " ..
    "encryption on the stream. CLI: aws connect update-instance-storage-config --instance-id ID " ..
    "--association-id ASSOC --resource-type TYPE --storage-config file://config.json (with " ..
    "EncryptionConfig {EncryptionType: KMS, KeyId: KEY_ARN}); aws kinesis start-stream-encryption; " ..
    "aws firehose start-delivery-stream-encryption.",
  check = function(r, ctx)
    -- every type of the model's enum, and types a newer collector knows (lib/storage.lua)
    storage.each(ctx, r, function(_, cfg, what) return judge(r, ctx, cfg, what) end, nil,
      "has no storage configurations: it stores no data outside Amazon Connect")
  end,
}
