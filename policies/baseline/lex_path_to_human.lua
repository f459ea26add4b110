-- BASE-FLOW-011: when a Lex bot does not understand the caller (no intent
-- matched), times out or fails, the caller must still be able to reach a
-- person. For every ConnectParticipantWithLexBot reachable from StartAction,
-- each of its NoMatchingCondition, InputTimeLimitExceeded and NoMatchingError
-- branches must lead to a queue end (TransferContactToQueue,
-- DequeueContactAndTransferToQueue, CreateCallbackContact) or
-- TransferContactToAgent, without going through the same bot again (a retry
-- that only loops back into the bot leaves a caller the bot never understands
-- with no way out). TransferToFlow is followed into the target flow of the same
-- instance, three levels deep; a target that cannot be resolved (JSONPath,
-- another instance, not collected) makes the finding manual, never pass.
-- One finding per flow.
local flow = require "flow"
local routing = require "flow.routing"

local BRANCHES = { "NoMatchingCondition", "InputTimeLimitExceeded", "NoMatchingError" }
local EXPECTED = "the branch leads to a queue or an agent (directly or through TransferToFlow) without re-entering the bot"
local MAX_EVIDENCE = 60

return {
  id = "BASE-FLOW-011",
  title = "Every Lex bot fallback, timeout and error branch leads to a human",
  severity = "medium",
  practice = "LEX-4",
  controls = { BASELINE = { "LEX-4", "FLOW-7" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Callers whose request the bot cannot match, who stay silent, or who hit a bot error are the ones "
    .. "who most need an agent; a fallback that only disconnects or loops back into the bot traps them in "
    .. "self-service and turns into abandoned calls and complaints.",
  remediation = "In the flow designer connect the Error, Timeout and Default (no match) outputs of each 'Get "
    .. "customer input' block that uses a Lex bot to a path ending in 'Transfer to queue' (after the hours and "
    .. "staffing checks) or to a flow that does, and publish; verify with aws connect describe-contact-flow "
    .. "--instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local bots = {}
    for _, n in ipairs(g.nodes) do if n.type == "ConnectParticipantWithLexBot" then bots[#bots + 1] = n end end
    if #bots == 0 then
      ctx:skip(name .. ": no Lex bot (ConnectParticipantWithLexBot)")
      return
    end
    if not flow.need_start(ctx, g, name, "the bot") then return end
    local reach = flow.reachable(g)
    local instance = routing.instance_of(r.arn)
    local fails, unknowns, passes, checked = {}, {}, {}, 0
    for _, bot in ipairs(bots) do
      if reach[bot.index] then
        checked = checked + 1
        local what = "Lex bot " .. flow.describe(g, bot)
        for _, etype in ipairs(BRANCHES) do
          local edge
          for _, e in ipairs(bot.edges) do
            if e.kind == "error" and e.error_type == etype then edge = e; break end
          end
          local item = { ptr = edge and ctx:ptr(bot.view, table.unpack(edge.keys)) or ctx:ptr(bot.view, "Transitions") }
          if not edge then
            item.text = ("%s has no %s branch"):format(what, etype)
            fails[#fails + 1] = item
          elseif not edge.node then
            item.text = ("%s: %s leads to no existing action"):format(what, etype)
            fails[#fails + 1] = item
          elseif edge.node == bot then
            item.text = ("%s: %s loops straight back into the bot"):format(what, etype)
            fails[#fails + 1] = item
          else
            local ans, detail = routing.reaches_human(ctx, g, edge.node, { arn = r.arn, node = bot }, instance, r.arn)
            if ans == "yes" then
              item.text = ("%s: %s -> %s"):format(what, etype, flow.path_text(detail))
              passes[#passes + 1] = item
            elseif ans == "unknown" then
              item.text = ("%s: %s reaches no queue in this flow, and %s"):format(what, etype, detail)
              unknowns[#unknowns + 1] = item
            else
              item.text = ("%s: %s (-> '%s') reaches no queue or agent without re-entering the bot")
                :format(what, etype, edge.node.id or "?")
              fails[#fails + 1] = item
            end
          end
        end
      end
    end
    if checked == 0 then
      ctx:skip(name .. ": no Lex bot reachable from StartAction '" .. g.start_id .. "'")
      return
    end
    local function emit(fn, items, head)
      local ev, texts = {}, {}
      for i, it in ipairs(items) do
        if i <= MAX_EVIDENCE then ev[#ev + 1] = { path = it.ptr, note = it.text, expected = EXPECTED } end
        if i <= 3 then texts[#texts + 1] = it.text end
      end
      local more = #items > 3 and ("; and %d more"):format(#items - 3) or ""
      fn(ctx, ("%s: %s: %s%s"):format(name, head, table.concat(texts, "; "), more), ev)
    end
    if #fails > 0 then
      emit(ctx.fail, fails, ("%d bot branch(es) without a path to a human"):format(#fails))
    elseif #unknowns > 0 then
      emit(ctx.manual, unknowns, ("%d bot branch(es) whose path to a human depends on a flow that could not be followed")
        :format(#unknowns))
    else
      emit(ctx.pass, passes, ("every fallback, timeout and error branch of %d bot(s) reaches a human"):format(checked))
    end
  end,
}
