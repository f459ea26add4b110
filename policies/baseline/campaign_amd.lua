-- BASE-CMP-005: a campaign's answering machine detection and its flow
-- agree: AMD enabled on the campaign and a Check call progress block
-- (CheckOutboundCallStatus) reachable in the flow, or neither. AMD on without
-- the block leaves machines' answers to agents or the message; the block
-- without AMD never sees a machine branch. As the public config rule
-- flows-check-outbound-call-status, with the flow read as a graph (a block
-- in an unreachable corner does not count) and a flow the snapshot lacks an
-- `error`, not a failure. No answerMachineDetectionConfig is AMD off.
local campaigns = require "campaigns"
local flow = require "flow"
local refs = require "flowrefs"

return {
  id = "BASE-CMP-005",
  title = "A campaign's answering machine detection matches a Check call progress block in its flow",
  severity = "low",
  practice = "FLOW-7",
  controls = { BASELINE = { "FLOW-7" } },
  resource = campaigns.TYPES,
  rationale = "Answering machine detection reports its result only to a Check call progress block: enabled "
    .. "without one, machines reach agents (or hear a message meant for people); a block without detection "
    .. "routes every call down the same branch.",
  remediation = "Either add Check call progress (branches Call answered / Voicemail beep / Not detected) at the "
    .. "start of the campaign flow, or set answerMachineDetectionConfig.enableAnswerMachineDetection to match "
    .. "(Outbound campaigns > the campaign > Edit > Answering machine detection).",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, false)
    if not t then return end
    local f = campaigns.flow(ctx, t)
    if not f then return end
    local g = flow.load(ctx, f)
    if not g then return end
    local reach = flow.reachable(g)
    local block
    for _, node in ipairs(g.nodes) do
      if reach[node.index] and node.type == "CheckOutboundCallStatus" then block = node; break end
    end
    local amd = t.amd == true
    local subject = ("campaign %s: answering machine detection %s"):format(t.name, amd and "on" or "off")
    local amd_ev = { path = t.amd == nil and t.path.config or t.path.amd,
                     note = t.amd == nil and "no answerMachineDetectionConfig: detection off" or nil }
    local block_ev = { path = refs.container_ptr(f) .. (block and ("/data/ContactFlow/Content/Actions/%d/Type"):format(block.index - 1)
                                                         or "/data/ContactFlow/Content/Actions") }
    if amd and not block then
      block_ev.expected = "a reachable CheckOutboundCallStatus"
      return ctx:fail(subject .. (", but flow %s has no reachable Check call progress block"):format(f.name or f.arn),
        { amd_ev, block_ev })
    end
    if block and not amd then
      amd_ev.expected = true
      return ctx:fail(subject .. (", but flow %s checks call progress (%s)"):format(f.name or f.arn, block.id),
        { amd_ev, block_ev })
    end
    ctx:pass(subject .. (amd and ", and flow %s checks call progress" or ", and flow %s does not check call progress")
      :format(f.name or f.arn), { amd_ev, block_ev })
  end,
}
