-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, say, bye = fk.act, fk.flow, fk.say, fk.bye
local hours, staffing, queue, replace, with = fk.hours, fk.staffing, fk.queue, fk.replace, fk.with

-- hello -> hours (True -> staff, False -> closed) -> staff (> 0 -> q, else closed) -> q
local function main(o)
  o = o or {}
  return {
  { name = "a transfer into a voicemail queue needs no hours or staffing check: pass",
    resource = flow("vm", "setq", {
      act("setq", "UpdateContactTargetQueue", { QueueId = "$.Attributes.vmx3_queue_arn" }, "q", { { "NoMatchingError", "bye" } }),
      queue("q"), bye() }),
    expect = "pass", message = "1 into voicemail" },
  { name = "voicemail named only by the prompt on the way: pass",
    resource = flow("vm", "msg", {
      say("msg", "Please leave your voicemail after the tone.", "q"), queue("q"), bye() }),
    expect = "pass", message = "prompt" },
  { name = "voicemail_keywords decides: without them the same flow fails",
    resource = flow("vm", "msg", { say("msg", "Please leave your voicemail after the tone.", "q"), queue("q"), bye() }),
    params = { voicemail_keywords = {} },
    expect = "fail" },
  { name = "a callback in a CUSTOMER_QUEUE flow keeps the caller in their queue: skip",
    resource = fk.typed(flow("queueflow", "cb", {
      act("cb", "CreateCallbackContact", { RetryDelaySeconds = "600" }, "bye", { { "NoMatchingError", "bye" } }),
      bye() }), "CUSTOMER_QUEUE"),
    expect = "skipped", message = "callback" },
    say("hello", "Welcome to Acme.", "hours"),
    hours("hours", "staff", o.closed or "closed", o.hours_err),
    staffing("staff", "q", "closed", o.metric),
    queue("q"),
    say("closed", "We are closed. Please call again between 8 and 6.", "bye"),
    bye(),
  }
end

local menu = act("menu", "GetParticipantInput", { Text = "Press 1 for sales.", StoreInput = "False" },
  nil, { { "InputTimeLimitExceeded", "again" }, { "NoMatchingCondition", "again" }, { "NoMatchingError", "bye" } },
  { { "Equals", "1", "hours" }, { "Equals", "2", "direct" } })

