local fk = require "testkit.flow"

local function loop(interrupt)
  return fk.act("loop", "MessageParticipantIteratively",
    { Messages = { { Text = "Thank you for waiting. An agent will be with you shortly." } }, InterruptFrequencySeconds = interrupt },
    nil, { { "NoMatchingError", "end" } }, { { "Equals", "MessagesInterrupted", "loop" } })
end
local function queue_flow(interrupt)
  local f = fk.flow("customerQueue", "loop", { loop(interrupt), fk.act("end", "EndFlowExecution", nil) })
  f.data.ContactFlow.Type = "CUSTOMER_QUEUE"
  return f
end

return {
  { name = "the demo's 60-second interval passes",
    resource = queue_flow("60"), expect = "pass", message = "interrupts every 60 s" },
  { name = "exactly the minimum passes",
    resource = queue_flow("20"), expect = "pass" },
  { name = "every 5 seconds fails",
    resource = queue_flow("5"), expect = "fail", message = "interrupts every 5 s, sooner than 20 s" },
  { name = "a 1-second interrupt that leaves the loop for good passes",
    resource = (function()
      local f = fk.flow("customerQueue", "loop", {
        fk.act("loop", "MessageParticipantIteratively",
          { Messages = { { Text = "Please hold." } }, InterruptFrequencySeconds = "1" },
          nil, { { "NoMatchingError", "end" } }, { { "Equals", "MessagesInterrupted", "offer" } }),
        fk.say("offer", "All our agents are busy; we will call you back.", "end"),
        fk.act("end", "EndFlowExecution", nil) })
      f.data.ContactFlow.Type = "CUSTOMER_QUEUE"
      return f end)(),
    expect = "pass", message = "interrupts after 1 s to leave the loop" },
  { name = "a 1-second interrupt whose branch comes back to the loop fails",
    resource = (function()
      local f = fk.flow("customerQueue", "loop", {
        fk.act("loop", "MessageParticipantIteratively",
          { Messages = { { Text = "Please hold." } }, InterruptFrequencySeconds = "1" },
          nil, { { "NoMatchingError", "end" } }, { { "Equals", "MessagesInterrupted", "offer" } }),
        fk.say("offer", "You are next in line.", "loop"),
        fk.act("end", "EndFlowExecution", nil) })
      f.data.ContactFlow.Type = "CUSTOMER_QUEUE"
      return f end)(),
    expect = "fail", message = "interrupts every 1 s, sooner than 20 s" },
  { name = "the minimum is a parameter",
    resource = queue_flow("30"), params = { loop_prompt_min_interrupt_seconds = 45 }, expect = "fail", message = "sooner than 45 s" },
  { name = "no interruption passes",
    resource = queue_flow(nil), expect = "pass", message = "does not interrupt" },
  { name = "a non-numeric interval fails",
    resource = queue_flow("soon"), expect = "fail", message = "not a number" },
  { name = "an interval from an attribute: manual",
    resource = queue_flow("$.Attributes.interval"), expect = "manual" },
  { name = "no loop prompt: skipped",
    resource = fk.flow("hello", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }), expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a loop prompt in a flow module is checked too",
    resource = fk.as_module(queue_flow("5")), expect = "fail", message = "sooner than 20 s" },
}
