-- PCI-FLOW-020 (PCI-5): an agent-assisted payment -- the agent hands the
-- caller over with a quick connect to a flow that collects card data -- keeps
-- the card input out of the recording. The quick connect's flow
-- (QueueConfig / UserConfig / FlowConfig .ContactFlowId) and the flows it
-- transfers to with a static TransferToFlow are read; every card input there
-- must be reached with recording suspended on every path. The agent's call
-- was being recorded when the agent chose the quick connect, so the flow's
-- entry counts as "possibly recording" until the flow turns it off
-- (lib/flow.lua's analysis). A quick connect into no card-collecting flow is
-- no payment path (skipped); an input the flow cannot place is `manual`.
-- Whether the agent stays on the line and hears the digits is not in any
-- API: PCI-ATT-001 asks.
local flow = require "flow"
local refs = require "flowrefs"
local inventory = require "inventory"

local CONFIG = { USER = "UserConfig", QUEUE = "QueueConfig", FLOW = "FlowConfig" }

-- The flows a flow hands the contact to: static TransferToFlow targets of this
-- instance ({arn, node}), and the targets the snapshot cannot show.
local function transfers(g, inst_arn)
  local out, unknown = {}, {}
  for _, node in ipairs(g.nodes) do
    if node.type == "TransferToFlow" then
      local v = node.params and node.params.ContactFlowId
      local a = inventory.arn(inst_arn, "flows", v)
      if a then out[#out + 1] = { arn = a, node = node } else unknown[#unknown + 1] = node end
    end
  end
  return out, unknown
end

return {
  id = "PCI-FLOW-020",
  title = "Quick connects into a payment flow keep card input out of the recording",
  severity = "critical",
  practice = "PCI-5",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1" }, BASELINE = { "PCI-5", "PCI-2" } },
  resource = "connect_quick_connect",
  rationale = "In an agent-assisted payment the agent's call is being recorded when the agent picks the quick "
    .. "connect to the payment flow; unless that flow suspends recording before the caller keys in the card "
    .. "number, the PAN and CVV are stored in the call recording.",
  remediation = "In the payment flow the quick connect runs, add a 'Set recording and analytics behavior' block "
    .. "before the card input with agent and customer recording off and IVR recording disabled, and resume it "
    .. "afterwards; or point the quick connect at the secure payment flow.",
  check = function(r, ctx)
    local name = r.name or r.arn
    local qc = ctx:need(r.data, "QuickConnect")
    local cfg = ctx:need(qc, "QuickConnectConfig")
    local qtype = cfg.QuickConnectType
    if qtype == "PHONE_NUMBER" then
      ctx:skip(name .. ": dials an external number; a payment taken there is outside Amazon Connect")
      return
    end
    local member = CONFIG[qtype]
    if not member then
      ctx:error(("%s: QuickConnectType %s is not one the rule knows"):format(name, tostring(qtype)),
        { path = ctx:ptr(cfg, "QuickConnectType"), expected = "USER, QUEUE, FLOW or PHONE_NUMBER" })
      return
    end
    local sub = ctx:need(cfg, member)
    local ref = ctx:need(sub, "ContactFlowId")
    local inst_arn = refs.instance_arn(r.arn)
    if not inst_arn then
      refs.missing_instance(ctx, r, inst_arn)
      return
    end
    local qev = { path = ctx:ptr(sub, "ContactFlowId"), expected = "a flow that suspends recording before card input" }
    local farn = inventory.arn(inst_arn, "flows", ref)
    local f = farn and ctx:lookup("connect_contact_flow", farn)
    if not f then
      local ok, why = inventory.complete(ctx, "flows", inst_arn)
      if ok and farn then
        ctx:skip(("%s: its flow %s does not exist (BASE-QC-001), so it leads to no payment"):format(name, tostring(ref)))
      else
        ctx:error(("%s: its flow %s is not in the snapshot%s"):format(name, tostring(ref), ok and "" or (", and " .. why)),
          qev)
      end
      return
    end
    -- the flow, then the flows it transfers to (one hop)
    local seen, todo, unknown = { [f.arn] = true }, { f }, {}
    local g0 = flow.load(ctx, f)
    if not g0 then return end
    local graphs = { [f.arn] = g0 }
    local outs, unk = transfers(g0, inst_arn)
    for _, n in ipairs(unk) do unknown[#unknown + 1] = { flow = f, node = n } end
    for _, t in ipairs(outs) do
      local tf = ctx:lookup("connect_contact_flow", t.arn)
      if tf and not seen[tf.arn] then
        seen[tf.arn] = true
        todo[#todo + 1] = tf
      elseif not tf then
        unknown[#unknown + 1] = { flow = f, node = t.node }
      end
    end
    local fails, manuals, passes, ev = {}, {}, {}, { qev }
    for _, fr in ipairs(todo) do
      local g = graphs[fr.arn] or flow.load(ctx, fr)
      if not g then return end
      local inputs = flow.card_inputs(g, ctx.params)
      if #inputs > 0 then
        if not flow.need_start(ctx, g, fr.name or fr.arn, "the card input") then return end
        local res = flow.analyze(g)
        if not res.converged then
          ctx:error(("%s: the path analysis of flow %s did not converge"):format(name, fr.name or fr.arn))
          return
        end
        local reach = flow.reachable(g)
        for _, ci in ipairs(inputs) do
          local what = ("flow %s: card input %s"):format(fr.name or fr.arn, flow.describe(g, ci.node))
          local e = { path = ctx:ptr(ci.node.view, "Identifier"),
                      expected = "recording off on every path (RecordedParticipants [], IVR recording disabled)" }
          if reach[ci.node.index] then
            ev[#ev + 1] = e
            if next(res.entry[ci.node.index].recording.on) ~= nil then
              e.note = "recording possibly active"
              local list = ci.maybe and manuals or fails
              list[#list + 1] = what .. (ci.maybe and (" (the flow cannot tell it is card data: " .. ci.why .. ")") or "")
            else
              e.note = "recording suspended on every path"
              passes[#passes + 1] = what
            end
          end
        end
      end
    end
    if #fails > 0 then
      ctx:fail(("%s hands the caller to a payment flow whose card input is reached with recording possibly "
        .. "active: %s"):format(name, table.concat(fails, "; ")), ev)
    elseif #manuals > 0 then
      ctx:manual(("%s reaches input that may be card data with recording possibly active: %s; confirm what it "
        .. "collects"):format(name, table.concat(manuals, "; ")), ev)
    elseif #passes > 0 then
      ctx:pass(("%s hands the caller to a payment flow that suspends recording before every card input: %s")
        :format(name, table.concat(passes, "; ")), ev)
    elseif #unknown > 0 then
      local u = unknown[1]
      ctx:manual(("%s: flow %s transfers to a flow the snapshot does not show (%s); check that it does not "
        .. "collect card data with recording on"):format(name, u.flow.name or u.flow.arn, flow.describe(graphs[u.flow.arn] or g0, u.node)),
        { qev, { path = ctx:ptr(u.node.view, "Parameters"), expected = "a flow of this instance" } })
    else
      ctx:skip(("%s: its flow %s collects no card input: not a payment path"):format(name, f.name or f.arn))
    end
  end,
}
