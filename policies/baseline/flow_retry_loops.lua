-- BASE-FLOW-002 (FLOW-7): an input block's error or no-input branch that leads
-- back into the same block without a Loop counter on the way asks a caller who
-- never answers (or whose keypad fails) again and again until they hang up --
-- an unbounded retry cycle (reference/flow-language.md §4 pitfall 7).
-- For every input action reachable from StartAction (GetParticipantInput,
-- ConnectParticipantWithLexBot) and each of its Errors[] branches
-- (InputTimeLimitExceeded, NoMatchingCondition, NoMatchingError,
-- InvalidPhoneNumber, ...) -- and, for a stored input, the "Timeout" condition
-- of a Compare on $.StoredCustomerInput right after it (a stored input's
-- no-input outcome is that value) -- is the input reachable again from it?
--   * only through a Loop block (LoopCount bounds it): pass;
--   * without a Loop block but only through a Compare block: manual -- it may
--     test a retry counter kept in an attribute, which the flow cannot show;
--   * through neither: fail, with the cycle -- manual in a queue or hold flow,
--     where the contact waits for an agent meanwhile (an agent ends the cycle).
-- Cycles through success branches (a menu that returns to itself after a
-- valid choice) are not retries and are not judged. One finding per flow.
local flow = require "flow"
local flowrefs = require "flowrefs"
local routing = require "flow.routing"

local INPUTS = { GetParticipantInput = true, ConnectParticipantWithLexBot = true }
local WAITING = { CUSTOMER_QUEUE = true, CUSTOMER_HOLD = true, AGENT_HOLD = true }
local EXPECTED = "every error / no-input branch that returns to the input passes a Loop block (a bounded retry)"

-- A shortest path from `from` to `target` not entering an action whose type
-- is a key of `blocked` (target itself excepted), as a node list; or nil.
-- The engine searches (auditor/policy/flowpaths.c, flowpaths.paths), in the
-- order the Lua search over node.succ did, so the path is the one it gave,
-- without making a succ list for every action on the way: a Lua search and
-- a reachability set per retry branch, over lists made for every action they
-- reached, were most of this rule's cost (issue 12). A branch returns to its
-- input when the unblocked search finds a path; the other two searches of a
-- branch that does: a path through no Loop or Compare (hard), one through no
-- Loop (soft).
local LOOP = { Loop = true }
local LOOP_OR_COMPARE = { Loop = true, Compare = true }

