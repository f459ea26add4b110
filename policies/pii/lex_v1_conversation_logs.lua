-- PII-LEX-003: Lex V1 conversation logs, where an alias configures them, are
-- encrypted with KMS -- PII-LEX-002's check for the older Lex Model Building
-- Service. A V1 bot's conversation logs are its aliases' (GetBotAliases
-- BotAliases[].conversationLogs.logSettings, collected into the bot's
-- data.Aliases, every page); an instance names the V1 bot, not an alias
-- (ListBots LexBot {Name, LexRegion}), and a flow may use any alias, so every
-- alias is judged and the finding is the bot's. A log setting is listed only
-- when it is on (V1 has no `enabled` flag):
--   logType TEXT, destination CLOUDWATCH_LOGS -> resourceArn is the log group
--     (looked up as a logs_log_group): it must have kmsKeyId; not in the
--     snapshot -> error.
--   logType AUDIO, destination S3 -> kmsKeyArn must be set.
--   No alias, or no alias with logSettings -> pass: Lex keeps no conversation
--   log ($LATEST, which an alias-less bot runs, cannot have any).
--   data.Aliases absent (GetBotAliases failed, or an older collector) -> error.
local collection = require "collection"
local lex = require "lex"

local RANK = { pass = 1, fail = 2, error = 3 }

-- One judgment per log setting of alias a: status, message, evidence items.
local function judge(ctx, a, s)
  local who = ("alias %s"):format(tostring(a.name))
  local arn_v = s.resourceArn
  if s.destination == "CLOUDWATCH_LOGS" then
    local lead = { path = ctx:ptr(s, "resourceArn"), expected = "a KMS-encrypted log group" }
    if type(arn_v) ~= "string" or arn_v == "" then
      return "error", who .. ": text logs name no log group (resourceArn)", { lead }
    end
    local key = arn_v:gsub(":%*$", "")
    local g = ctx:lookup("logs_log_group", key)
    if not g or not g.data.LogGroup then
      return "error", ("%s: text logs go to log group %s, which is not in the snapshot (%s)")
        :format(who, key, collection.explain(ctx, key)), { lead }
    end
    local lg = g.data.LogGroup
    local item = { path = ctx:ptr(lg, "kmsKeyId"), expected = "a KMS key ARN" }
    local name = lg.logGroupName or key
    if type(lg.kmsKeyId) == "string" and lg.kmsKeyId ~= "" then
      return "pass", ("%s: text logs go to log group %s, encrypted with %s"):format(who, name, lg.kmsKeyId), { lead, item }
    end
    return "fail", ("%s: text logs go to log group %s, which has no KMS key"):format(who, name), { lead, item }
  elseif s.destination == "S3" then
    local item = { path = ctx:ptr(s) .. "/kmsKeyArn", expected = "a KMS key ARN" }
    if type(s.kmsKeyArn) == "string" and s.kmsKeyArn ~= "" then
      return "pass", ("%s: audio logs go to %s, encrypted with %s"):format(who, tostring(arn_v), s.kmsKeyArn), { item }
    end
    return "fail", ("%s: audio logs go to %s with no kmsKeyArn"):format(who, tostring(arn_v)), { item }
  end
  return "error", ("%s: a %s log to destination %s, which this rule does not know"):format(who, tostring(s.logType),
    tostring(s.destination)), { { path = ctx:ptr(s, "destination"), expected = "CLOUDWATCH_LOGS or S3" } }
end

return {
  id = "PII-LEX-003",
  title = "Lex V1 conversation logs are encrypted with KMS",
  severity = "medium",
  practice = "PII-2",
  controls = lex.log_controls(),
  resource = "lex_bot",
  rationale = lex.LOG_RATIONALE,
  remediation = "Lex V1 console > bot > Settings > Conversation logs > alias: for text logs use a log group " ..
    "associated with a KMS key (aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN); for " ..
    "audio logs choose a KMS key (aws lex-models put-bot-alias ... --conversation-logs " ..
    "logSettings=[{logType=AUDIO,destination=S3,resourceArn=BUCKET_ARN,kmsKeyArn=KEY_ARN}],iamRoleArn=ROLE). " ..
    "Better: migrate the bot to Lex V2 (Lex V1 is deprecated).",
  check = function(r, ctx)
    local name = "Lex V1 bot " .. tostring(r.name or r.arn)
    local aliases = r.data.Aliases
    if aliases == nil then
      ctx:error(("%s: its aliases, which hold the conversation logs, were not collected (%s)")
        :format(name, collection.explain(ctx, r.arn, "lex-models:GetBotAliases")),
        { path = "data/Aliases", expected = "GetBotAliases BotAliases, every page" })
      return
    end
    local worst, parts, evidence = "pass", {}, {}
    for _, a in ipairs(aliases) do
      for _, s in ipairs((a.conversationLogs and a.conversationLogs.logSettings) or {}) do
        local st, msg, ev = judge(ctx, a, s)
        if RANK[st] > RANK[worst] then worst = st end
        parts[#parts + 1] = msg
        for _, e in ipairs(ev) do evidence[#evidence + 1] = e end
      end
    end
    if #parts == 0 then
      ctx:pass(("%s keeps no conversation logs (%d alias(es), none with logSettings)"):format(name, #aliases),
        { { path = "data/Aliases", expected = "no alias with conversation logs, or every log encrypted" } })
      return
    end
    ctx[worst](ctx, name .. ": " .. table.concat(parts, "; "), evidence)
  end,
}
