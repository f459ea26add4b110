-- BASE-FLOW-022 (FLOW-3): every Lambda function and Lex bot a flow invokes
-- is associated with the flow's instance (instance data LambdaFunctions /
-- LexBots). Without the association Connect has no permission to call it and
-- the block takes its error branch on every contact. The instance is the one
-- whose ARN prefixes the flow's (…:instance/<id>/contact-flow/<id>).
-- A reference held in a JSONPath is decided at run time: `manual`, never pass.
local flow = require "flow"
local refs = require "flowrefs"

local TYPES = { InvokeLambdaFunction = true, ConnectParticipantWithLexBot = true }

-- The instance's associated functions, looked up: first[arn] = the position
-- of its first entry, near[unqualified arn] = the last entry with that
-- unqualified ARN. Once per instance and rule process (ctx:once): each
-- InvokeLambdaFunction of each flow asked it of the whole list (issue 12).
local function fn_index(ctx, inst_arn, fns)
  return ctx:once("flow022.fns:" .. inst_arn, function()
    local first, near = {}, {}
    for i, fn in ipairs(fns) do
      if type(fn) == "string" and first[fn] == nil then first[fn] = i end
      local base = refs.lambda_base(fn)
      if base then near[base] = fn end
    end
    return { first = first, near = near }
  end)
end

-- Lambda permissions are granted per qualifier, so association is an exact
-- ARN match; a match of the unqualified name only is named in the message.
local function lambda_item(ctx, node, fns, fns_ptr, fx)
  local v = node.params and node.params.LambdaFunctionARN
  local path = ctx:ptr(node.view, "Parameters", "LambdaFunctionARN")
  local what = ("InvokeLambdaFunction %s"):format(node.id or "?")
  if refs.is_dynamic(v) then
    return { status = "manual", text = ("%s: function %s is set at run time (unresolved)"):format(what, v),
             ev = { { path = path, expected = "a function associated with the instance" } } }
  end
  if type(v) ~= "string" or v == "" then
    return { status = "fail", text = what .. " names no function",
             ev = { { path = path, expected = "a Lambda function ARN" } } }
  end
  local i = fx.first[v]
  if i then
    return { status = "pass", text = ("%s: %s is associated"):format(what, v),
             ev = { { path = path, expected = "associated" }, { path = ctx:ptr(fns, i), expected = v } } }
  end
  local base = refs.lambda_base(v)
  local near = base and fx.near[base]
  local note = near and (" (only %s is; Lambda permissions are per qualifier)"):format(near) or ""
  return { status = "fail", text = ("%s: %s is not associated with the instance%s"):format(what, v, note),
           ev = { { path = path, expected = "one of the instance's LambdaFunctions" },
                  { path = fns_ptr, note = ("%d associated function(s)"):format(#fns), expected = v } } }
end

local function lex_item(ctx, node, bots, bots_ptr, home)
  local p = node.params or {}
  local what = ("ConnectParticipantWithLexBot %s"):format(node.id or "?")
  local v2, v1 = p.LexV2Bot, p.LexBot
  local want, path, match
  if flow.is_view(v2) then
    local alias = v2.AliasArn
    path = ctx:ptr(node.view, "Parameters", "LexV2Bot", "AliasArn")
    if refs.is_dynamic(alias) then
      return { status = "manual", text = ("%s: bot alias %s is set at run time (unresolved)"):format(what, alias),
               ev = { { path = path, expected = "a bot alias associated with the instance" } } }
    end
    want = "Lex V2 alias " .. tostring(alias)
    match = function(b) return flow.is_view(b.LexV2Bot) and b.LexV2Bot.AliasArn == alias end
  elseif flow.is_view(v1) then
    local name, region = v1.Name, v1.Region
    path = ctx:ptr(node.view, "Parameters", "LexBot")
    if refs.is_dynamic(name) or refs.is_dynamic(region) then
      return { status = "manual", text = ("%s: Lex bot %s is set at run time (unresolved)"):format(what, tostring(name)),
               ev = { { path = path, expected = "a bot associated with the instance" } } }
    end
    -- A V1 block without Region calls the bot in the instance's region.
    region = type(region) == "string" and region ~= "" and region or home
    want = ("Lex V1 bot %s (%s)"):format(tostring(name), region)
    match = function(b) return flow.is_view(b.LexBot) and b.LexBot.Name == name and b.LexBot.LexRegion == region end
  else
    return { status = "fail", text = what .. " names no bot (neither LexV2Bot nor LexBot)",
             ev = { { path = ctx:ptr(node.view, "Parameters"), expected = "LexV2Bot.AliasArn or LexBot.Name" } } }
  end
  for i, b in ipairs(bots) do
    if flow.is_view(b) and match(b) then
      return { status = "pass", text = ("%s: %s is associated"):format(what, want),
               ev = { { path = path, expected = "associated" }, { path = ctx:ptr(bots, i), expected = want } } }
    end
  end
  return { status = "fail", text = ("%s: %s is not associated with the instance"):format(what, want),
           ev = { { path = path, expected = "one of the instance's LexBots" },
                  { path = bots_ptr, note = ("%d associated bot(s)"):format(#bots), expected = want } } }
end

return {
  id = "BASE-FLOW-022",
  title = "Lambda functions and Lex bots a flow invokes are associated with its instance",
  severity = "high",
  practice = "FLOW-3",
  controls = { BASELINE = { "FLOW-3" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect can invoke only the Lambda functions and Lex bots added to the instance; a block "
    .. "naming anything else fails on every contact and sends callers down its error branch (a broken IVR "
    .. "that no deployment step reported).",
  remediation = "Amazon Connect console > the instance > Flows > AWS Lambda / Amazon Lex: add the function or "
    .. "bot; or aws connect associate-lambda-function --instance-id ID --function-arn ARN; aws connect "
    .. "associate-bot --instance-id ID --lex-v2-bot AliasArn=ALIAS_ARN (V1: --lex-bot Name=NAME,LexRegion=REGION). "
    .. "Or point the block at a function or bot the instance already has.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local nodes = refs.actions(g, TYPES)
    if #nodes == 0 then
      ctx:skip(name .. ": invokes no Lambda function or Lex bot")
      return
    end
    local inst, inst_arn = refs.instance(ctx, r)
    if not inst then return refs.missing_instance(ctx, r, inst_arn) end
    local items = {}
    for _, node in ipairs(nodes) do
      if node.type == "InvokeLambdaFunction" then
        local fns = refs.need(ctx, inst, "LambdaFunctions")
        if fns == nil then return end
        items[#items + 1] = lambda_item(ctx, node, fns, ctx:ptr(fns), fn_index(ctx, inst_arn, fns))
      else
        local bots = refs.need(ctx, inst, "LexBots")
        if bots == nil then return end
        items[#items + 1] = lex_item(ctx, node, bots, ctx:ptr(bots), inst.region)
      end
    end
    refs.report(ctx, name, items, { words = {
      fail = "integration(s) not associated with the instance",
      manual = "integration(s) chosen at run time; confirm they are associated",
      pass = "integration(s) associated with the instance" } })
  end,
}