return {
  id = "BASE-FLOW-002",
  title = "No input block retries without bound on its error or no-input branches",
  severity = "medium",
  practice = "FLOW-7",
  controls = { BASELINE = { "FLOW-7" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A timeout or invalid-input branch that leads straight back to the same prompt keeps a caller who "
    .. "cannot answer (no keypad, a bad line, a bot that never understands) in the IVR until they hang up; a Loop "
    .. "block bounds the retries and hands the caller on (to an agent, a message, a disconnect) after the last one.",
  remediation = "In the flow designer put a 'Loop' block (Loop count 2-3) on each error / timeout / no-match branch "
    .. "that returns to the input block, and connect its 'Complete' output to a way out (a queue, a message, a "
    .. "disconnect); publish, and check with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local inputs = {}
    for _, n in ipairs(g.nodes) do if INPUTS[n.type] then inputs[#inputs + 1] = n end end
    if #inputs == 0 then
      ctx:skip(name .. ": no input block (GetParticipantInput, ConnectParticipantWithLexBot)")
      return
    end
    if not flow.need_start(ctx, g, name, "the input blocks") then return end
    local reach = flow.reachable(g)
    local items = {}
    -- The retry branches of an input: its Errors[] edges, and for a stored
    -- input (whose no-input outcome is the value "Timeout", not an error) the
    -- "Timeout" condition of a Compare on $.StoredCustomerInput right after it.
    local function retry_branches(input)
      local out = {}
      for _, e in ipairs(input.succ) do
        if e.kind == "error" then
          out[#out + 1] = { edge = e, name = e.error_type or "error", at = input }
        end
      end
      if flow.is_stored_input(input) then
        for _, e in ipairs(input.succ) do
          local c = e.kind == "next" and e.node
          local cv = c and c.type == "Compare" and c.params and c.params.ComparisonValue
          if type(cv) == "string" and cv:find("$.StoredCustomerInput", 1, true) then
            for _, ce in ipairs(c.succ) do
              local op = routing.condition_operand(c, ce)
              if op and op:lower() == "timeout" then
                out[#out + 1] = { edge = ce, name = "Timeout (Compare " .. flow.describe(g, c) .. ")",
                                  at = c, via = c }
              end
            end
          end
        end
      end
      return out
    end
    -- every retry branch of the reachable inputs, in order; one call for all
    -- their "any path back" searches, one for the hard and soft ones of
    -- those that return (flowpaths.paths: the graph read once per call)
    local branches, queries = {}, {}
    for _, input in ipairs(inputs) do
      if reach[input.index] then
        for _, b in ipairs(retry_branches(input)) do
          b.input = input
          branches[#branches + 1] = b
          queries[#queries + 1] = { b.edge.node, input }
        end
      end
    end
    local anys = #queries > 0 and flowpaths.paths(g, queries) or {}
    local back, bounded = {}, {}
    for i, b in ipairs(branches) do
      if anys[i] then
        back[#back + 1] = i
        bounded[#bounded + 1] = { b.edge.node, b.input, LOOP_OR_COMPARE }
        bounded[#bounded + 1] = { b.edge.node, b.input, LOOP }
      end
    end
    local found = #bounded > 0 and flowpaths.paths(g, bounded) or {}
    local whats = {}
    for k, i in ipairs(back) do
      local b = branches[i]
      local input, any = b.input, anys[i]
      local hard, soft = found[2 * k - 1], found[2 * k]
      local branch, ptr = b.name, ctx:ptr(b.at.view, table.unpack(b.edge.keys))
      local what = whats[input.index] or ("%s %s"):format(input.type, flow.describe(g, input))
      whats[input.index] = what
      soft = not hard and soft
      local cycle = hard or soft or any
      if b.via then table.insert(cycle, 1, b.via) end
      table.insert(cycle, 1, input)
      local text = ("%s: %s returns to it via %s"):format(what, branch, flow.path_text(cycle))
      if hard then
        items[#items + 1] = { status = "fail", text = text .. " with no Loop block on the way",
          ev = { { path = ptr, note = "unbounded retry via " .. flow.path_text(cycle), expected = EXPECTED } } }
      elseif soft then
        items[#items + 1] = { status = "manual", text = text .. " through a Compare block but no Loop block: "
          .. "confirm the Compare tests a retry counter that ends the cycle",
          ev = { { path = ptr, note = "retry via " .. flow.path_text(cycle), expected = EXPECTED } } }
      else
        items[#items + 1] = { status = "pass", text = ("%s: %s retries through a Loop block"):format(what, branch),
          ev = { { path = ptr, note = "bounded by Loop", expected = EXPECTED } } }
      end
    end
    -- In a queue or hold flow the contact stays in the queue (or on hold)
    -- while the cycle runs, and an agent taking it ends the cycle: not a trap.
    local cf = r.data.ContactFlow
    local typ = flow.is_view(cf) and cf.Type or nil
    if WAITING[typ] then
      for _, it in ipairs(items) do
        if it.status == "fail" then
          it.status = "manual"
          it.text = it.text .. ("; in a %s flow the contact waits for an agent meanwhile, who ends the cycle: confirm "
            .. "the endless retry is intended"):format(typ)
        end
      end
    end
    if #items == 0 then
      ctx:pass(("%s: no error or no-input branch of its %d input block(s) leads back to the same block"):format(name, #inputs),
        { path = ctx:ptr(g.content, "StartAction"), note = "no retry cycle", expected = EXPECTED })
      return
    end
    flowrefs.report(ctx, name, items, { words = { fail = "retry branch(es) without a bound",
      manual = "retry branch(es) a person must confirm", pass = "retry branch(es) bounded by a Loop block" } })
  end,
}