return {
  { name = "hours then staffing then queue passes",
    resource = flow("main", "hello", main()),
    expect = "pass", message = "each reached only through the hours-of-operation and staffing checks" },
  { name = "the closed (False) branch leading to the queue fails",
    resource = flow("main", "hello", main({ closed = "q" })),
    expect = "fail", message = "no hours of operation check on hello -> hours -> q" },
  { name = "the hours check's error branch leading to the queue fails",
    resource = flow("main", "hello", main({ hours_err = "staff" })),
    expect = "fail", message = "hello -> hours -> staff -> q" },
  { name = "no staffing check: fails naming staffing",
    resource = flow("main", "hello", replace(main(), "hours", hours("hours", "q", "closed"))),
    expect = "fail", message = "no staffing check on hello -> hours -> q" },
  { name = "a queue-age metric is not a staffing check",
    resource = flow("main", "hello", main({ metric = "OldestContactInQueueAgeSeconds" })),
    expect = "fail", message = "staffing" },
  { name = "menu loop (Loop action, cycle back to the menu) with every exit checked passes",
    resource = flow("main", "menu", with(replace(main(), "hello", fk.loop("again", 3, "menu", "bye")), {
      replace({ menu }, "menu", act("menu", "GetParticipantInput", { Text = "Press 1 for sales.", StoreInput = "False" },
        nil, { { "InputTimeLimitExceeded", "again" }, { "NoMatchingCondition", "again" }, { "NoMatchingError", "bye" } },
        { { "Equals", "1", "hours" } }))[1] })),
    expect = "pass" },
  { name = "join: a second menu branch reaching the same queue without the hours check fails",
    resource = flow("main", "menu", with(replace(main(), "hello", fk.loop("again", 3, "menu", "bye")), {
      menu, say("direct", "Connecting you.", "staff") })),
    expect = "fail", message = "menu -> direct -> staff -> q" },
  { name = "cycle back from the queue's at-capacity branch to a second queue stays checked: passes",
    resource = flow("main", "hello", with(replace(main(), "q", queue("q", "full")), {
      say("full", "All agents are busy, trying our overflow queue.", "q2"), queue("q2") })),
    expect = "pass", message = "2 queue transfer(s)" },
  { name = "GetMetricData + Compare on $.Metrics.Agents.Online counts as the staffing check",
    resource = flow("main", "hello", with(replace(main(), "staff",
      act("staff", "GetMetricData", { QueueChannel = "Voice" }, "cmp", { { "NoMatchingError", "closed" } })), {
      act("cmp", "Compare", { ComparisonValue = "$.Metrics.Agents.Online.Count" }, nil,
        { { "NoMatchingCondition", "closed" } }, { { "NumberGreaterThan", "0", "q" } }) })),
    expect = "pass" },
  { name = "Compare on $.Metrics.Agents.* without GetMetricData before it fails",
    resource = flow("main", "hello", replace(main(), "staff",
      act("staff", "Compare", { ComparisonValue = "$.Metrics.Agents.Online.Count" }, nil,
        { { "NoMatchingCondition", "closed" } }, { { "NumberGreaterThan", "0", "q" } }))),
    expect = "fail", message = "staffing" },
  { name = "a module call where the hours check would be is manual, not pass",
    resource = flow("main", "hello", replace(main(), "hours", fk.module("hours", "hours-module", "staff", "closed"))),
    expect = "manual", message = "modules are not analysed" },
  { name = "queue flow: DequeueContactAndTransferToQueue without checks fails",
    resource = fk.typed(flow("queueflow", "offer", {
      act("offer", "DequeueContactAndTransferToQueue", { QueueId = "overflow" }, nil, { { "NoMatchingError", "bye" } }),
      bye() }), "CUSTOMER_QUEUE"),
    expect = "fail", message = "DequeueContactAndTransferToQueue 'offer'" },
  { name = "two queue ends, both unchecked: one finding listing both in document order",
    resource = flow("main", "q", with(replace(main(), "q", queue("q", "q2")), { queue("q2") })),
    expect = "fail", message = "2 queue transfer(s) reachable without the checks" },
  { name = "queue sub-flow: every caller checks hours and staffing before TransferToFlow: manual, not fail",
    resource = flow("router", "setq", { act("setq", "UpdateContactTargetQueue", { QueueId = "sales" }, "q", { { "NoMatchingError", "bye" } }),
      queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main(), "q", fk.transfer("q", "router")))) },
    expect = "manual", message = "all 1 TransferToFlow into this flow come after both checks in the calling flow" },
  { name = "queue sub-flow: one caller transfers without the checks: fails",
    resource = flow("router", "setq", { act("setq", "UpdateContactTargetQueue", { QueueId = "sales" }, "q", { { "NoMatchingError", "bye" } }),
      queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main(), "q", fk.transfer("q", "router")))),
               fk.as_other(flow("direct", "go", { fk.transfer("go", fk.flow_arn("router")), bye() })) },
    expect = "fail", message = "no hours of operation check on setq -> q" },
  { name = "flow without a queue transfer is skipped",
    resource = flow("main", "hello", { say("hello", "Goodbye.", "bye"), bye() }),
    expect = "skipped", message = "no transfer to a queue" },
  { name = "only an unreachable queue transfer: skipped",
    resource = flow("main", "hello", { say("hello", "Goodbye.", "bye"), bye(), queue("q") }),
    expect = "skipped", message = "reachable" },
  { name = "StartAction naming no action is an error",
    resource = flow("main", "nowhere", main()),
    expect = "error", message = "StartAction 'nowhere' does not name an action" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("main"), errors = fk.denied("main"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module checking hours and staffing before its queue passes",
    resource = fk.as_module(flow("main", "hello", main())), expect = "pass" },
  { name = "a flow module queueing without the checks is manual: its caller may have checked them",
    resource = fk.as_module(flow("main", "hello", main({ closed = "q" }))),
    expect = "manual", message = "this is a flow module: confirm every flow that invokes it" },
}
