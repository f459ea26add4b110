-- BASE-FLOW-010: a caller put in a queue outside business hours, or when no
-- agent is staffed, waits for nobody. Every path from StartAction into a
-- "path to queue" end (TransferContactToQueue, DequeueContactAndTransferToQueue,
-- CreateCallbackContact) must pass the "True" branch of a CheckHoursOfOperation
-- and a staffing check (a condition branch of CheckMetricData on an agent
-- count, or of a Compare on $.Metrics.Agents.* after GetMetricData).
-- One finding per flow: the fix is made per flow, and every unchecked queue end
-- is listed with its shortest unchecked path.
-- The flow is judged on its own paths; when they miss a check but every
-- TransferToFlow into the flow from the instance's other flows comes after both
-- checks there, the finding is manual (the flow may still be an entry point of
-- its own, which the snapshot cannot show). A module call is not looked into:
-- when only a module could hold the check the finding is manual too.
local flow = require "flow"
local routing = require "flow.routing"
local index = require "flow.index"

-- Per flow, once per rule run (lib/flow/index.lua): each reachable
-- TransferToFlow action (by its index in Actions) -> {ok = reached only
-- through both checks, ptr}. One breadth-first search per check for the flow.
-- Targets and gates go to flow.every_path_passes as tables keyed by
-- node.index (routing.targets, routing.gates_on): no Lua is called, and no
-- edge made, for the actions that are no gate (issue 12).
local NO_GATE = {}
-- The action types whose text can name voicemail (the queue set, a prompt).
local VOICEMAIL_TEXT = { UpdateContactTargetQueue = true, MessageParticipant = true }
local function transfer_gates(ctx, f)
  return index.per_flow(ctx, "BASE-FLOW-010.gated", f, function(g)
    local out = {}
    local is_transfer = routing.targets(g, function(n) return n.type == "TransferToFlow" and n.params ~= nil end)
    for _, x in ipairs(flow.every_path_passes(g, is_transfer, NO_GATE)) do
      out[x.node.index] = { ok = true, ptr = ctx:ptr(x.node.view, "Parameters", "ContactFlowId") }
    end
    for _, gate in ipairs({ routing.gates_on(g, routing.HOURS, routing.hours_gate),
                            routing.gates_on(g, routing.STAFFING, routing.staffing_gates(g)) }) do
      for _, x in ipairs(flow.every_path_passes(g, is_transfer, gate)) do
        if not x.ok then out[x.node.index].ok = false end
      end
    end
    return out
  end)
end

