-- BASE-TEL-012 (TEL-3): a queue's outbound caller ID number is a number
-- claimed to its instance. OutboundCallerConfig.OutboundCallerIdNumberId
-- names a phone number by its ID; a number released (or moved to another
-- instance) since leaves outbound calls from the queue without the caller ID
-- the business set -- carriers show another number or none, and callbacks go
-- nowhere. The claimed numbers are the snapshot's connect_phone_number
-- resources (ListPhoneNumbersV2 by the instance and by each of its traffic
-- distribution groups); a number claimed to one of the instance's groups
-- passes. One not among them is `manual`: released, or claimed elsewhere (or,
-- in a snapshot without the groups, claimed to one). A queue without a caller ID number is BASE-TEL-001's
-- finding, not this rule's.
local refs = require "flowrefs"
local collection = require "collection"

-- The pointer to the instance's traffic distribution group of ARN target
-- (data.TrafficDistributionGroups, ListTrafficDistributionGroups), or nil.
local function tdg_of(ctx, inst_arn, target)
  local inst = ctx:lookup("connect_instance", inst_arn)
  local groups = inst and inst.data.TrafficDistributionGroups
  if type(target) ~= "string" or not groups then return nil end
  for i, g in ipairs(groups) do
    if g.Arn == target then return refs.container_ptr(inst) .. ("/data/TrafficDistributionGroups/%d/Arn"):format(i - 1) end
  end
  return nil
end

return {
  id = "BASE-TEL-012",
  title = "Queues' outbound caller ID numbers are claimed to their instance",
  severity = "medium",
  practice = "TEL-3",
  controls = { BASELINE = { "TEL-3" } },
  resource = "connect_queue",
  rationale = "A caller ID number that is no longer claimed to the instance is not what customers see: the "
    .. "carrier substitutes another number or none, calls are flagged as spam, and returned calls do not reach "
    .. "the contact center.",
  remediation = "Set the queue's outbound caller ID number to a number claimed to this instance (Routing > "
    .. "Queues > queue > Outbound caller ID number; aws connect update-queue-outbound-caller-config).",
  check = function(r, ctx)
    local name = r.name or r.arn
    local q = ctx:need(r.data, "Queue")
    local cfg = ctx:need(q, "OutboundCallerConfig")
    local nid = cfg and cfg.OutboundCallerIdNumberId
    if type(nid) ~= "string" or nid == "" then
      ctx:skip(name .. ": no outbound caller ID number (BASE-TEL-001 judges whether it needs one)")
      return
    end
    local inst_arn = refs.instance_arn(r.arn)
    if not inst_arn or not ctx:lookup("connect_instance", inst_arn) then
      refs.missing_instance(ctx, r, inst_arn)
      return
    end
    local ev = { { path = ctx:ptr(cfg, "OutboundCallerIdNumberId"), expected = "a number claimed to " .. inst_arn } }
    if ctx.snapshot.resources.connect_phone_number == nil then
      ctx:skip(name .. ": the snapshot has no connect_phone_number resources (an older collector); attest TEL-3")
      return
    end
    -- number ID and ARN -> resource, once (not a scan per queue)
    local by_id = ctx:once("numbers-by-id", function()
      local by = {}
      for parn, pn in ctx:resources("connect_phone_number") do
        local s = pn.data.ClaimedPhoneNumberSummary
        local id = s and s.PhoneNumberId
        if type(id) ~= "string" then id = parn:match("phone%-number/([^/]+)$") end
        if id and not by[id] then by[id] = pn end
        by[parn] = by[parn] or pn
      end
      return by
    end)
    local found = by_id[nid]
    if found then
      local s = found.data.ClaimedPhoneNumberSummary
      if not s then
        ctx:error(("%s: caller ID number %s could not be read (%s)"):format(name, nid, collection.explain(ctx, found.arn)),
          ev)
        return
      end
      ev[2] = { path = refs.container_ptr(found) .. "/data/ClaimedPhoneNumberSummary/TargetArn", expected = inst_arn }
      local tdg = tdg_of(ctx, inst_arn, s.TargetArn)
      if s.TargetArn == inst_arn then
        ctx:pass(("%s: caller ID number %s (%s) is claimed to the instance"):format(name, tostring(s.PhoneNumber), nid), ev)
      elseif tdg then
        ev[2].expected = inst_arn .. " or one of its traffic distribution groups"
        ev[3] = { path = tdg, expected = "the instance's traffic distribution group" }
        ctx:pass(("%s: caller ID number %s (%s) is claimed to the instance's traffic distribution group %s")
          :format(name, tostring(s.PhoneNumber), nid, tostring(s.TargetArn)), ev)
      else
        ctx:fail(("%s: caller ID number %s is claimed to %s, not this instance"):format(name, nid, tostring(s.TargetArn)),
          ev)
      end
      return
    end
    local lerrs = {}
    for _, op in ipairs({ "connect:ListPhoneNumbersV2", "connect:ListPhoneNumbers", "connect:ListTrafficDistributionGroups" }) do
      for _, e in ipairs(collection.errors_for(ctx, inst_arn, op)) do lerrs[#lerrs + 1] = e end
    end
    local groups = ctx:lookup("connect_instance", inst_arn).data.TrafficDistributionGroups
    for _, g in ipairs(groups or {}) do   -- a group whose numbers were not listed
      if type(g.Arn) == "string" then
        for _, e in ipairs(collection.errors_for(ctx, g.Arn, "connect:ListPhoneNumbersV2")) do lerrs[#lerrs + 1] = e end
      end
    end
    if #lerrs > 0 then
      ctx:error(("%s: caller ID number %s is not among the numbers collected, and the instance's numbers were not "
        .. "all listed (%s)"):format(name, nid, collection.summary(lerrs)), ev)
      return
    end
    -- Numbers claimed to a traffic distribution group are listed by the group's ARN: a snapshot
    -- with the instance's groups (data.TrafficDistributionGroups) has them; one without may miss them.
    if groups then
      ctx:manual(("%s: caller ID number %s is claimed neither to the instance nor to its traffic distribution "
        .. "groups in this region: released, or claimed elsewhere; check it"):format(name, nid), ev)
    else
      ctx:manual(("%s: caller ID number %s is not claimed to the instance: released, or claimed to a traffic "
        .. "distribution group (not collected); check it"):format(name, nid), ev)
    end
  end,
}
