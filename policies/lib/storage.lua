-- storage: walking an Amazon Connect instance's storage configs
-- (ListInstanceStorageConfigs, data.StorageConfigs: ResourceType -> list) and
-- finding where each one keeps its data and with which KMS key.
--
-- API:
--   storage.RESOURCE_TYPES  the ResourceType enum (botocore connect model, 2025)
--   storage.each(ctx, r, judge [, only]) -> number of findings recorded
--       StorageConfigs is read through ctx:need. For each ResourceType (enum order,
--       then types a newer collector added, JSON order): one the region's endpoint
--       does not know (storage.unknown_type) -> passed over: no config of it can
--       exist there; else not collected -> one
--       error finding naming the collection error; else judge(rtype, cfg, what)
--       for every config, which returns status, message, evidence (or nil to
--       record nothing), recorded as "Instance NAME: message". `only` (optional):
--       a set of StorageType values to visit (others are passed over). No finding
--       at all -> one skip ("no storage configurations").
--   storage.key(ctx, r, cfg, what) -> where, key_id, lead   (key_id nil = no key of
--       the account: unencrypted or AWS owned)   or   nil, status, message, evidence
--       S3 / KINESIS_VIDEO_STREAM: EncryptionConfig.KeyId (EncryptionConfig absent:
--         AWS's "none"); KINESIS_STREAM: the stream's StreamDescriptionSummary
--         (KeyId when EncryptionType is KMS); KINESIS_FIREHOSE: the delivery
--         stream's DeliveryStreamEncryptionConfiguration.KeyARN when KeyType is
--         CUSTOMER_MANAGED_CMK, none for AWS_OWNED_CMK or no SSE, or the source
--         Kinesis stream's key; MSK source: manual. `where` names the place
--         ("s3://b/p", "Kinesis stream S"); `unencrypted` is true in the third
--         return's table when the data is not encrypted at all.
--   storage.check_key_level(r, ctx, required) -- the whole check of the key-level
--       rules: every config's key (storage.key) judged by kms.judge against
--       `required` (a kms.LEVELS name, from the pack's storage_key_level); data
--       stored unencrypted fails.
-- A gap in one config is an error for that config alone (no ctx:need there).
local collection = require "collection"
local kms = require "kms"

local with = kms.with

local storage = {}

storage.RESOURCE_TYPES = {
  "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS",
  "CONTACT_TRACE_RECORDS", "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS",
  "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS",
  "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
  "EMAIL_MESSAGES",
}

local LIST_OP = "connect:ListInstanceStorageConfigs"
storage.CONFIG_OF = {
  S3 = "S3Config", KINESIS_VIDEO_STREAM = "KinesisVideoStreamConfig",
  KINESIS_STREAM = "KinesisStreamConfig", KINESIS_FIREHOSE = "KinesisFirehoseConfig",
}

local function label(r) return r.name or r.arn end

-- The errors[] entry saying the endpoint of r's region does not know storage
-- type t (the collector asks each type once per region; an older API
-- generation answers ValidationException naming resourceType), or nil.
-- Such a type cannot be configured on any instance there: storage configs
-- are associated through the same regional API, whose ResourceType enum
-- lacks it -- so it is absence, not missing evidence.  Only this exact
-- entry counts; any other failure stays an error.
function storage.unknown_type(ctx, r, t)
  local want = "the endpoint does not know storage type " .. t .. " "
  for _, e in ipairs(collection.errors_for_op(ctx, LIST_OP, r.region)) do
    if e.code == "ValidationException" and type(e.message) == "string" and e.message:sub(1, #want) == want
      and type(e.arn) == "string" and e.arn:match(":instance/%*$") then
      return e
    end
  end
  return nil
end

function storage.each(ctx, r, judge, only, none)
  local all = ctx:need(r.data, "StorageConfigs")
  local types, known = {}, {}
  for _, t in ipairs(storage.RESOURCE_TYPES) do types[#types + 1] = t; known[t] = true end
  for t in pairs(all) do
    if not known[t] then types[#types + 1] = t end
  end
  local findings = 0
  for _, t in ipairs(types) do
    local list = all[t]
    if list == nil and storage.unknown_type(ctx, r, t) then
      -- not configurable in this region: nothing to judge
    elseif list == nil then
      ctx:error(("Instance %s: storage configs for %s were not collected (%s)"):format(label(r), t,
        collection.explain(ctx, r.arn, LIST_OP)), { path = ctx:ptr(all) .. "/" .. t })
      findings = findings + 1
    else
      for _, cfg in ipairs(list or {}) do
        if not only or only[cfg.StorageType] or cfg.StorageType == nil then
          local what = ("%s storage config %s"):format(t, tostring(cfg.AssociationId or "?"))
          local status, msg, evidence = judge(t, cfg, what)
          if status then
            ctx[status](ctx, ("Instance %s: %s"):format(label(r), msg), evidence)
            findings = findings + 1
          end
        end
      end
    end
  end
  if findings == 0 then
    ctx:skip(("Instance %s %s"):format(label(r), none or "has no storage configurations to judge here"))
  end
  return findings
end

local function missing(ctx, view, key, res_arn, what, operation, lead)
  local path = ctx:ptr(view, key)
  local ev = with(lead, { path = path })
  return nil, "error", ("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
    collection.explain(ctx, res_arn, operation)), ev
end

local function not_in_snapshot(ctx, kind, a, what, lead)
  return nil, "error", ("%s: %s %s is not in the snapshot (%s)"):format(what, kind, a,
    collection.explain(ctx, a)), lead
end

-- The key of a Kinesis data stream, looked up by ARN.
local function stream_key(ctx, stream_arn, what, lead)
  local s = ctx:lookup("kinesis_stream", stream_arn)
  if not s then return not_in_snapshot(ctx, "Kinesis stream", stream_arn, what, lead) end
  local sum = s.data.StreamDescriptionSummary
  if not sum then return missing(ctx, s.data, "StreamDescriptionSummary", s.arn, what, nil, lead) end
  if sum.EncryptionType == nil then return missing(ctx, sum, "EncryptionType", s.arn, what, nil, lead) end
  local ev = with(lead, { path = ctx:ptr(sum, "EncryptionType") })
  local where = "Kinesis stream " .. (s.name or s.arn)
  if sum.EncryptionType ~= "KMS" then ev.unencrypted = true; return where, nil, ev end
  if sum.KeyId == nil then return missing(ctx, sum, "KeyId", s.arn, what, nil, lead) end
  ev[#ev + 1] = { path = ctx:ptr(sum, "KeyId") }
  return where, sum.KeyId, ev
end

local function firehose_key(ctx, fh_arn, what, lead)
  local f = ctx:lookup("firehose_delivery_stream", fh_arn)
  if not f then return not_in_snapshot(ctx, "Firehose stream", fh_arn, what, lead) end
  local d = f.data.DeliveryStreamDescription
  if not d then return missing(ctx, f.data, "DeliveryStreamDescription", f.arn, what, nil, lead) end
  local src = d.Source
  if (src and src.KinesisStreamSourceDescription) or d.DeliveryStreamType == "KinesisStreamAsSource" then
    local ksrc = src and src.KinesisStreamSourceDescription
    if not (ksrc and ksrc.KinesisStreamARN) then
      return missing(ctx, d, "Source", f.arn, what, nil, lead)
    end
    return stream_key(ctx, ksrc.KinesisStreamARN, what, with(lead, { path = ctx:ptr(ksrc, "KinesisStreamARN") }))
  end
  if (src and src.MSKSourceDescription) or d.DeliveryStreamType == "MSKAsSource" then
    return nil, "manual", ("%s: Firehose stream %s reads from Amazon MSK; the data rests in the MSK cluster, " ..
      "which the snapshot does not hold: confirm its key"):format(what, f.name or f.arn), lead
  end
  local where = "Firehose stream " .. (f.name or f.arn)
  local cfg = d.DeliveryStreamEncryptionConfiguration
  local ev = with(lead)
  if not cfg or cfg.Status ~= "ENABLED" then
    ev[#ev + 1] = { path = ctx:ptr(d, "DeliveryStreamEncryptionConfiguration") }
    ev.unencrypted = true
    return where, nil, ev
  end
  if cfg.KeyType == nil then return missing(ctx, cfg, "KeyType", f.arn, what, nil, lead) end
  ev[#ev + 1] = { path = ctx:ptr(cfg, "KeyType") }
  if cfg.KeyType ~= "CUSTOMER_MANAGED_CMK" then return where, nil, ev end
  if cfg.KeyARN == nil then return missing(ctx, cfg, "KeyARN", f.arn, what, nil, lead) end
  ev[#ev + 1] = { path = ctx:ptr(cfg, "KeyARN") }
  return where, cfg.KeyARN, ev
end

function storage.key(ctx, r, cfg, what)
  local st = cfg.StorageType
  if st == nil then return missing(ctx, cfg, "StorageType", r.arn, what, LIST_OP) end
  local member = storage.CONFIG_OF[st]
  if not member then
    return nil, "error", ("%s has StorageType %s, which this rule does not know how to judge"):format(what,
      tostring(st)), { path = ctx:ptr(cfg, "StorageType") }
  end
  local conf = cfg[member]
  if not conf then return missing(ctx, cfg, member, r.arn, what, LIST_OP) end
  if st == "S3" or st == "KINESIS_VIDEO_STREAM" then
    local where = st == "S3" and ("s3://%s/%s"):format(tostring(conf.BucketName), tostring(conf.BucketPrefix or ""))
      or ("Kinesis Video streams %s*"):format(tostring(conf.Prefix or ""))
    local enc = conf.EncryptionConfig
    local ev = { { path = ctx:ptr(conf) .. "/EncryptionConfig" } }
    -- absent: the config as collected, without it, is what the snapshot shows
    if enc == nil then ev[2] = { path = ctx:ptr(conf), note = "without EncryptionConfig" } end
    if not enc or enc.EncryptionType ~= "KMS" or not enc.KeyId or enc.KeyId == "" then
      ev.unencrypted = true
      return where, nil, ev
    end
    return where, enc.KeyId, ev
  end
  if st == "KINESIS_STREAM" then
    if type(conf.StreamArn) ~= "string" then return missing(ctx, conf, "StreamArn", r.arn, what, LIST_OP) end
    return stream_key(ctx, conf.StreamArn, what, { { path = ctx:ptr(conf, "StreamArn") } })
  end
  if type(conf.FirehoseArn) ~= "string" then return missing(ctx, conf, "FirehoseArn", r.arn, what, LIST_OP) end
  return firehose_key(ctx, conf.FirehoseArn, what, { { path = ctx:ptr(conf, "FirehoseArn") } })
end

function storage.check_key_level(r, ctx, required)
  storage.each(ctx, r, function(_, cfg, what)
    local where, key_id, lead, gap_evidence = storage.key(ctx, r, cfg, what)
    -- a gap: storage.key returned nil, status, message, evidence
    if not where then return key_id, lead, gap_evidence end
    local subject = ("%s (%s)"):format(what, where)
    if lead.unencrypted then
      for _, e in ipairs(lead) do e.expected = "encrypted with a key of level " .. required .. " or stronger" end
      return "fail", subject .. " stores data unencrypted", lead
    end
    return kms.judge(ctx, key_id, required, lead, subject, r.region)
  end)
end

return storage
