-- CloudWatch Logs helpers shared by the log-retention rules: the minimum
-- (PCI-LOG-001, HIPAA-LOG-001) and the maximum (PCI-LOG-002, PII-LOG-001), each
-- pack supplying its own bound.
local M = {}

-- Judges r (a logs_log_group resource) against `min_days`, the minimum
-- retention the calling pack's `log_retention_days` parameter demands.
--
-- AWS quirk: DescribeLogGroups omits `retentionInDays` when the group never
-- expires (no retention policy). So, inside a collected `LogGroup`, an absent
-- member means "kept forever", which satisfies any minimum; only `LogGroup`
-- itself being absent means "not collected" (error through ctx:need).
function M.check_retention(r, ctx, min_days)
  -- the loader guarantees LogGroup is an object when present
  local group = ctx:need(r.data, "LogGroup")
  local name = group.logGroupName or r.name
  local days = group.retentionInDays
  local want = ">= " .. min_days .. " days (member absent = never expire)"
  if days == nil or days == false then
    ctx:pass("log group " .. name .. " never expires (no retention policy), which keeps at least "
      .. min_days .. " days",
      { { path = "data/LogGroup/retentionInDays", expected = want,
          note = "DescribeLogGroups omits retentionInDays when events never expire" },
        -- what the snapshot holds: the collected group, without the member
        { path = "data/LogGroup", note = "the collected log group, without retentionInDays" } })
  elseif type(days) ~= "number" then
    ctx:error("log group " .. name .. ": retentionInDays is not a number (" .. tostring(days) .. ")",
      { path = "data/LogGroup/retentionInDays", expected = want })
  elseif days >= min_days then
    ctx:pass("log group " .. name .. " keeps events " .. days .. " days (minimum " .. min_days .. ")",
      { path = "data/LogGroup/retentionInDays", expected = want })
  else
    ctx:fail("log group " .. name .. " keeps events only " .. days .. " days; at least "
      .. min_days .. " are required",
      { path = "data/LogGroup/retentionInDays", expected = want })
  end
end

-- The other bound (storage limitation: GDPR 5(1)(e), PCI DSS 3.2.1): r keeps
-- events no longer than `max_days`, the calling pack's log_retention_max_days.
-- A group without retentionInDays never expires: it keeps everything forever,
-- which exceeds any maximum. `param` names the parameter in messages.
function M.check_max_retention(r, ctx, max_days, param)
  local group = ctx:need(r.data, "LogGroup")
  local name = group.logGroupName or r.name
  local days = group.retentionInDays
  local want = "<= " .. max_days .. " days (" .. param .. ")"
  if type(max_days) ~= "number" or max_days < 1 then
    ctx:error("parameter " .. param .. " is not a number of days (" .. tostring(max_days) .. ")")
  elseif days == nil or days == false then
    ctx:fail("log group " .. name .. " never expires (no retention policy): its events are kept forever, "
      .. "beyond the longest allowed retention, " .. param .. " = " .. max_days .. " days",
      { { path = "data/LogGroup/retentionInDays", expected = want,
          note = "DescribeLogGroups omits retentionInDays when events never expire" },
        { path = "data/LogGroup", note = "the collected log group, without retentionInDays" } })
  elseif type(days) ~= "number" then
    ctx:error("log group " .. name .. ": retentionInDays is not a number (" .. tostring(days) .. ")",
      { path = "data/LogGroup/retentionInDays", expected = want })
  elseif days <= max_days then
    ctx:pass("log group " .. name .. " deletes events after " .. days .. " days (longest allowed "
      .. max_days .. ", " .. param .. ")", { path = "data/LogGroup/retentionInDays", expected = want })
  else
    ctx:fail("log group " .. name .. " keeps events " .. days .. " days, beyond the longest allowed retention, "
      .. param .. " = " .. max_days .. " days", { path = "data/LogGroup/retentionInDays", expected = want })
  end
end

return M
