-- BASE-TEL-001 (TEL-3): queues used for outbound calls have an outbound
-- caller ID number. "Used for outbound" from the snapshot: a queue is the
-- outbound queue of the agents whose routing profile names it, and routing
-- profiles are not in snapshot format v1, so every queue of an instance with
-- outbound calling enabled counts (OUTBOUND_CALLS instance attribute, else
-- DescribeInstance OutboundCallsEnabled). With outbound calling disabled the
-- queue is skipped. Calls placed from a queue without a caller ID number fail
-- or show an unknown number, and many carriers block them.
-- The "tested over several calls" half of TEL-3 is an attestation item.
local flow = require "flow"
local refs = require "flowrefs"

-- true/false from the instance, with the evidence pointer; nil when neither
-- source was collected.
local function outbound_enabled(ctx, inst)
  local attrs = inst.data.Attributes
  if flow.is_view(attrs) then
    for i, a in ipairs(attrs) do
      if flow.is_view(a) and a.AttributeType == "OUTBOUND_CALLS" then
        return flow.truthy(a.Value),
          refs.container_ptr(inst) .. ("/data/Attributes/%d/Value"):format(i - 1)
      end
    end
  end
  local di = inst.data.Instance
  if flow.is_view(di) and type(di.OutboundCallsEnabled) == "boolean" then
    return di.OutboundCallsEnabled, refs.container_ptr(inst) .. "/data/Instance/OutboundCallsEnabled"
  end
  return nil
end

return {
  id = "BASE-TEL-001",
  title = "Queues of an outbound-enabled instance have an outbound caller ID number",
  severity = "medium",
  practice = "TEL-3",
  controls = { BASELINE = { "TEL-3" } },
  resource = "connect_queue",
  rationale = "Agents place outbound calls through their routing profile's outbound queue, which supplies the "
    .. "caller ID; without an OutboundCallerIdNumberId the call shows no usable number (often Anonymous) and is "
    .. "rejected or ignored by the people called.",
  remediation = "Amazon Connect console > Routing > Queues > the queue > Outbound caller configuration: choose a "
    .. "claimed number as Outbound caller ID number; or aws connect update-queue-outbound-caller-config "
    .. "--instance-id ID --queue-id QUEUE --outbound-caller-config OutboundCallerIdNumberId=PHONE_NUMBER_ID. Then "
    .. "test outbound calls from it (TEL-3 attestation).",
  check = function(r, ctx)
    local q = ctx:need(r.data, "Queue")
    local name = r.name or r.arn
    local inst, inst_arn = refs.instance(ctx, r)
    if not inst then return refs.missing_instance(ctx, r, inst_arn) end
    local on, on_path = outbound_enabled(ctx, inst)
    if on == nil then
      refs.need(ctx, inst, "Attributes")
      if inst.data.Attributes ~= nil then
        ctx:error(("queue %s: instance %s has no OUTBOUND_CALLS attribute and no Instance.OutboundCallsEnabled")
          :format(name, inst.name or inst_arn),
          { path = refs.container_ptr(inst) .. "/data/Attributes", expected = "an OUTBOUND_CALLS entry" })
      end
      return
    end
    if not on then
      ctx:skip(("queue %s: outbound calling is disabled on instance %s"):format(name, inst.name or inst_arn))
      return
    end
    local cfg = ctx:need(q, "OutboundCallerConfig")
    local ev = { { path = on_path, expected = "true (outbound calling enabled)" } }
    local id = flow.is_view(cfg) and cfg.OutboundCallerIdNumberId or nil
    if type(id) == "string" and id ~= "" then
      table.insert(ev, 1, { path = ctx:ptr(cfg, "OutboundCallerIdNumberId"), expected = "a phone number ID" })
      ctx:pass(("queue %s has outbound caller ID number %s"):format(name, id), ev)
      return
    end
    local path = flow.is_view(cfg) and ctx:ptr(cfg, "OutboundCallerIdNumberId") or ctx:ptr(q, "OutboundCallerConfig")
    table.insert(ev, 1, { path = path, expected = "a phone number ID" })
    ctx:fail(("queue %s has no outbound caller ID number, and instance %s places outbound calls")
      :format(name, inst.name or inst_arn), ev)
  end,
}
