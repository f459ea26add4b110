-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, logging, say, bye, queue, transfer = fk.act, fk.flow, fk.logging, fk.say, fk.bye, fk.queue, fk.transfer

local function main(start, actions) return flow("main", start, actions) end
local hello = say("hello", "Welcome to Acme.", "q")

return {
  { name = "logging enabled first passes",
    resource = main("logOn", { logging("logOn", "Enabled", "hello"), hello, queue("q"), bye() }),
    expect = "pass", message = "every path from StartAction sets flow logging before the first of" },
  { name = "the AWS secure-input payment flow passes (it enables logging first)",
    resource = flow("payments", "logOn", fk.payment_actions()), expect = "pass" },
  { name = "no logging block fails, naming the first interaction",
    resource = main("hello", { hello, queue("q"), bye() }),
    expect = "fail", message = "MessageParticipant 'hello' is reached before any 'Set logging behavior' block, via hello" },
  { name = "a prompt before the logging block fails",
    resource = main("hello", { say("hello", "Welcome.", "logOn"), logging("logOn", "Enabled", "q"), queue("q"), bye() }),
    expect = "fail", message = "via hello" },
  { name = "a branch that skips the logging block fails",
    resource = main("attrs", {
      act("attrs", "Compare", { ComparisonValue = "$.Channel" }, nil, { { "NoMatchingCondition", "logOn" } },
        { { "Equals", "CHAT", "hello" } }),
      logging("logOn", "Enabled", "hello"), hello, queue("q"), bye() }),
    expect = "fail", message = "via attrs -> hello" },
  { name = "logging disabled at the start and never enabled fails",
    resource = main("logOff", { logging("logOff", "Disabled", "hello"), hello, queue("q"), bye() }),
    expect = "fail", message = "'logOff' disables flow logging before the first interaction and no block enables it after" },
  { name = "disabled first for card entry, enabled after it, passes (the demo's Secure Payment)",
    resource = flow("payments", "logOff", fk.payment_actions()),
    expect = "pass", message = "'logOff' disables it first and 'logBackOn' enables it later" },
  { name = "a logging value from a JSONPath is manual",
    resource = main("logOn", { logging("logOn", "$.Attributes.logging", "hello"), hello, queue("q"), bye() }),
    expect = "manual", message = "from a JSONPath (set at run time)" },
  { name = "a flow other flows transfer into is manual (logging carries in)",
    resource = main("hello", { hello, queue("q"), bye() }),
    others = { fk.as_other(flow("entry", "logOn", { logging("logOn", "Enabled", "go"),
      transfer("go", fk.flow_arn("main")), bye() })) },
    expect = "manual", message = "1 flow(s) transfer into this one" },
  { name = "a customer queue flow is skipped",
    resource = fk.typed(main("hello", { hello, queue("q"), bye() }), "CUSTOMER_QUEUE"),
    expect = "skipped", message = "inherits its logging" },
  { name = "a flow with nothing reachable but setting blocks is skipped",
    resource = main("logOn", { logging("logOn", "Enabled", nil) }),
    expect = "skipped" },
  { name = "StartAction naming no action is an error",
    resource = main("nowhere", { hello, queue("q"), bye() }),
    expect = "error", message = "does not name an action" },
  { name = "Type absent is an error",
    resource = (function() local f = main("hello", { hello, queue("q"), bye() }); f.data.ContactFlow.Type = nil; return f end)(),
    expect = "error", message = "Type" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("main"), errors = fk.denied("main"), expect = "error", message = "AccessDenied" },
}
