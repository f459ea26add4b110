-- BASE-POL-002: loop prompts (MessageParticipantIteratively, the "Loop
-- prompts" block of queue and hold flows) do not interrupt too soon.
-- InterruptFrequencySeconds cuts the message loop to run the interrupt
-- branch (queue position, callback offer); below `loop_prompt_min_interrupt_seconds`
-- (default 20 s: a typical two-sentence hold message with its pause lasts
-- 15-20 s) callers hear prompts cut off mid-sentence and the same offer
-- over and over. Absent = no interruption: passes. A JSONPath: `manual`.
-- A short interrupt whose branch never comes back to the block is the way out
-- of the loop (the 1-second interrupt of AWS's queue flows), not a cut-off
-- prompt: it passes.
local flow = require "flow"
local refs = require "flowrefs"

return {
  id = "BASE-POL-002",
  title = "Loop prompts do not interrupt sooner than the minimum interval",
  severity = "low",
  practice = "POL-1",
  controls = { BASELINE = { "POL-1" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A Loop prompts block that interrupts every few seconds cuts its own messages off mid-sentence and "
    .. "repeats the interrupt branch's offer, which callers in a queue experience as noise and hang up on.",
  remediation = "In the customer queue or hold flow, open the Loop prompts block and set 'Interrupt every' to at "
    .. "least the length of the messages (20 seconds or more), and publish; or set "
    .. "`loop_prompt_min_interrupt_seconds` in the baseline pack's --params file.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local min = tonumber(ctx.params.loop_prompt_min_interrupt_seconds)
    if not min then
      ctx:error("parameter loop_prompt_min_interrupt_seconds is not a number: "
        .. tostring(ctx.params.loop_prompt_min_interrupt_seconds))
      return
    end
    local expected = ("at least %d s (loop_prompt_min_interrupt_seconds), or no interruption"):format(min)
    local items = {}
    -- True when no action reachable from the block's MessagesInterrupted
    -- branch leads back into the block (breadth-first over the graph).
    local function leaves_for_good(node)
      local queue, seen, head = {}, {}, 1
      for _, e in ipairs(node.succ or {}) do
        if e.kind == "condition" and e.label:find("MessagesInterrupted", 1, true) then queue[#queue + 1] = e.node end
      end
      if #queue == 0 then return false end
      while head <= #queue do
        local n = queue[head]; head = head + 1
        if n == node then return false end
        if not seen[n.index] then
          seen[n.index] = true
          for _, e in ipairs(n.succ) do queue[#queue + 1] = e.node end
        end
      end
      return true
    end
    for _, node in ipairs(refs.actions(g, { MessageParticipantIteratively = true })) do
      local v = node.params and node.params.InterruptFrequencySeconds
      local what = ("MessageParticipantIteratively %s"):format(node.id or "?")
      local ev = { { path = ctx:ptr(node.view, "Parameters", "InterruptFrequencySeconds"), expected = expected } }
      local n = tonumber(v)
      if v == nil then
        ev[1] = { path = ctx:ptr(node.view, "Parameters"), note = "InterruptFrequencySeconds absent", expected = expected }
        items[#items + 1] = { status = "pass", text = what .. " does not interrupt", ev = ev }
      elseif refs.is_dynamic(v) then
        items[#items + 1] = { status = "manual", text = ("%s interrupts every %s s, set at run time"):format(what, v), ev = ev }
      elseif not n then
        items[#items + 1] = { status = "fail", text = ("%s has InterruptFrequencySeconds \"%s\", not a number"):format(what, tostring(v)), ev = ev }
      elseif n < min and leaves_for_good(node) then
        -- The short interrupt is the way out of the loop (a 1-second interrupt
        -- ends the block): nothing is cut over and over.
        items[#items + 1] = { status = "pass", text = ("%s interrupts after %s s to leave the loop: its interrupt branch "
          .. "never returns to it"):format(what, tostring(v)), ev = ev }
      elseif n < min then
        items[#items + 1] = { status = "fail", text = ("%s interrupts every %s s, sooner than %d s"):format(what, tostring(v), min), ev = ev }
      else
        items[#items + 1] = { status = "pass", text = ("%s interrupts every %s s"):format(what, tostring(v)), ev = ev }
      end
    end
    refs.report(ctx, r.name or r.arn, items, {
      none = "has no loop prompt",
      words = { fail = "loop prompt(s) interrupting too soon",
                manual = "loop prompt interval(s) set at run time",
                pass = "loop prompt(s) interrupting no sooner than the minimum" } })
  end,
}
