-- REG-2: the integrations BASE-LAM-001 (Lambda) and PII-S3-010 (buckets) do not
-- judge are in the instance's region too: the Lex bots associated with it
-- (V1: LexBot.LexRegion; V2: the region of LexV2Bot.AliasArn), and per storage
-- config the Kinesis stream (KinesisStreamConfig.StreamArn), the Firehose
-- stream (KinesisFirehoseConfig.FirehoseArn) and the KMS key
-- (S3Config / KinesisVideoStreamConfig EncryptionConfig.KeyId) it names.
-- Kinesis Video streams are created by Connect in the instance's own region
-- (only their key is named), so their region is not a question.
--
-- The region is read from the ARN, never guessed: a key named by a bare key ID
-- or alias name is one KMS resolves in the region of the call (AWS KMS
-- Developer Guide, "Key identifiers": another region's key needs its ARN), so it
-- is the instance's; a value that is neither is error. Regions accepted beside
-- the instance's: the baseline parameter integration_regions_extra.
-- One finding per bot and per storage config with such a reference, filed
-- under the instance; the message names the integration.
local arn = require "arn"
local storage = require "storage"

local function allowed(ctx, home, region)
  if region == home then return true end
  for _, x in ipairs(ctx.params.integration_regions_extra) do
    if x == region then return true end
  end
  return false
end

local function expected(ctx, home)
  local out = { home }
  for _, x in ipairs(ctx.params.integration_regions_extra) do out[#out + 1] = x end
  return table.concat(out, " or ")
end

-- region of a KMS KeyId value: ARN -> its region; key ID / alias name -> the
-- instance's (resolved in the caller's region); else nil
local function key_region(id, home)
  if type(id) ~= "string" or id == "" then return nil end
  if arn.is_arn(id) then return arn.service(id) == "kms" and arn.region(id) or nil end
  if id:match("^alias/") or id:match("^%x+%-%x+%-%x+%-%x+%-%x+$") or id:match("^mrk%-%x+$") then return home end
  return nil
end

-- {label, value, path, region or nil} items of one storage config
local function refs(ctx, cfg, home)
  local out = {}
  local function add(label, view, key, region_of)
    if view and view[key] ~= nil then
      out[#out + 1] = { label = label, value = view[key], path = ctx:ptr(view, key), region = region_of(view[key]) }
    end
  end
  local s3, kvs = cfg.S3Config, cfg.KinesisVideoStreamConfig
  add("KMS key", s3 and s3.EncryptionConfig or nil, "KeyId", function(v) return key_region(v, home) end)
  add("KMS key", kvs and kvs.EncryptionConfig or nil, "KeyId", function(v) return key_region(v, home) end)
  add("Kinesis stream", cfg.KinesisStreamConfig, "StreamArn", function(v)
    return arn.service(v) == "kinesis" and arn.region(v) or nil end)
  add("Firehose stream", cfg.KinesisFirehoseConfig, "FirehoseArn", function(v)
    return arn.service(v) == "firehose" and arn.region(v) or nil end)
  return out
end

local function judge_items(ctx, home, what, items)
  local ev, bad, unreadable, names = {}, {}, {}, {}
  for _, it in ipairs(items) do
    ev[#ev + 1] = { path = it.path, expected = "in " .. expected(ctx, home) }
    local text = it.text or (it.label .. " " .. tostring(it.value))
    names[#names + 1] = text
    if not it.region then
      unreadable[#unreadable + 1] = text
    elseif not allowed(ctx, home, it.region) then
      bad[#bad + 1] = text .. " is in " .. it.region
    end
  end
  if #bad > 0 then
    return "fail", ("%s: %s, outside the instance's region %s"):format(what, table.concat(bad, "; "), home), ev
  end
  if #unreadable > 0 then
    return "error", ("%s: no region can be read from %s (not an ARN of that service, a key ID or an alias)")
      :format(what, table.concat(unreadable, "; ")), ev
  end
  return "pass", ("%s: %s in %s"):format(what, table.concat(names, ", "), expected(ctx, home)), ev
end

return {
  id = "BASE-REG-002",
  title = "Lex bots, KMS keys and streams integrated with the instance are in its region",
  severity = "medium",
  practice = "REG-2",
  controls = { BASELINE = {"REG-2"}, PII = {"GDPR-44"} },
  resource = "connect_instance",
  rationale = "A bot in another region adds latency to every turn of the conversation, and the "
    .. "caller's utterances, the contact records a stream carries and the data a key protects leave "
    .. "the instance's region: a transfer the data-protection assessment may never have covered, and "
    .. "a second region whose outage stops the contact center.",
  remediation = "Build the bot (or create the stream or key) in the instance's region, then Amazon "
    .. "Connect console > the instance > Flows > Amazon Lex (or Data storage > Edit): associate the new "
    .. "one and remove the old; CLI: aws connect associate-bot / disassociate-bot, aws connect "
    .. "update-instance-storage-config. A region accepted on purpose goes in the baseline parameter "
    .. "integration_regions_extra.",
  check = function(r, ctx)
    local home = r.region
    local bots = ctx:need(r.data, "LexBots")
    for i, b in ipairs(bots) do
      local v1, v2 = b.LexBot, b.LexV2Bot
      local st, msg, ev
      if v1 and v1.LexRegion ~= nil then
        st, msg, ev = judge_items(ctx, home, "Lex V1 bot " .. tostring(v1.Name),
          { { text = "the bot (LexRegion)", value = v1.LexRegion, path = ctx:ptr(bots, i, "LexBot", "LexRegion"),
              region = type(v1.LexRegion) == "string" and v1.LexRegion ~= "" and v1.LexRegion or nil } })
      elseif v2 and v2.AliasArn ~= nil then
        local a = v2.AliasArn
        st, msg, ev = judge_items(ctx, home, "Lex V2 bot alias " .. tostring(a),
          { { text = "the alias", value = a, path = ctx:ptr(bots, i, "LexV2Bot", "AliasArn"),
              region = arn.service(a) == "lex" and arn.region(a) or nil } })
      else
        st, msg, ev = "error", "associated bot " .. i .. " names neither LexBot.LexRegion nor LexV2Bot.AliasArn",
          { path = ctx:ptr(bots, i) }
      end
      ctx[st](ctx, "Instance " .. r.name .. ": " .. msg, ev)
    end
    storage.each(ctx, r, function(_, cfg, what)
      local items = refs(ctx, cfg, home)
      if #items == 0 then return nil end
      return judge_items(ctx, home, what, items)
    end, nil, "has no storage configuration naming a stream or key")
  end,
}
