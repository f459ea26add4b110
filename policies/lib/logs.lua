-- CloudWatch Logs helpers shared by the log-retention rules (PCI-LOG-001,
-- HIPAA-LOG-001): one decision, each pack supplies its own minimum.
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

return M
