-- FLOW-3: Amazon Connect may call every Lex V2 bot alias an instance uses.
--
-- Connect reaches a Lex V2 bot through the alias ARN its ListBots names, and
-- Lex authorises the runtime calls (lex:RecognizeText, lex:StartConversation)
-- against the alias's resource policy, where Connect writes its grant when the
-- bot is added to the instance. This is the public AWS Config rule's check
-- (aws-samples/amazon-connect-config-rules lex-v2-resource-policy.yml:
-- DescribeResourcePolicy on the alias ARN, an Allow with both actions and
-- ArnEquals aws:SourceArn = the instance ARN), one finding per alias, for
-- every instance that names it:
--   no policy (null)                         -> fail: Connect cannot call it
--   an Allow to connect.amazonaws.com of both actions on the alias, with
--     aws:SourceArn matching the instance (ArnEquals/ArnLike/StringEquals/
--     StringLike), or without one but with aws:SourceAccount = this account
--                                             -> pass (ours also accepts the
--     account-wide grant the Config rule rejects: Connect may call it; whether
--     it is confined enough is PII-LEX-001's question)
--   none such                                -> fail, naming what is missing
--   a Deny that may apply to Connect's calls -> manual (its conditions decide)
--   a source condition with another operator -> manual
local iam = require "iam"
local lex = require "lex"

local SERVICE = "connect.amazonaws.com"
local ACTIONS = { "lex:RecognizeText", "lex:StartConversation" }
local POSITIVE = { arnequals = true, arnlike = true, stringequals = true, stringlike = true }

local function names_service(stmt)
  local p = stmt.Principal
  if p == "*" then return true end
  if not p or type(p) == "string" then return false end
  for _, v in ipairs(iam.as_list(p.AWS)) do if v == "*" then return true end end
  for _, s in ipairs(iam.as_list(p.Service)) do
    if type(s) == "string" and s:lower() == SERVICE then return true end
  end
  return false
end

local function all_actions(stmt)
  for _, a in ipairs(ACTIONS) do
    if not iam.actions_match(stmt, a) then return false end
  end
  return true
end

-- Does this Allow let instance `inst_arn` of account `own` call alias `alias_arn`?
-- -> true | false, why | nil, why (undecidable: manual)
local function admits(stmt, alias_arn, inst_arn, own)
  if stmt.Resource ~= nil or stmt.NotResource ~= nil then
    if not iam.resources_match(stmt, alias_arn) then return false, "not on this alias" end
  end
  local src_arn, src_acct = nil, nil
  for _, c in ipairs(iam.conditions(stmt)) do
    local key, op = c.key:lower(), c.operator:lower()
    if key == "aws:sourcearn" or key == "aws:sourceaccount" then
      if not POSITIVE[op] then return nil, ("condition %s on %s"):format(c.operator, c.key) end
      local hit = false
      for _, v in ipairs(c.values) do
        if key == "aws:sourcearn" and iam.glob(v, inst_arn) then hit = true end
        if key == "aws:sourceaccount" and iam.glob(v, own) then hit = true end
      end
      if key == "aws:sourcearn" then src_arn = hit else src_acct = hit end
    end
  end
  if src_arn == false then return false, "aws:SourceArn names another instance" end
  if src_acct == false then return false, "aws:SourceAccount names another account" end
  if src_arn == nil and src_acct == nil then return true, "with no source condition" end
  return true, src_arn and "aws:SourceArn = the instance" or "aws:SourceAccount = this account"
end

return {
  id = "BASE-LEX-004",
  title = "Amazon Connect is allowed to call every Lex V2 bot alias an instance uses",
  severity = "medium",
  practice = "FLOW-3",
  controls = { BASELINE = { "FLOW-3" } },
  resource = "lexv2_bot_alias",
  rationale = "A flow's Get customer input block that names a bot alias Connect may not call takes its " ..
    "error branch on every contact: the self-service path is gone. The grant is the alias's resource " ..
    "policy, written when the bot is added to the instance and lost when the policy is rewritten.",
  remediation = "Amazon Connect console > the instance > Flows > Amazon Lex: remove and add the bot alias " ..
    "again (Connect rewrites its grant), or: aws lexv2-models create-resource-policy-statement " ..
    "--resource-arn ALIAS_ARN --statement-id connect --effect Allow --principal Service=connect.amazonaws.com " ..
    "--action lex:RecognizeText lex:StartConversation --condition " ..
    "'{\"StringEquals\":{\"AWS:SourceAccount\":\"ACCOUNT\"},\"ArnEquals\":{\"AWS:SourceArn\":\"INSTANCE_ARN\"}}'",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "ResourcePolicy")
    local what = lex.alias_label(ctx, r)
    local users = lex.alias_instances(ctx, r.arn)
    if #users == 0 then
      return ctx:skip(what .. " is named by no instance in the snapshot")
    end
    local links = lex.alias_links(ctx, r)
    local expected = "Allow " .. SERVICE .. " lex:RecognizeText + lex:StartConversation, aws:SourceArn = the instance"
    local function with_links(ev)
      for _, l in ipairs(links) do ev[#ev + 1] = l end
      return ev
    end
    if not policy then
      return ctx:fail(what .. " has no resource policy: Amazon Connect cannot call it", with_links({
        { path = "data/ResourcePolicy", expected = expected, note = "no resource policy (null)" } }))
    end
    ctx:need(policy, "Statement")
    local own = ctx.snapshot.account_id
    local ev, good, bad, unsure = {}, {}, {}, {}
    local stmts = iam.statements(policy)
    for _, s in ipairs(stmts) do
      if names_service(s) and (iam.is_allow(s) or iam.is_deny(s)) then ev[#ev + 1] = { path = ctx:ptr(s), expected = expected } end
    end
    for _, u in ipairs(users) do
      local inst = u.instance
      local ok, how
      for i, s in ipairs(stmts) do
        if iam.is_deny(s) and names_service(s) then
          for _, a in ipairs(ACTIONS) do
            if iam.actions_match(s, a) then unsure[#unsure + 1] = ("statement %d denies %s"):format(i, a) break end
          end
        end
        if not ok and iam.is_allow(s) and names_service(s) and all_actions(s) then
          local yes, why = admits(s, r.arn, inst.arn, own)
          if yes then ok, how = true, ("statement %d (%s)"):format(i, why)
          elseif yes == nil then unsure[#unsure + 1] = ("statement %d has %s"):format(i, why)
          else how = how or ("statement %d: %s"):format(i, why) end
        end
      end
      if ok then good[#good + 1] = ("instance %s by %s"):format(tostring(inst.name), how)
      else bad[#bad + 1] = ("instance %s (%s)"):format(tostring(inst.name), how or "no Allow to " .. SERVICE ..
        " of both lex:RecognizeText and lex:StartConversation") end
    end
    if #ev == 0 then ev[1] = { path = "data/ResourcePolicy/Statement", expected = expected, note = "no statement names " .. SERVICE } end
    with_links(ev)
    if #unsure > 0 and #bad == 0 then
      return ctx:manual(what .. ": " .. table.concat(unsure, "; ") .. ": confirm that Amazon Connect's calls are allowed", ev)
    end
    if #bad > 0 then
      return ctx:fail(what .. ": Amazon Connect may not call it for " .. table.concat(bad, "; "), ev)
    end
    ctx:pass(what .. ": Amazon Connect may call it for " .. table.concat(good, "; "), ev)
  end,
}
