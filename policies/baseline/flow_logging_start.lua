-- BASE-CW-002 (CW-1): flow logs need both the instance's CONTACTFLOW_LOGS
-- attribute (BASE-CW-001) and a 'Set logging behavior' block (UpdateFlowLoggingBehavior
-- "Enabled") in the flow: without the block a contact that starts in the flow
-- leaves no flow log (adminguide about-contact-flow-logs: the log group comes
-- with "Enable flow logging", "however, to enable logging, you also need to add
-- a Set logging behavior block to your flow"). So for an inbound flow (Type CONTACT_FLOW, where contacts
-- start), every path from StartAction must pass an Enabled logging block before
-- the contact's first interaction (a prompt, an input, a Lambda or Lex call, a
-- module, a transfer, a queue, a disconnect).
--   * a path that reaches an interaction before any logging block: fail (naming
--     the path) -- unless other flows TransferToFlow into this one (logging
--     enabled there carries in), or a TransferToFlow whose target is read at
--     run time (a JSONPath or a placeholder) may lead here: then manual;
--   * a first logging block that disables logging (a payment flow keeping card
--     entry out of the logs, AWS's secure-input pattern) passes when a block
--     after it enables logging again, and fails when none does;
--   * a first logging block whose value is a JSONPath: manual.
-- Other flow types (queue, hold, whisper, transfer) and modules run after an
-- inbound flow and inherit its logging: skipped. Segments that turn logging
-- off later (around card input, PCI-FLOW-003) are not this rule's concern.
local flow = require "flow"
local index = require "flow.index"

local INTERACTIONS = {
  MessageParticipant = true, MessageParticipantIteratively = true, GetParticipantInput = true,
  ConnectParticipantWithLexBot = true, InvokeLambdaFunction = true, InvokeFlowModule = true,
  TransferToFlow = true, TransferContactToQueue = true, DequeueContactAndTransferToQueue = true,
  CreateCallbackContact = true, TransferContactToAgent = true, TransferParticipantToThirdParty = true,
  DisconnectParticipant = true, Wait = true,
}
local EXPECTED = "UpdateFlowLoggingBehavior on every path from StartAction before the first interaction, "
  .. "enabling logging (or disabling it for a sensitive segment after which it is enabled again)"

local function logging_value(n)
  if n.type ~= "UpdateFlowLoggingBehavior" then return nil end
  local v = n.params and n.params.FlowLoggingBehavior
  if type(v) ~= "string" then return "unknown" end
  local l = v:lower()
  if l == "enabled" then return "on" elseif l == "disabled" then return "off" end
  return "unknown"
end

-- The first node (breadth-first) reachable from `from`'s successors for which
-- pred is true, or nil.
local function first_reached(from, pred)
  local seen, queue, head = { [from.index] = true }, { from }, 1
  while head <= #queue do
    local node = queue[head]; head = head + 1
    for _, e in ipairs(node.succ) do
      if not seen[e.node.index] then
        if pred(e.node) then return e.node end
        seen[e.node.index] = true
        queue[#queue + 1] = e.node
      end
    end
  end
  return nil
end

return {
  id = "BASE-CW-002",
  title = "Inbound flows enable flow logging before the contact's first interaction",
  severity = "medium",
  practice = "CW-1",
  controls = { BASELINE = { "CW-1" }, ["PCI-DSS-4.0"] = { "10.2.1" }, HIPAA = { "164.312(b)" } },
  resource = "connect_contact_flow",
  rationale = "Amazon Connect writes flow logs only for contacts whose flow turned logging on with a 'Set logging "
    .. "behavior' block, and only when the instance's flow logs are enabled; an inbound flow without that block at "
    .. "its start leaves no record of what the IVR did with the caller, so incidents cannot be investigated.",
  remediation = "In the flow designer put a 'Set logging behavior' block set to Enabled right after the entry point "
    .. "of each inbound flow (before the first prompt or input), keep the instance's flow logs enabled, and publish; "
    .. "check with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local name = r.name or r.arn
    local cf = ctx:need(r.data, "ContactFlow")
    if flow.is_view(cf) then
      local typ = ctx:need(cf, "Type")
      if type(typ) ~= "string" then
        ctx:error(name .. ": ContactFlow.Type is not a string", { path = ctx:ptr(cf, "Type"), expected = "CONTACT_FLOW, …" })
        return
      end
      if typ ~= "CONTACT_FLOW" then
        ctx:skip(("%s: a %s flow runs after an inbound flow and inherits its logging"):format(name, typ))
        return
      end
    end
    local g = flow.load(ctx, r)
    if not g then return end
    if not flow.need_start(ctx, g, name, "the first interaction") then return end
    local function is_target(n) return INTERACTIONS[n.type] == true end
    local function is_logging(n) return logging_value(n) ~= nil end
    -- Paths on which no logging block runs before an interaction: logging never set.
    local dec = flow.every_path_passes(g, is_target, function(n) return is_logging(n) end)
    if #dec == 0 then
      ctx:skip(name .. ": no prompt, input, integration, transfer or disconnect is reachable from StartAction")
      return
    end
    local bad
    for _, x in ipairs(dec) do if not x.ok then bad = x; break end end
    -- The first logging block on each path from StartAction.
    local firsts = {}
    for _, x in ipairs(flow.every_path_passes(g, is_logging, function(n) return is_logging(n) end)) do
      if not x.ok then firsts[#firsts + 1] = x.node end
    end
    local function ev_for(nodes)
      local ev = {}
      for i, n in ipairs(nodes) do
        if i <= 10 then ev[#ev + 1] = { path = ctx:ptr(n.view, "Parameters", "FlowLoggingBehavior"), expected = EXPECTED } end
      end
      return ev
    end
    local function fail_or_manual(msg, ev)
      local callers = index.callers(ctx, r.arn)
      local dynamic = #callers == 0 and index.dynamic_callers(ctx, r.arn) or {}
      if #callers > 0 then
        ctx:manual(msg .. ("; but %d flow(s) transfer into this one, and logging they enabled carries in: confirm the "
          .. "flow is not itself an entry point (phone number, chat, API)"):format(#callers), ev)
      elseif #dynamic > 0 then
        -- A transfer whose target is read at run time may lead here, with
        -- the logging its flow enabled: not a fail on a guess.
        local f = dynamic[1].flow
        ctx:manual(msg .. ("; but %d flow(s) transfer to a flow named only at run time (%s among them), which may be this "
          .. "one and bring logging in: confirm where those transfers lead and whether this flow is an entry point")
          :format(#dynamic, f.name or f.arn), ev)
      else
        ctx:fail(msg, ev)
      end
    end
    if bad then
      local path = flow.path_text(bad.path)
      local ev = ev_for(firsts)
      table.insert(ev, 1, { path = ctx:ptr(bad.node.view, "Identifier"),
                            note = "reached with logging never set via " .. path, expected = EXPECTED })
      fail_or_manual(("%s: %s %s is reached before any 'Set logging behavior' block, via %s"):format(name,
        bad.node.type, flow.describe(g, bad.node), path), ev)
      return
    end
    -- Every path sets logging before its first interaction. A first block that
    -- disables it (a payment flow keeping card entry out of the logs) is fine
    -- when logging is enabled again after it; a JSONPath value cannot be told.
    local unknown, never, later = nil, nil, {}
    for _, n in ipairs(firsts) do
      local v = logging_value(n)
      if v == "unknown" then unknown = unknown or n
      elseif v == "off" then
        local on = first_reached(n, function(m) return logging_value(m) == "on" end)
        if on then later[#later + 1] = { off = n, on = on } else never = never or n end
      end
    end
    if never then
      fail_or_manual(("%s: UpdateFlowLoggingBehavior %s disables flow logging before the first interaction and no "
        .. "block enables it after"):format(name, flow.describe(g, never)), ev_for({ never }))
      return
    end
    if unknown then
      ctx:manual(("%s: flow logging at the start is set by UpdateFlowLoggingBehavior %s from a JSONPath (set at run time)")
        :format(name, flow.describe(g, unknown)), ev_for({ unknown }))
      return
    end
    local note = ""
    if #later > 0 then
      note = ("; %s disables it first and %s enables it later"):format(flow.describe(g, later[1].off), flow.describe(g, later[1].on))
    end
    ctx:pass(("%s: every path from StartAction sets flow logging before the first of %d interaction(s)%s")
      :format(name, #dec, note), ev_for(firsts))
  end,
}
