-- deputy: the confused-deputy guard on resource policies that let an AWS
-- service act on a resource (KMS key policies, Lex V2 bot policies, …).
-- A statement allowing a service principal (connect.amazonaws.com) with no
-- aws:SourceArn / aws:SourceAccount condition lets that service act on the
-- resource on behalf of ANY account's instance: another customer's Amazon
-- Connect instance can be pointed at the key or bot.
-- (AWS IAM User Guide, "The confused deputy problem".)
--
-- API:
--   deputy.KEYS                      the condition keys that guard: aws:SourceArn,
--                                    aws:SourceAccount (lower case)
--   deputy.grants(doc, service)      -> list of {stmt=, index=, guard=list of
--       conditions} for each Allow statement whose Principal.Service names
--       `service` (string or list; case-insensitive), document order. guard: the
--       statement's narrowing conditions (lib/iam.lua: positive operators, no
--       IfExists, no wildcard account) on a key of deputy.KEYS; {} = unguarded.
--   deputy.judge(ctx, doc, service, what) -> status, message, evidence
--       no such statement -> nil (the caller decides: nothing is granted to it)
--       every one guarded -> "pass"; any unguarded -> "fail" naming them.
local iam = require "iam"

local deputy = {}

deputy.KEYS = { ["aws:sourcearn"] = true, ["aws:sourceaccount"] = true }

local function names_service(principal, service)
  if not principal or type(principal) == "string" then return false end
  for _, s in ipairs(iam.as_list(principal.Service)) do
    if type(s) == "string" and s:lower() == service:lower() then return true end
  end
  return false
end

function deputy.grants(doc, service)
  local out = {}
  for i, stmt in ipairs(iam.statements(doc)) do
    if iam.is_allow(stmt) and names_service(stmt.Principal, service) then
      local guard = {}
      for _, c in ipairs(iam.narrowing_conditions(stmt)) do
        if deputy.KEYS[c.key:lower()] then guard[#guard + 1] = c end
      end
      out[#out + 1] = { stmt = stmt, index = i, guard = guard }
    end
  end
  return out
end

local function sid(g)
  return type(g.stmt.Sid) == "string" and (" (" .. g.stmt.Sid .. ")") or ""
end

function deputy.judge(ctx, doc, service, what)
  local grants = deputy.grants(doc, service)
  if #grants == 0 then return nil end
  local expected = ("a positive aws:SourceArn or aws:SourceAccount condition on every Allow to %s"):format(service)
  local bad, good, evidence = {}, {}, {}
  for _, g in ipairs(grants) do
    evidence[#evidence + 1] = { path = ctx:ptr(g.stmt), expected = expected }
    if #g.guard == 0 then
      bad[#bad + 1] = ("statement %d%s"):format(g.index, sid(g))
    else
      local c = g.guard[1]
      good[#good + 1] = ("statement %d%s (%s %s = %s)"):format(g.index, sid(g), c.operator, c.key,
        table.concat(c.values, ", "))
    end
  end
  if #bad > 0 then
    return "fail", ("%s allows %s without an aws:SourceArn or aws:SourceAccount condition in %s: any " ..
      "account's use of the service can reach it (confused deputy)"):format(what, service,
      table.concat(bad, ", ")), evidence
  end
  return "pass", ("%s allows %s only with a source condition: %s"):format(what, service,
    table.concat(good, "; ")), evidence
end

return deputy
