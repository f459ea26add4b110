-- Lex helpers shared by the COPPA rules (BASE-LEX-001 for Lex V1,
-- BASE-LEX-002 for Lex V2): the same decision over each version's flag;
-- and the Lex V2 bot aliases (lexv2_bot_alias resources, keyed by
-- arn:aws:lex:R:A:bot-alias/BOTID/ALIASID), which own their conversation logs
-- and resource policy:
--   M.alias_bot_arn(alias_arn)  -> "arn:aws:lex:R:A:bot/BOTID", or nil
--   M.alias_instances(ctx, alias_arn)
--                               -> list of {instance = resource, item = its
--                                  LexBots entry naming the alias}, ARN order
--                                  (one index of every instance, ctx:once)
--   M.alias_label(ctx, r)       -> "Lex V2 alias NAME of bot BOT"
--   M.alias_links(ctx, r)       -> evidence items linking the alias to its bot
--                                  (DescribeBot's botName) and to each instance
--                                  that names it (its LexBots entry)
--   M.outsiders(ctx, doc)       -> who a bot or alias resource policy lets in
--                                  beyond this account: list of {index, stmt,
--                                  why}, and the list of Allow statements read
--                                  (for evidence). An Allow counts when its
--                                  principal is everyone (unless a narrowing
--                                  condition confines it to this account), an
--                                  account other than the snapshot's, a
--                                  federated identity, or a service (Amazon
--                                  Connect or any other) without an
--                                  aws:SourceArn / aws:SourceAccount guard
--                                  (lib/deputy.lua) or with one naming another
--                                  account.
local iam = require "iam"
local arn = require "arn"
local deputy = require "deputy"

local M = {}

-- The account a condition value names: a 12-digit ID, or an ARN's account.
local function value_account(v)
  if type(v) ~= "string" then return nil end
  if v:match("^%d%d%d%d%d%d%d%d%d%d%d%d$") then return v end
  return arn.account(v)
end

-- Narrowing conditions whose values name accounts other than `own`.
local function foreign_values(stmt, own)
  local out = {}
  for _, c in ipairs(iam.narrowing_conditions(stmt)) do
    for _, v in ipairs(c.values) do
      local a = value_account(v)
      if a and a ~= own then out[#out + 1] = ("%s %s"):format(c.key, v) end
    end
  end
  return out
end

local function sid(i, stmt)
  return ("statement %d%s"):format(i, type(stmt.Sid) == "string" and (" (" .. stmt.Sid .. ")") or "")
end

function M.outsiders(ctx, doc)
  local own = ctx.snapshot.account_id
  local out, read = {}, {}
  for i, stmt in ipairs(iam.statements(doc)) do
    if iam.is_allow(stmt) then
      read[#read + 1] = stmt
      local why = {}
      local p = stmt.Principal
      if iam.is_public_principal(stmt) then
        if not iam.is_narrowed(stmt) then why[#why + 1] = "lets anyone (Principal *) in, with no narrowing condition" end
      elseif p and type(p) ~= "string" then
        for _, v in ipairs(iam.as_list(p.AWS)) do
          local a = value_account(tostring(v))
          if a ~= own then why[#why + 1] = ("lets principal %s in (not account %s)"):format(tostring(v), tostring(own)) end
        end
        for _, v in ipairs(iam.as_list(p.Federated)) do
          why[#why + 1] = ("lets federated principal %s in"):format(tostring(v))
        end
        for _, v in ipairs(iam.as_list(p.Service)) do
          local guarded = false
          for _, g in ipairs(deputy.grants({ Statement = { stmt } }, tostring(v))) do guarded = #g.guard > 0 end
          if not guarded then
            why[#why + 1] = ("lets %s in without an aws:SourceArn or aws:SourceAccount condition, so any " ..
              "account's use of the service can reach it (confused deputy)"):format(tostring(v))
          end
        end
      end
      for _, f in ipairs(foreign_values(stmt, own)) do why[#why + 1] = "admits another account (" .. f .. ")" end
      if #why > 0 then out[#out + 1] = { index = i, stmt = stmt, why = sid(i, stmt) .. " " .. table.concat(why, "; ") } end
    end
  end
  return out, read
end

function M.alias_bot_arn(alias_arn)
  if type(alias_arn) ~= "string" then return nil end
  local head, bot = alias_arn:match("^(arn:[^:]+:lex:[^:]*:[^:]*):bot%-alias/([^/]+)/[^/]+$")
  return head and (head .. ":bot/" .. bot) or nil
end

local function instance_index(ctx)
  return ctx:once("lex.alias_instances", function()
    local by_alias = {}
    for _, inst in ctx:resources("connect_instance") do
      for _, b in ipairs(inst.data.LexBots or {}) do
        local a = b.LexV2Bot and b.LexV2Bot.AliasArn
        if type(a) == "string" then
          local l = by_alias[a] or {}
          l[#l + 1] = { instance = inst, item = b }
          by_alias[a] = l
        end
      end
    end
    return by_alias
  end)
end

function M.alias_instances(ctx, alias_arn)
  return instance_index(ctx)[alias_arn] or {}
end

function M.alias_label(ctx, r)
  local a = r.data.BotAlias
  local name = (a and a.botAliasName) or r.name or r.arn
  local bot = ctx:lookup("lexv2_bot", M.alias_bot_arn(r.arn) or "")
  local bot_name = bot and bot.data.Bot and bot.data.Bot.botName
  return ("Lex V2 alias %s of bot %s"):format(tostring(name),
    tostring(bot_name or (bot and bot.name) or M.alias_bot_arn(r.arn) or "?"))
end

function M.alias_links(ctx, r)
  local out = {}
  local bot = ctx:lookup("lexv2_bot", M.alias_bot_arn(r.arn) or "")
  if bot and bot.data.Bot then
    out[#out + 1] = { path = ctx:ptr(bot.data.Bot, "botName"), note = "the alias's bot" }
  end
  for _, u in ipairs(M.alias_instances(ctx, r.arn)) do
    out[#out + 1] = { path = ctx:ptr(u.item), note = "instance " .. tostring(u.instance.name) .. " names this alias" }
  end
  return out
end

-- Decides LEX-1 for one bot.
--   flag      the bot's childDirected value as read (true, false; JSON null
--             reads as false: "nothing declared" is not a child-directed
--             declaration)
--   path      evidence pointer of that flag
--   bot_name  for messages
-- The audience is a fact the cloud does not hold: the baseline pack's
-- `lex_audience_children` parameter states it.
--
-- audience includes children  -> flag must be true (COPPA: Lex then does not
--                                store utterances); false fails.
-- audience has no children     -> false passes. true is `manual`: Lex keeps no
--                                utterances (more protective, so not a fail),
--                                but AWS requires the flag to state the use
--                                accurately, so either the parameter or the
--                                declaration is wrong and a person must say
--                                which.
function M.decide_coppa(ctx, flag, path, bot_name)
  local children = ctx.params.lex_audience_children == true
  local is_child_directed = flag == true
  if children then
    local want = "true (lex_audience_children = true)"
    if is_child_directed then
      ctx:pass("bot " .. bot_name .. " is declared child-directed (COPPA), as its audience includes children",
        { path = path, expected = want })
    else
      ctx:fail("bot " .. bot_name .. " is not declared child-directed, but the audience includes "
        .. "children under 13 (lex_audience_children = true): COPPA applies and utterances are stored",
        { path = path, expected = want })
    end
  else
    local want = "false (lex_audience_children = false)"
    if is_child_directed then
      ctx:manual("bot " .. bot_name .. " is declared child-directed while the pack says its audience "
        .. "has no children (lex_audience_children = false): confirm which is right; AWS requires "
        .. "the flag to state the use accurately",
        { path = path, expected = want })
    else
      ctx:pass("bot " .. bot_name .. " is not declared child-directed, and the audience has no children",
        { path = path, expected = want })
    end
  end
end

-- PII-LEX-002 (V2) and PII-LEX-003 (V1): the same requirement on conversation logs.
function M.log_controls()
  return {
    PII = { "GDPR-32(1)(a)" },
    HIPAA = { "164.312(a)(2)(iv)" },
    ["PCI-DSS-4.0"] = { "3.5.1" },
    BASELINE = { "PII-2" },
  }
end
M.LOG_RATIONALE = "Lex conversation logs keep the text and audio of what callers said, personal data "
  .. "that must be encrypted at rest like recordings and transcripts."

return M
