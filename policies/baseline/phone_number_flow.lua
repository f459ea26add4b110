-- BASE-TEL-011 (FLOW-10, DEV-4): every claimed voice number routes to a
-- contact flow of its instance. The association comes from the instance's
-- ListFlowAssociations (ResourceType VOICE_PHONE_NUMBER: data.FlowAssociations,
-- ResourceId = the number, FlowId = the flow, each an ARN or an ID). A number
-- with no association answers no call; one whose flow is not in the instance
-- (deleted, or moved to another stage's flow) is a reference that does not
-- resolve. The flow missing fails only when the snapshot holds every flow of
-- the instance (lib/inventory.lua); the associations not collected (denied,
-- an endpoint that does not know ListFlowAssociations) is `error`.
local inventory = require "inventory"
local refs = require "flowrefs"
local collection = require "collection"

return {
  id = "BASE-TEL-011",
  title = "Every claimed phone number routes to a contact flow of its instance",
  severity = "medium",
  practice = "FLOW-10",
  controls = { BASELINE = { "FLOW-10", "DEV-4" } },
  resource = "connect_phone_number",
  rationale = "A claimed number without a flow, or whose flow was deleted, rings into nothing: callers hear an "
    .. "error or silence, and the number is paid for all the same. Moving a number to a new flow is the last "
    .. "step of a flow release (DEV-4); a number left on a removed flow is a release that went wrong.",
  remediation = "Associate the number with its inbound flow (Channels > Phone numbers > number > Flow / IVR; "
    .. "aws connect associate-phone-number-contact-flow --phone-number-id PN --instance-id ID --contact-flow-id "
    .. "FLOW), or release the number.",
  check = function(r, ctx)
    local name = r.name or r.arn
    local s = ctx:need(r.data, "ClaimedPhoneNumberSummary")
    local st = s.PhoneNumberStatus
    local status = st and st.Status
    if status ~= nil and status ~= "CLAIMED" then
      ctx:skip(("%s: status %s, not yet claimed"):format(name, tostring(status)))
      return
    end
    if s.PhoneNumberType == "SHORT_CODE" then
      ctx:skip(("%s: an SMS short code, which runs no voice flow"):format(name))
      return
    end
    local target = ctx:need(s, "TargetArn")
    local inst_arn = refs.instance_arn(target)
    if not inst_arn or inst_arn ~= target then
      ctx:manual(("%s is claimed to %s, not an instance (a traffic distribution group): check the flow of "
        .. "the number in each instance of the group"):format(name, target),
        { path = ctx:ptr(s, "TargetArn"), expected = "an instance ARN" })
      return
    end
    local inst = ctx:lookup("connect_instance", inst_arn)
    if not inst then
      refs.missing_instance(ctx, r, inst_arn)
      return
    end
    local assoc = inst.data.FlowAssociations
    local iptr = refs.container_ptr(inst) .. "/data/FlowAssociations"
    if assoc == nil or assoc == false then
      ctx:error(("%s: the flows of instance %s's numbers were not collected (%s)")
        :format(name, inst.name or inst_arn, collection.explain(ctx, inst_arn, "connect:ListFlowAssociations")),
        { path = iptr, expected = "ListFlowAssociations VOICE_PHONE_NUMBER as collected" })
      return
    end
    -- ResourceId -> first association, once per instance (not a scan per number)
    local index = ctx:once("flow-assoc:" .. inst_arn, function()
      local by = {}
      for i, a in ipairs(assoc) do
        local rid = a.ResourceId
        if type(rid) == "string" and (a.ResourceType == nil or a.ResourceType == "VOICE_PHONE_NUMBER")
            and not by[rid] then
          by[rid] = i
        end
      end
      return by
    end)
    local pid = s.PhoneNumberId
    local idx = index[r.arn] or (type(pid) == "string" and index[pid]) or nil
    local hit = idx and assoc[idx]
    if not hit then
      ctx:fail(("%s is associated with no contact flow of %s: it answers no call"):format(name, inst.name or inst_arn),
        { path = iptr, expected = "an association for " .. r.arn,
          note = ("%d association(s), none for this number"):format(#assoc) })
      return
    end
    local fptr = ("%s/%d/FlowId"):format(iptr, idx - 1)
    local farn = inventory.arn(inst_arn, "flows", hit.FlowId)
    local ev = { { path = fptr, expected = "a contact flow of " .. inst_arn } }
    if not farn then
      ctx:error(("%s: its association names no flow (FlowId %s)"):format(name, tostring(hit.FlowId)), ev)
      return
    end
    if refs.instance_arn(farn) ~= inst_arn then
      ctx:fail(("%s routes to %s, a flow of another instance"):format(name, farn), ev)
      return
    end
    local f = ctx:lookup("connect_contact_flow", farn)
    if f then
      ev[2] = { path = refs.container_ptr(f), expected = "exists" }
      ctx:pass(("%s routes to contact flow %s"):format(name, f.name or farn), ev)
      return
    end
    local ok, why = inventory.complete(ctx, "flows", inst_arn)
    if ok then
      ctx:fail(("%s routes to flow %s, which is not in the instance (deleted?)"):format(name, farn), ev)
    else
      ctx:error(("%s routes to flow %s, not in the snapshot, and %s"):format(name, farn, why), ev)
    end
  end,
}
