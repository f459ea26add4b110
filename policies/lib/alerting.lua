-- alerting: would a CloudTrail event raise an alert? (IAM-1; collect/trail.c)
--
-- Three-valued answers throughout: true (it does), false (it does not), nil
-- (this library cannot tell: a pattern construct it does not evaluate, or a
-- field of the event it does not know) -- a rule turns nil into `manual`
-- naming what a person must read, never into a pass or a fail.
--
-- API:
--   alerting.filter_covers(pattern, events) -> true|false|nil, why
--       pattern: a CloudWatch Logs metric filter's filterPattern (the JSON
--       form "{ $.field = value && ( ... || ... ) }": =, != with '*'
--       wildcards, NOT EXISTS, parentheses; && and || mixed at one level
--       without parentheses is not evaluated); events: a list of CloudTrail
--       records as tables ({eventSource=, eventName=}); true when every event
--       matches, false (why: the first that does not) when one cannot
--   alerting.pattern_covers(pattern, events) -> true|false|nil, why
--       pattern: an EventBridge event pattern (parsed, as events_rule
--       data.EventPattern holds it): exact values, prefix, suffix, wildcard,
--       anything-but, equals-ignore-case, exists, $or; events: as
--       EventBridge delivers them ({source=, ["detail-type"]=, detail={...}})
--   alerting.trail_delivers(trail_data, global) -> true|false|nil, why
--       a cloudtrail_trail's data: logging, management write events on, and
--       (global) IAM's global-service events: multi-region or homed in
--       us-east-1 with IncludeGlobalServiceEvents
--   alerting.alarm_on(alarms, namespace, name) -> the alarm (with actions
--       enabled and at least one AlarmActions target) on that metric, and its
--       index, or nil
--   alerting.iam_events(names), alerting.eb_iam_events(names) -> the synthetic
--       records of IAM API calls for the two matchers
local alerting = {}

-- Kleene logic
local function k_and(a, b)
  if a == false or b == false then return false end
  if a == nil or b == nil then return nil end
  return true
end
local function k_or(a, b)
  if a == true or b == true then return true end
  if a == nil or b == nil then return nil end
  return false
end

local function wildcard(pat, v)
  local lp = pat:gsub("[%^%$%(%)%%%.%[%]%+%-%?]", "%%%0")
  lp = lp:gsub("%*", ".*")
  return v:match("^" .. lp .. "$") ~= nil
end

