-- REG-1: the instance is in a region where Amazon Connect is offered.
--
-- The list is pack data (lib/eligibility.lua: CONNECT_REGIONS, dated and
-- sourced there); a region AWS launches later is added through the
-- `connect_regions_extra` parameter until the list is updated. An instance
-- can only exist where Connect runs, so a fail here most often means a
-- snapshot from an unexpected partition or a stale list -- either needs a
-- person to look. The region read is the instance ARN's (DescribeInstance
-- Instance.Arn), the one AWS states, not the collector's container field.
local arn = require "arn"
local eligibility = require "eligibility"

return {
  id = "BASE-REG-001",
  title = "The instance is in a region where Amazon Connect is offered",
  severity = "low",
  practice = "REG-1",
  controls = { BASELINE = {"REG-1"} },
  resource = "connect_instance",
  rationale = "Features, telephony coverage and compliance programs of Amazon Connect differ by "
    .. "region; an instance outside the regions AWS lists for Connect means a stale region list "
    .. "or a snapshot from somewhere the team did not plan for.",
  remediation = "Check the region against the Amazon Connect Administrator Guide, 'Availability of "
    .. "Amazon Connect features by Region'. If AWS now offers Connect there, add it to the "
    .. "baseline parameter connect_regions_extra (--params FILE); otherwise plan the instance in "
    .. "a listed region (aws connect create-instance --region REGION ...) and migrate.",
  check = function(r, ctx)
    local inst_arn = ctx:need(r.data, "Instance", "Arn")
    local region = arn.region(inst_arn)
    local extra = ctx.params.connect_regions_extra
    local ev = { path = "data/Instance/Arn", expected = "an ARN in one of: "
      .. table.concat(eligibility.CONNECT_REGIONS, ", ") }
    if not region then
      ctx:error("instance " .. r.name .. ": Instance.Arn " .. tostring(inst_arn) .. " names no region", ev)
    elseif eligibility.contains(eligibility.CONNECT_REGIONS, region) then
      ctx:pass("instance " .. r.name .. " is in " .. region .. ", where Amazon Connect is offered", ev)
    elseif eligibility.contains(extra, region) then
      ctx:pass("instance " .. r.name .. " is in " .. region
        .. ", which parameter connect_regions_extra adds to the Amazon Connect regions", ev)
    else
      ctx:fail("instance " .. r.name .. " is in " .. region .. ", which is not a region the pack knows "
        .. "Amazon Connect is offered in (list of 2026-11-25; extend with connect_regions_extra)", ev)
    end
  end,
}
