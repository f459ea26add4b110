-- iam: reading IAM policy documents (bucket, key and resource policies).
--
-- A document is the parsed policy as the snapshot holds it (a read-only view;
-- plain Lua tables work too). IAM lets several members be one value or a
-- list: Statement (an object or a list of objects), Action / NotAction /
-- Resource / NotResource (a string or a list), condition values (a scalar or
-- a list). These helpers accept every form.
--
-- API (stable; other packs depend on it):
--   iam.as_list(v)               -> plain Lua list: nil/false -> {}, scalar -> {v},
--                                   object -> {v}, list -> its items
--   iam.statements(doc)          -> list of statement views (doc nil/false -> {})
--   iam.glob(pattern, s, ci)     -> does s match pattern ('*' any run, '?' one
--                                   character); ci = compare case-insensitively
--   iam.actions_match(stmt, a)   -> does the statement apply to action a
--                                   (Action or NotAction; case-insensitive, per IAM)
--   iam.resources_match(stmt, r) -> does it apply to resource ARN r (Resource or
--                                   NotResource; case-sensitive, per IAM)
--   iam.is_allow(stmt), iam.is_deny(stmt)
--   iam.is_public_principal(stmt)-> Principal "*", {AWS="*"}, {AWS={…,"*",…}};
--                                   also an Allow with NotPrincipal (everyone but a few)
--   iam.conditions(stmt)         -> list of {operator=, key=, values={…}} in document order
--   iam.narrowing_conditions(stmt) -> the conditions that confine a grant to a known
--                                   account, organisation, source, network or principal
--                                   (see NARROWING below); {} when none
--   iam.is_narrowed(stmt)        -> #iam.narrowing_conditions(stmt) > 0
--   iam.public_grants(doc, actions) -> list of {stmt=, index=, actions={…}}: Allow
--                                   statements to a public principal, without a
--                                   narrowing condition, that grant any of `actions`
--   iam.denies_insecure_transport(doc, bucket_arn) -> stmt, index when a statement
--                                   denies every principal s3:GetObject and s3:PutObject
--                                   on every object of the bucket when
--                                   aws:SecureTransport is false; else nil, notes
--                                   (notes: why near-miss statements do not count)
--
-- Conditions are read with pairs() over the view, which keeps the document's
-- order, so results are deterministic. Plain-table documents have no order.
local arn = require "arn"

local iam = {}

local function is_scalar(v)
  local t = type(v)
  return t == "string" or t == "number" or t == "boolean"
end