-- ---- metric filter patterns ----
local function parse_filter(p)
  local s = type(p) == "string" and p:match("^%s*{(.*)}%s*$") or nil
  if not s then return nil, "not a JSON metric filter pattern ({ ... })" end
  local pos = 1
  local function ws() pos = s:find("[^%s]", pos) or (#s + 1) end
  local expr
  local function term()
    ws()
    if s:sub(pos, pos) == "(" then
      pos = pos + 1
      local e, err = expr()
      if not e then return nil, err end
      ws()
      if s:sub(pos, pos) ~= ")" then return nil, "unbalanced parentheses" end
      pos = pos + 1
      return e
    end
    local sel = s:match("^%$%.([%w_%.%[%]%-]+)", pos)
    if not sel then return nil, ("unexpected text at character %d"):format(pos) end
    pos = pos + 2 + #sel
    ws()
    local kw = s:match("^(%u+)", pos)
    if kw == "NOT" then
      pos = pos + 3
      ws()
      if s:match("^EXISTS", pos) then
        pos = pos + 6
        return { op = "notexists", sel = sel }
      end
      return nil, "NOT without EXISTS"
    elseif kw == "IS" then
      pos = pos + 2
      ws()
      local v = s:match("^(%u+)", pos)
      if not v then return nil, "IS without TRUE, FALSE or NULL" end
      pos = pos + #v
      return { op = "is", sel = sel, value = v }
    end
    local op = s:match("^([!<>]=)", pos) or s:match("^([=<>])", pos)
    if not op then return nil, ("no comparison after $.%s"):format(sel) end
    pos = pos + #op
    ws()
    local v
    if s:sub(pos, pos) == '"' then
      v = s:match('^"([^"]*)"', pos)
      if not v then return nil, "unterminated string" end
      pos = pos + #v + 2
    else
      v = s:match("^([^%s%)&|]+)", pos)
      if not v then return nil, ("no value after $.%s %s"):format(sel, op) end
      pos = pos + #v
    end
    return { op = op, sel = sel, value = v }
  end
  expr = function()
    local node, err = term()
    if not node then return nil, err end
    local kind
    while true do
      ws()
      local c = s:sub(pos, pos + 1)
      if c ~= "&&" and c ~= "||" then break end
      if kind and kind ~= c then return nil, "&& and || mixed without parentheses" end
      kind = c
      pos = pos + 2
      local t, e2 = term()
      if not t then return nil, e2 end
      node = { op = c, node, t }
    end
    return node
  end
  local ast, err = expr()
  if not ast then return nil, err end
  ws()
  if pos <= #s then return nil, ("unexpected text at character %d"):format(pos) end
  return ast
end

local function eval_filter(n, ev)
  if n.op == "&&" then return k_and(eval_filter(n[1], ev), eval_filter(n[2], ev)) end
  if n.op == "||" then return k_or(eval_filter(n[1], ev), eval_filter(n[2], ev)) end
  local v = ev[n.sel]
  if v == nil then return nil end            -- a field these records do not model
  if n.op == "notexists" then return false end
  if n.op == "=" then return wildcard(n.value, v) end
  if n.op == "!=" then return not wildcard(n.value, v) end
  return nil                                 -- IS, <, > ... on a string field
end

function alerting.filter_covers(pattern, events)
  local ast, err = parse_filter(pattern)
  if not ast then return nil, err end
  local unknown
  for _, ev in ipairs(events) do
    local r = eval_filter(ast, ev)
    if r == false then return false, ("does not match %s"):format(tostring(ev.eventName)) end
    if r == nil then unknown = unknown or ("cannot tell whether it matches %s (it tests a field or "
      .. "operator this check does not evaluate)"):format(tostring(ev.eventName)) end
  end
  if unknown then return nil, unknown end
  return true
end

-- ---- EventBridge patterns ----
local function is_list(v) return type(v) ~= "string" and type(v) ~= "number" and type(v) ~= "boolean" and v[1] ~= nil end

local function match_value(m, v)   -- one element of a pattern's array against a string value
  local t = type(m)
  if t == "string" then return m == v end
  if t == "number" or t == "boolean" or m == false then return false end
  local n, key, arg = 0, nil, nil
  for k, x in pairs(m) do n, key, arg = n + 1, k, x end
  if n ~= 1 then return nil end
  if key == "prefix" and type(arg) == "string" then return v:sub(1, #arg) == arg end
  if key == "suffix" and type(arg) == "string" then return #arg <= #v and v:sub(-#arg) == arg end
  if key == "wildcard" and type(arg) == "string" then return wildcard(arg, v) end
  if key == "equals-ignore-case" and type(arg) == "string" then return arg:lower() == v:lower() end
  if key == "exists" and type(arg) == "boolean" then return arg end
  if key == "anything-but" then
    if type(arg) == "string" then return arg ~= v end
    if type(arg) ~= "number" and type(arg) ~= "boolean" and is_list(arg) then
      for _, x in ipairs(arg) do
        if type(x) ~= "string" then return nil end
        if x == v then return false end
      end
      return true
    end
  end
  return nil
end

local function match_pattern(p, ev)
  local result = true
  for k, pv in pairs(p) do
    local r
    if k == "$or" then
      r = false
      for _, sub in ipairs(pv) do r = k_or(r, match_pattern(sub, ev)) end
    else
      local v = ev[k]
      if type(pv) == "string" or type(pv) == "number" or type(pv) == "boolean" then
        r = nil                                -- not a valid pattern leaf: not judged
      elseif is_list(pv) then
        if type(v) == "string" then
          r = false
          for _, m in ipairs(pv) do r = k_or(r, match_value(m, v)) end
        else
          r = nil                              -- a field these events do not model
        end
      elseif type(v) == "table" then
        r = match_pattern(pv, v)
      else
        r = nil
      end
    end
    result = k_and(result, r)
    if result == false then return false end
  end
  return result
end

function alerting.pattern_covers(pattern, events)
  if pattern == nil or pattern == false then return nil, "no pattern" end
  local unknown
  for _, ev in ipairs(events) do
    local r = match_pattern(pattern, ev)
    local name = ev.detail and ev.detail.eventName
    if r == false then return false, ("does not match %s"):format(tostring(name)) end
    if r == nil then unknown = unknown or ("cannot tell whether it matches %s (it tests a field or operator "
      .. "this check does not evaluate)"):format(tostring(name)) end
  end
  if unknown then return nil, unknown end
  return true
end

-- ---- records of IAM API calls ----
function alerting.iam_events(names)
  local out = {}
  for i, n in ipairs(names) do out[i] = { eventSource = "iam.amazonaws.com", eventName = n } end
  return out
end

function alerting.eb_iam_events(names)
  local out = {}
  for i, n in ipairs(names) do
    out[i] = { source = "aws.iam", ["detail-type"] = "AWS API Call via CloudTrail",
               detail = { eventSource = "iam.amazonaws.com", eventName = n } }
  end
  return out
end

-- ---- trails and alarms ----
local function management_writes(sel)
  if sel == nil then return nil, "its event selectors were not collected" end
  local basic, adv = sel.EventSelectors, sel.AdvancedEventSelectors
  local any_adv = adv and adv[1] ~= nil
  if not any_adv then
    if basic == nil or basic == false or basic[1] == nil then
      return true    -- no selectors: CloudTrail's default, every management event
    end
    for _, e in ipairs(basic) do
      if e.IncludeManagementEvents ~= false and (e.ReadWriteType == "All" or e.ReadWriteType == "WriteOnly") then
        return true
      end
    end
    return false, "its event selectors record no management write events"
  end
  local unknown
  for _, a in ipairs(adv) do
    local mgmt, reads_only, other = false, false, false
    for _, f in ipairs(a.FieldSelectors or {}) do
      local eq = f.Equals
      if f.Field == "eventCategory" and eq and #eq == 1 and eq[1] == "Management" then mgmt = true
      elseif f.Field == "readOnly" and eq and #eq == 1 then reads_only = eq[1] == "true"
      else other = true end
    end
    if mgmt and not reads_only and not other then return true end
    if mgmt and other then unknown = true end
  end
  if unknown then return nil, "an advanced event selector narrows management events in a way this check does not evaluate" end
  return false, "its advanced event selectors record no management write events"
end

function alerting.trail_delivers(d, global)
  local t, st = d.Trail, d.Status
  if t == nil then return nil, "the trail's description was not collected" end
  if st == nil or st.IsLogging == nil then return nil, "its status (GetTrailStatus) was not collected" end
  if st.IsLogging ~= true then return false, "it is not logging" end
  if global then
    if t.IncludeGlobalServiceEvents ~= true then return false, "it does not take global service events (IAM)" end
    if t.IsMultiRegionTrail ~= true and t.HomeRegion ~= "us-east-1" then
      return false, "it is a single-region trail outside us-east-1, where IAM's events are delivered"
    end
  end
  return management_writes(d.EventSelectors)
end

function alerting.alarm_on(alarms, namespace, name)
  for i, a in ipairs(alarms or {}) do
    if a.Namespace == namespace and a.MetricName == name and a.ActionsEnabled ~= false and
       a.AlarmActions and a.AlarmActions[1] ~= nil then
      return a, i
    end
  end
  return nil
end

return alerting
