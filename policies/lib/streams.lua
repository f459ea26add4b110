-- streams: is the data in a Kinesis data stream or a Firehose delivery stream
-- encrypted at rest? One judgment for BASE-KIN-001, HIPAA-FH-001 and PII-STO-001.
--
-- API (each returns status, message, evidence; the caller records them, e.g.
-- ctx[status](ctx, prefix .. message, evidence)):
--   streams.kinesis(ctx, s [, lead])        s: a kinesis_stream resource ({arn, name, data})
--       pass   StreamDescriptionSummary.EncryptionType is "KMS" (message names KeyId)
--       fail   any other value, JSON null included ("EncryptionType null")
--       evidence: lead…, {StreamDescriptionSummary/EncryptionType, expected "KMS"}
--   streams.firehose(ctx, f [, lead])       f: a firehose_delivery_stream resource
--       Kinesis data stream source (Source.KinesisStreamSourceDescription, or
--         DeliveryStreamType KinesisStreamAsSource): Firehose keeps no data at rest,
--         the source stream does: streams.kinesis_arn on it, with the
--         KinesisStreamARN item added to the lead
--       MSK source: manual (the data rests in the MSK cluster, not in the snapshot)
--       otherwise (DirectPut, …) server-side encryption decides:
--         DeliveryStreamEncryptionConfiguration absent/null -> fail;
--         Status "ENABLED" -> pass; another Status -> fail
--       evidence: lead…, {…/Status, expected "ENABLED"}, {…/KeyType} when present
--   streams.kinesis_arn(ctx, arn, lead) / streams.firehose_arn(ctx, arn, lead)
--       the same for a stream named by ARN; not in the snapshot: status "error",
--       message naming its collection errors (lib/collection.lua), evidence lead
--
-- `lead`: nil when the stream is the resource under check: a field missing from it
-- stops the check through ctx:need (status error). Otherwise a list of evidence
-- items that led to the stream (the ARN that names it); a field missing from the
-- stream then gives status "error" ("missing evidence: PATH is not in the snapshot
-- (collection error: …)") with evidence lead…, {path = PATH}. Never "pass" for
-- anything not collected.
-- Messages have the stream as subject ("Kinesis stream S encrypts records with KMS
-- with key K"); callers prefix their own context.
local collection = require "collection"

local streams = {}

local function label(s) return s.name or s.arn end

local function with(lead, ...)
  local out = {}
  for _, item in ipairs(lead or {}) do out[#out + 1] = item end
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end

local function is_object(v) return type(v) == "table" or type(v) == "userdata" end

-- view[k1][k2]… like ctx:need. No lead: ctx:need itself (a gap stops the check).
-- With a lead: the value, or nil plus the error judgment for the gap.
local function field(ctx, s, lead, expected, view, ...)
  if lead == nil then return ctx:need(view, ...) end
  local cur, keys = view, {}
  for i = 1, select("#", ...) do
    local k = select(i, ...)
    keys[#keys + 1] = k
    local nxt = nil
    if is_object(cur) then nxt = cur[k] end
    if nxt == nil then
      local path = ctx:ptr(view, table.unpack(keys))
      return nil, "error", ("missing evidence: %s is not in the snapshot (%s)"):format(path,
        collection.explain(ctx, s.arn)), with(lead, { path = path, expected = expected })
    end
    cur = nxt
  end
  return cur
end

function streams.kinesis(ctx, s, lead)
  local enc, st, msg, ev = field(ctx, s, lead, "KMS", s.data, "StreamDescriptionSummary", "EncryptionType")
  if st then return st, msg, ev end
  local sum = s.data.StreamDescriptionSummary
  local evidence = with(lead, { path = ctx:ptr(sum, "EncryptionType"), expected = "KMS" })
  if enc ~= "KMS" then
    return "fail", ("Kinesis stream %s stores records unencrypted (EncryptionType %s)"):format(
      label(s), enc and tostring(enc) or "null"), evidence
  end
  local key, by = sum.KeyId, ""
  if key == "alias/aws/kinesis" then by = " with the AWS managed key alias/aws/kinesis"
  elseif key then by = " with key " .. tostring(key) end
  return "pass", ("Kinesis stream %s encrypts records with KMS%s"):format(label(s), by), evidence
end

local function not_in_snapshot(ctx, what, stream_arn, lead)
  return "error", ("%s %s is not in the snapshot, so its encryption cannot be seen (%s)"):format(what,
    stream_arn, collection.explain(ctx, stream_arn)), with(lead)
end

function streams.kinesis_arn(ctx, stream_arn, lead)
  local s = ctx:lookup("kinesis_stream", stream_arn)
  if not s then return not_in_snapshot(ctx, "Kinesis stream", stream_arn, lead or {}) end
  return streams.kinesis(ctx, s, lead or {})
end

function streams.firehose(ctx, f, lead)
  local d, st, msg, ev = field(ctx, f, lead, nil, f.data, "DeliveryStreamDescription")
  if st then return st, msg, ev end
  local src = d.Source
  if (src and src.KinesisStreamSourceDescription) or d.DeliveryStreamType == "KinesisStreamAsSource" then
    local stream_arn
    stream_arn, st, msg, ev = field(ctx, f, lead, nil, d, "Source", "KinesisStreamSourceDescription",
      "KinesisStreamARN")
    if st then return st, msg, ev end
    local ksrc = d.Source.KinesisStreamSourceDescription
    st, msg, ev = streams.kinesis_arn(ctx, stream_arn, with(lead, { path = ctx:ptr(ksrc, "KinesisStreamARN") }))
    return st, ("Firehose stream %s keeps no data at rest for its Kinesis source (Firehose's own SSE does " ..
      "not apply): %s"):format(label(f), msg), ev
  end
  if (src and src.MSKSourceDescription) or d.DeliveryStreamType == "MSKAsSource" then
    return "manual", ("Firehose stream %s reads from Amazon MSK; the data rests in the MSK cluster, " ..
      "which the snapshot does not hold: confirm its encryption at rest"):format(label(f)),
      with(lead, { path = (src and src.MSKSourceDescription) and ctx:ptr(src, "MSKSourceDescription")
                     or ctx:ptr(d, "DeliveryStreamType"),
                   expected = "MSK cluster encrypted at rest (attest)" })
  end
  local cfg = d.DeliveryStreamEncryptionConfiguration
  if not cfg then
    return "fail", ("Firehose stream %s reports no server-side encryption configuration"):format(label(f)),
      with(lead, { path = ctx:ptr(d, "DeliveryStreamEncryptionConfiguration"), expected = { Status = "ENABLED" } })
  end
  local status
  status, st, msg, ev = field(ctx, f, lead, "ENABLED", cfg, "Status")
  if st then return st, msg, ev end
  local evidence = with(lead, { path = ctx:ptr(cfg, "Status"), expected = "ENABLED" })
  if cfg.KeyType ~= nil then evidence[#evidence + 1] = { path = ctx:ptr(cfg, "KeyType") } end
  if status ~= "ENABLED" then
    return "fail", ("Firehose stream %s does not encrypt buffered data (server-side encryption %s)"):format(
      label(f), status and tostring(status) or "null"), evidence
  end
  local key = cfg.KeyType == "CUSTOMER_MANAGED_CMK" and (" with customer managed key " .. tostring(cfg.KeyARN))
    or (cfg.KeyType == "AWS_OWNED_CMK" and " with an AWS owned key" or "")
  return "pass", ("Firehose stream %s encrypts buffered data%s"):format(label(f), key), evidence
end

function streams.firehose_arn(ctx, fh_arn, lead)
  local f = ctx:lookup("firehose_delivery_stream", fh_arn)
  if not f then return not_in_snapshot(ctx, "Firehose stream", fh_arn, lead or {}) end
  return streams.firehose(ctx, f, lead or {})
end

return streams