-- The TransferToFlow actions into flow `arn` from the other flows of its
-- instance, as {ptr, name}, when there is at least one and every one is
-- reached only through both checks in its own flow; nil otherwise (no caller,
-- an unchecked caller, or a caller that cannot be read: then the fail stands).
local function gated_callers(ctx, arn)
  local out = {}
  for _, c in ipairs(index.callers(ctx, arn)) do
    local gates = transfer_gates(ctx, c.flow)
    for _, i in ipairs(c.actions) do
      local x = gates and gates[i]
      if x then
        if not x.ok then return nil end
        out[#out + 1] = { ptr = x.ptr, name = c.flow.name }
      end
    end
  end
  if #out == 0 then return nil end
  return out
end

local EXPECTED = "every path from StartAction passes CheckHoursOfOperation (True branch) and a staffing check "
  .. "(CheckMetricData NumberOfAgents*, or GetMetricData + Compare on $.Metrics.Agents.*) before the queue"
local MAX_EVIDENCE = 60

return {
  id = "BASE-FLOW-010",
  title = "Hours of operation and staffing are checked on every path into a queue",
  severity = "medium",
  practice = "FLOW-9",
  controls = { BASELINE = { "FLOW-9" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A contact queued while the contact center is closed, or while no agent is staffed, waits until it "
    .. "abandons: the caller hears hold music instead of the closed message, voicemail or callback offer that "
    .. "the hours and staffing branches exist to give.",
  remediation = "In the flow designer put a 'Check hours of operation' block and a 'Check staffing' block (or "
    .. "'Get queue metrics' + 'Check contact attributes' on agents online/available/staffed) on every branch "
    .. "before each 'Transfer to queue', route their closed / not-staffed outputs away from the queue, and "
    .. "publish; verify with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    -- A CUSTOMER_QUEUE flow runs while the caller waits in a queue: a
    -- CreateCallbackContact there keeps the contact in that same queue, whose
    -- hours and staffing the flow that queued it checked. A move to another
    -- queue (DequeueContactAndTransferToQueue) still needs the checks.
    local cf = r.data.ContactFlow
    local in_queue = flow.is_view(cf) and cf.Type == "CUSTOMER_QUEUE"
    local function is_end(n)
      return routing.is_queue_end(n) and not (in_queue and n.type == "CreateCallbackContact")
    end
    local any = false
    for _, n in ipairs(g.nodes) do if is_end(n) then any = true; break end end
    if not any and in_queue then
      ctx:skip(name .. ": a CUSTOMER_QUEUE flow whose only queue end is a callback in the queue the caller is "
        .. "already in; the checks belong to the flow that queued them")
      return
    end
    if not any then
      ctx:skip(name .. ": no transfer to a queue (TransferContactToQueue, DequeueContactAndTransferToQueue, "
        .. "CreateCallbackContact)")
      return
    end
    if not flow.need_start(ctx, g, name, "the queue") then return end
    local staffing_gate = routing.staffing_gates(g)
    local gates = {
      { word = "hours of operation", gate = routing.gates_on(g, routing.HOURS, routing.hours_gate) },
      { word = "staffing", gate = routing.gates_on(g, routing.STAFFING, staffing_gate) },
    }
    local function is_module(n) return n.type == "InvokeFlowModule" end
    -- Without a module call the loose search below is the strict one again,
    -- and answers the same (issue 12: two of the rule's searches per flow).
    local has_module = false
    for _, n in ipairs(g.nodes) do if is_module(n) then has_module = true; break end end
    local ends_t = routing.targets(g, is_end)
    -- Per queue end: the checks missing on some path, and a shortest such path.
    local ends, missing = {}, {}
    for _, gt in ipairs(gates) do
      local res = flow.every_path_passes(g, ends_t, gt.gate)
      local loose -- the same question with module calls counted as gates
      for _, x in ipairs(res) do
        ends[x.node.index] = x.node
        if not x.ok then
          if not loose and not has_module then
            loose = {}
            for _, y in ipairs(res) do loose[y.node.index] = y.ok end
          elseif not loose then
            -- gt.gate(n, e) or is_module(n): a module call passes on every edge
            local lg = {}
            for k, v in pairs(gt.gate) do lg[k] = v end
            for _, n in ipairs(g.nodes) do if is_module(n) then lg[n.index] = true end end
            loose = {}
            for _, y in ipairs(flow.every_path_passes(g, ends_t, lg)) do loose[y.node.index] = y.ok end
          end
          local m = missing[x.node.index]
          if not m then m = { node = x.node, path = x.path, words = {}, hard = false }; missing[x.node.index] = m end
          m.words[#m.words + 1] = ("no %s check on %s"):format(gt.word, flow.path_text(x.path))
          if not loose[x.node.index] then m.hard = true end
        end
      end
    end
    -- A transfer into a voicemail queue: nobody answers that queue, so hours
    -- and staffing do not matter. Known when, on the unchecked path, the queue
    -- set, the transfer's name or a prompt names voicemail (parameter
    -- voicemail_keywords).
    local vm_words = ctx.params.voicemail_keywords
    local function voicemail_why(path)
      for _, n in ipairs(path) do
        -- only these types have a text to read (no view or list for the rest)
        if VOICEMAIL_TEXT[n.type] or routing.is_queue_end(n) then
          local p = n.params
          local texts = { { "queue", n.type == "UpdateContactTargetQueue" and p and p.QueueId or nil },
                          { "prompt", n.type == "MessageParticipant" and p and (p.Text or p.SSML) or nil } }
          if routing.is_queue_end(n) then
            texts[#texts + 1] = { "name", n.id }
            texts[#texts + 1] = { "name", flow.display_name(g.content, n.id) }
          end
          for _, t in ipairs(texts) do
            if type(t[2]) == "string" then
              for _, kw in ipairs(vm_words) do
                if flow.has_keyword(t[2], kw) then
                  return ("%s %s of %s names \"%s\""):format(t[1], t[2]:sub(1, 80), flow.describe(g, n), kw)
                end
              end
            end
          end
        end
      end
      return nil
    end
    local ordered, fails, manuals, voicemail = {}, {}, {}, {}
    for _, n in ipairs(g.nodes) do
      if ends[n.index] then ordered[#ordered + 1] = n end
      local m = missing[n.index]
      if m then
        m.text = table.concat(m.words, "; ")
        local vm = voicemail_why(m.path)
        if vm then voicemail[#voicemail + 1] = { node = n, why = vm }
        elseif m.hard then fails[#fails + 1] = m else manuals[#manuals + 1] = m end
      end
    end
    if #ordered == 0 then
      ctx:skip(name .. ": no transfer to a queue is reachable from StartAction '" .. g.start_id .. "'")
      return
    end

    local function report(items, what)
      local ev, texts = {}, {}
      for i, it in ipairs(items) do
        local desc = ("%s %s: %s"):format(it.node.type, flow.describe(g, it.node), it.text)
        if i <= MAX_EVIDENCE then
          ev[#ev + 1] = { path = ctx:ptr(it.node.view, "Identifier"), note = it.text, expected = EXPECTED }
        end
        if i <= 3 then texts[#texts + 1] = desc end
      end
      local more = #items > 3 and ("; and %d more"):format(#items - 3) or ""
      return ev, ("%s: %d queue transfer(s) reachable without the checks%s: %s%s"):format(name, #items, what, table.concat(texts, "; "), more)
    end
    if #fails > 0 then
      local ev, msg = report(fails, "")
      -- A routing sub-flow may rely on the flow that transfers to it: when
      -- every TransferToFlow into this flow (same instance) comes only after
      -- both checks in its own flow, the gap exists only if the flow is also an
      -- entry point (a phone number, chat or API start: not in the snapshot).
      if flow.is_module(r) then
        -- A module runs inside the flow that invokes it, which may have checked
        -- both before its InvokeFlowModule.
        ctx:manual(msg .. "; this is a flow module: confirm every flow that invokes it checks hours and staffing "
          .. "before the InvokeFlowModule", ev)
        return
      end
      local callers = gated_callers(ctx, r.arn)
      if callers then
        for _, c in ipairs(callers) do
          if #ev < MAX_EVIDENCE then
            ev[#ev + 1] = { path = c.ptr, note = "TransferToFlow after both checks in flow '" .. c.name .. "'",
                            expected = EXPECTED }
          end
        end
        ctx:manual(msg .. ("; but all %d TransferToFlow into this flow come after both checks in the calling flow: "
          .. "confirm the flow is not itself an entry point (phone number, chat, API)"):format(#callers), ev)
        return
      end
      ctx:fail(msg, ev)
      return
    end
    if #manuals > 0 then
      local ev, msg = report(manuals, " unless a module called on the way checks it (modules are not analysed)")
      ctx:manual(msg, ev)
      return
    end
    -- Pass: evidence is every queue end and every gate action the paths pass.
    local ev, vm_of = {}, {}
    for _, v in ipairs(voicemail) do vm_of[v.node.index] = v.why end
    for _, n in ipairs(ordered) do
      ev[#ev + 1] = { path = ctx:ptr(n.view, "Identifier"),
                      note = vm_of[n.index] and ("a transfer to voicemail: " .. vm_of[n.index])
                        or (n.type .. " reached only after the hours and staffing checks"), expected = EXPECTED }
    end
    if #voicemail > 0 then
      local texts = {}
      for i, v in ipairs(voicemail) do
        if i <= 3 then texts[#texts + 1] = ("%s %s (%s)"):format(v.node.type, flow.describe(g, v.node), v.why) end
      end
      ctx:pass(("%s: %d queue transfer(s); %d into voicemail, where hours and staffing do not apply: %s%s")
        :format(name, #ordered, #voicemail, table.concat(texts, "; "), #voicemail > 3 and "; ..." or ""), ev)
      return
    end
    local reach = flow.reachable(g)
    for _, n in ipairs(g.nodes) do
      -- only those types can pass either gate: no succ list for the others
      if reach[n.index] and #ev < MAX_EVIDENCE and (routing.HOURS[n.type] or routing.STAFFING[n.type]) then
        for _, e in ipairs(n.succ) do
          if routing.hours_gate(n, e) or staffing_gate(n, e) then
            ev[#ev + 1] = { path = ctx:ptr(n.view, "Type"), expected = "a check on the way into the queue" }
            break
          end
        end
      end
    end
    ctx:pass(("%s: %d queue transfer(s), each reached only through the hours-of-operation and staffing checks")
      :format(name, #ordered), ev)
  end,
}
