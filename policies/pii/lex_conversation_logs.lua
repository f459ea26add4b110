-- PII-LEX-002: Lex V2 conversation logs, where enabled, are encrypted with KMS.
-- Conversation logs hold what callers said and typed (names, account numbers).
-- The logs are the bot ALIAS's (DescribeBotAlias .conversationLogSettings), so
-- the finding is the alias's (lexv2_bot_alias), linking its bot and the
-- instances that name it in the evidence:
--   textLogSettings[i] enabled -> its CloudWatch log group (looked up as a
--     logs_log_group) must have kmsKeyId (DescribeLogGroups omits it when the
--     group is not KMS-encrypted); not in the snapshot -> error.
--   audioLogSettings[i] enabled -> destination.s3Bucket.kmsKeyArn must be set.
--   Nothing enabled, or conversationLogSettings omitted (AWS omits it when no
--   logs are configured) -> pass: Lex keeps no conversation log.
local arn = require "arn"
local collection = require "collection"
local lex = require "lex"

-- One judgment per enabled log setting: status, message, evidence item.
local function text_log(ctx, s)
  local cw = s.destination and s.destination.cloudWatch
  local group_arn = cw and cw.cloudWatchLogGroupArn
  if type(group_arn) ~= "string" then
    return "error", "text log destination names no cloudWatchLogGroupArn",
      { path = ctx:ptr(s, "destination"), expected = "cloudWatch.cloudWatchLogGroupArn" }
  end
  local lead = { path = ctx:ptr(cw, "cloudWatchLogGroupArn") }
  -- the snapshot keys log groups by ARN without the trailing ":*"
  local key = group_arn:gsub(":%*$", "")
  local g = ctx:lookup("logs_log_group", key)
  if not g or not g.data.LogGroup then
    return "error", ("text logs go to log group %s, which is not in the snapshot (%s)"):format(key,
      collection.explain(ctx, key)), lead
  end
  local lg = g.data.LogGroup
  local item = { path = ctx:ptr(lg, "kmsKeyId"), expected = "a KMS key ARN" }
  local name = lg.logGroupName or select(2, arn.resource_parts(key))
  if type(lg.kmsKeyId) == "string" and lg.kmsKeyId ~= "" then
    return "pass", ("text logs go to log group %s, encrypted with %s"):format(name, lg.kmsKeyId), { lead, item }
  end
  return "fail", ("text logs go to log group %s, which has no KMS key"):format(name), { lead, item }
end

local function audio_log(ctx, s)
  local b = s.destination and s.destination.s3Bucket
  if not b then
    return "error", "audio log destination names no s3Bucket",
      { path = ctx:ptr(s, "destination"), expected = "s3Bucket.kmsKeyArn" }
  end
  local item = { path = ctx:ptr(b) .. "/kmsKeyArn", expected = "a KMS key ARN" }
  local where = tostring(b.s3BucketArn or "?")
  if type(b.kmsKeyArn) == "string" and b.kmsKeyArn ~= "" then
    return "pass", ("audio logs go to %s, encrypted with %s"):format(where, b.kmsKeyArn), { item }
  end
  return "fail", ("audio logs go to %s with no kmsKeyArn"):format(where), { item }
end

local RANK = { pass = 1, manual = 2, fail = 3, error = 4 }

return {
  id = "PII-LEX-002",
  title = "Lex V2 conversation logs are encrypted with KMS",
  severity = "medium",
  practice = "PII-2",
  controls = lex.log_controls(),
  resource = "lexv2_bot_alias",
  rationale = lex.LOG_RATIONALE,
  remediation = "Lex console > Bots > bot > Aliases > alias > Conversation logs > Edit: for text logs " ..
    "use a log group associated with a KMS key (aws logs associate-kms-key --log-group-name NAME " ..
    "--kms-key-id KEY_ARN); for audio logs choose a KMS key. CLI: aws lexv2-models update-bot-alias " ..
    "... --conversation-log-settings file://logs.json (audioLogSettings[].destination.s3Bucket.kmsKeyArn).",
  check = function(r, ctx)
    local a = ctx:need(r.data, "BotAlias")
    local name = lex.alias_label(ctx, r)
    local links = lex.alias_links(ctx, r)
    local cls = a.conversationLogSettings
    local worst, parts, evidence = "pass", {}, {}
    local function add(status, msg, ev)
      if RANK[status] > RANK[worst] then worst = status end
      parts[#parts + 1] = msg
      for _, e in ipairs(ev[1] and ev or { ev }) do evidence[#evidence + 1] = e end
    end
    if cls then
      for _, s in ipairs(cls.textLogSettings or {}) do
        if s.enabled == true then add(text_log(ctx, s)) end
      end
      for _, s in ipairs(cls.audioLogSettings or {}) do
        if s.enabled == true then add(audio_log(ctx, s)) end
      end
    end
    if #parts == 0 then
      evidence = { { path = "data/BotAlias/conversationLogSettings", expected = "no enabled log, or every log encrypted" } }
      -- settings omitted: the alias as collected, without them, is the evidence
      if cls == nil then evidence[2] = { path = "data/BotAlias", note = "the alias, without conversationLogSettings" } end
    end
    for _, l in ipairs(links) do evidence[#evidence + 1] = l end
    if #parts == 0 then
      ctx:pass(name .. " keeps no conversation logs (none enabled)", evidence)
    else
      ctx[worst](ctx, name .. ": " .. table.concat(parts, "; "), evidence)
    end
  end,
}