function iam.as_list(v)
  if v == nil or v == false then return {} end
  if is_scalar(v) then return { v } end
  if v[1] ~= nil then
    local out = {}
    for _, x in ipairs(v) do out[#out + 1] = x end
    return out
  end
  -- An object (a single statement), or an empty list/object.
  local iter, state, init = pairs(v)
  if iter(state, init) == nil then return {} end
  return { v }
end

function iam.statements(doc)
  if not doc then return {} end
  return iam.as_list(doc.Statement)
end

-- Linear-time wildcard match (backtracks only to the last '*'), so a hostile
-- pattern such as "*a*a*a*b" costs O(#pattern * #s), not exponential time.
function iam.glob(pattern, s, ci)
  if type(pattern) ~= "string" or type(s) ~= "string" then return false end
  if ci then pattern, s = pattern:lower(), s:lower() end
  local STAR, QM = ("*"):byte(), ("?"):byte()
  local pi, si, np, ns = 1, 1, #pattern, #s
  local star, mark = nil, 0
  while si <= ns do
    local pc = pi <= np and pattern:byte(pi) or nil
    if pc == QM or (pc ~= nil and pc ~= STAR and pc == s:byte(si)) then
      pi, si = pi + 1, si + 1
    elseif pc == STAR then
      star, mark, pi = pi, si, pi + 1
    elseif star then
      mark = mark + 1
      pi, si = star + 1, mark
    else
      return false
    end
  end
  while pi <= np and pattern:byte(pi) == STAR do pi = pi + 1 end
  return pi > np
end

local function any_glob(patterns, s, ci)
  for _, p in ipairs(patterns) do
    if iam.glob(tostring(p), s, ci) then return true end
  end
  return false
end

-- Action (or NotAction) names are case-insensitive in IAM.
function iam.actions_match(stmt, action)
  if stmt.Action ~= nil then return any_glob(iam.as_list(stmt.Action), action, true) end
  if stmt.NotAction ~= nil then return not any_glob(iam.as_list(stmt.NotAction), action, true) end
  return false
end

function iam.resources_match(stmt, resource)
  if stmt.Resource ~= nil then return any_glob(iam.as_list(stmt.Resource), resource, false) end
  if stmt.NotResource ~= nil then return not any_glob(iam.as_list(stmt.NotResource), resource, false) end
  return false
end

local function effect(stmt)
  return type(stmt.Effect) == "string" and stmt.Effect:lower() or nil
end
function iam.is_allow(stmt) return effect(stmt) == "allow" end
function iam.is_deny(stmt) return effect(stmt) == "deny" end

-- Principal "*" / {AWS="*"} / {AWS={…"*"…}}: anyone, in any account, signed or not.
local function principal_is_everyone(p)
  if p == "*" then return true end
  if p == nil or p == false or is_scalar(p) then return false end
  for _, v in ipairs(iam.as_list(p.AWS)) do
    if v == "*" then return true end
  end
  return false
end

function iam.is_public_principal(stmt)
  if principal_is_everyone(stmt.Principal) then return true end
  -- Allow + NotPrincipal grants everyone except the principals listed.
  return stmt.NotPrincipal ~= nil and iam.is_allow(stmt)
end

function iam.conditions(stmt)
  local out = {}
  local cond = stmt.Condition
  if not cond or is_scalar(cond) then return out end
  for op, block in pairs(cond) do
    if block and not is_scalar(block) then
      for key, values in pairs(block) do
        local vs = {}
        for _, v in ipairs(iam.as_list(values)) do vs[#vs + 1] = tostring(v) end
        out[#out + 1] = { operator = op, key = key, values = vs }
      end
    end
  end
  return out
end

-- NARROWING: condition keys that tie a request to a known account,
-- organisation, calling resource, network or principal. Keys are
-- case-insensitive in IAM. kms:ViaService alone is not here: any account's
-- principal can call through the same service.
local NARROWING = {
  ["aws:sourcearn"] = "arn", ["aws:principalarn"] = "arn",
  ["aws:sourceaccount"] = "id", ["aws:sourceowner"] = "id",
  ["aws:principalaccount"] = "id", ["kms:calleraccount"] = "id",
  ["aws:sourceorgid"] = "id", ["aws:sourceorgpaths"] = "id",
  ["aws:principalorgid"] = "id", ["aws:principalorgpaths"] = "id",
  ["aws:sourcevpce"] = "id", ["aws:sourcevpc"] = "id", ["aws:userid"] = "id",
  ["aws:sourceip"] = "ip",
}
-- Operators that confine a request to the values listed. *IfExists variants
-- pass when the key is missing, and ForAllValues passes on an empty set, so
-- neither narrows; negated operators (StringNotEquals…) admit everyone else.
local POSITIVE = {
  stringequals = "exact", stringequalsignorecase = "exact", stringlike = "wild",
  arnequals = "wild", arnlike = "wild", ipaddress = "exact",
}

local function has_wildcard(v) return v:find("[%*%?]") ~= nil end

local function value_narrows(kind, mode, v)
  if v == "" then return false end
  if kind == "ip" then return not v:match("/0$") end
  if mode ~= "wild" or not has_wildcard(v) then return true end
  -- A wildcard ARN still narrows when its account is fixed
  -- (arn:aws:connect:us-east-1:111122223333:instance/*).
  if kind == "arn" then
    local a = arn.account(v)
    return a ~= nil and not has_wildcard(a)
  end
  return false
end

function iam.narrowing_conditions(stmt)
  local out = {}
  for _, c in ipairs(iam.conditions(stmt)) do
    local op = c.operator:lower():gsub("^foranyvalue:", "")
    local mode = POSITIVE[op]
    local kind = NARROWING[c.key:lower()]
    if mode and kind and (kind == "ip") == (op == "ipaddress") and #c.values > 0 then
      local all = true
      for _, v in ipairs(c.values) do
        if not value_narrows(kind, mode, v) then all = false break end
      end
      if all then out[#out + 1] = c end
    end
  end
  return out
end

function iam.is_narrowed(stmt)
  return #iam.narrowing_conditions(stmt) > 0
end

function iam.public_grants(doc, actions)
  local out = {}
  for i, stmt in ipairs(iam.statements(doc)) do
    if iam.is_allow(stmt) and iam.is_public_principal(stmt) and not iam.is_narrowed(stmt) then
      local matched = {}
      for _, a in ipairs(actions) do
        if iam.actions_match(stmt, a) then matched[#matched + 1] = a end
      end
      if #matched > 0 then out[#out + 1] = { stmt = stmt, index = i, actions = matched } end
    end
  end
  return out
end

-- Does the Resource list cover every object of the bucket? A pattern covers
-- them all when it ends in '*' and what precedes that star matches some
-- prefix of "BUCKET_ARN/" (so the star swallows any key).
local function covers_all_objects(stmt, bucket_arn)
  if stmt.Resource == nil then return false end -- NotResource: not counted
  local target = bucket_arn .. "/"
  for _, p in ipairs(iam.as_list(stmt.Resource)) do
    p = tostring(p)
    if p:sub(-1) == "*" then
      local head = p:sub(1, -2)
      for k = 0, #target do
        if iam.glob(head, target:sub(1, k), false) then return true end
      end
    end
  end
  return false
end

local function is_insecure_transport_condition(c)
  local op = c.operator:lower()
  if (op ~= "bool" and op ~= "boolifexists") or c.key:lower() ~= "aws:securetransport" then
    return false
  end
  for _, v in ipairs(c.values) do
    if v:lower() == "false" then return true end
  end
  return false
end

function iam.denies_insecure_transport(doc, bucket_arn)
  local notes = {}
  for i, stmt in ipairs(iam.statements(doc)) do
    local conds = iam.conditions(stmt)
    local tls, other = false, 0
    for _, c in ipairs(conds) do
      if is_insecure_transport_condition(c) then tls = true else other = other + 1 end
    end
    if iam.is_deny(stmt) and tls then
      local why
      if not principal_is_everyone(stmt.Principal) then
        why = "does not apply to every principal"
      elseif not (iam.actions_match(stmt, "s3:GetObject") and iam.actions_match(stmt, "s3:PutObject")) then
        why = "does not cover both s3:GetObject and s3:PutObject"
      elseif bucket_arn and not covers_all_objects(stmt, bucket_arn) then
        why = "does not cover every object (" .. bucket_arn .. "/*)"
      elseif other > 0 then
        -- Conditions are ANDed: another one limits when the deny applies.
        why = "has further conditions that limit when the deny applies"
      end
      if not why then return stmt, i end
      notes[#notes + 1] = "statement " .. i .. " " .. why
    end
  end
  return nil, notes
end

return iam
