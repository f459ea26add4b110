local ck = require "testkit.campaigns"
local fk = require "testkit.flow"

local function world(flow)
  return { ck.instance(), ck.queue(), flow }
end
local slow_flow = ck.flow({
  fk.act("set", "UpdateContactAttributes", { Attributes = { campaign = "renewals" } }, "q", { { "NoMatchingError", "q" } }),
  fk.act("q", "TransferContactToQueue", object{}, nil, { { "QueueAtCapacity", "bye" }, { "NoMatchingError", "bye" } }),
  fk.bye() }, "set")
local dead_slow = ck.flow({
  fk.act("q", "TransferContactToQueue", object{}, nil, { { "QueueAtCapacity", "bye" }, { "NoMatchingError", "bye" } }),
  fk.bye(),
  fk.act("orphan", "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:f" }, "q") }, "q")
local error_prompt = ck.flow({
  fk.act("q", "TransferContactToQueue", object{}, "sorry", { { "QueueAtCapacity", "sorry" }, { "NoMatchingError", "sorry" } }),
  fk.say("sorry", "Sorry, we could not connect you.", "bye"),
  fk.bye() }, "q")
local no_transfer = ck.flow({ fk.say("hi", "Hello from Acme.", "bye"), fk.bye() }, "hi")

return {
  { name = "a prompt on the error branch after the transfer does not count", resource = ck.v2(),
    others = world(error_prompt), expect = "pass" },
  { name = "a flow that never transfers to a queue fails", resource = ck.v2(), others = world(no_transfer),
    expect = "fail", message = "never reaches a Transfer to queue" },
  { name = "a flow that transfers at once passes", resource = ck.v2(), others = ck.world(), expect = "pass",
    message = "without any of campaign_flow_slow_actions" },
  { name = "Set contact attributes before the transfer fails", resource = ck.v2(), others = world(slow_flow),
    expect = "fail", message = "UpdateContactAttributes (set)" },
  { name = "v1 likewise", resource = ck.v1({ mode = "predictive" }), others = world(slow_flow), expect = "fail" },
  { name = "an unreachable slow block does not count", resource = ck.v2(), others = world(dead_slow), expect = "pass" },
  { name = "the pack's list decides", resource = ck.v2(), others = world(slow_flow),
    params = { campaign_flow_slow_actions = { "InvokeLambdaFunction" } }, expect = "pass" },
  { name = "an agentless campaign's flow is its message: not applicable", resource = ck.v2({ mode = "agentless" }),
    others = world(slow_flow), expect = "skipped" },
  { name = "the flow not in the snapshot is an error", resource = ck.v2(), others = { ck.instance(), ck.queue() },
    errors = { { arn = ck.INSTANCE, operation = "connect:SearchContactFlows", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
