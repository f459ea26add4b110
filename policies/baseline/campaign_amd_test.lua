local ck = require "testkit.campaigns"
local fk = require "testkit.flow"

local amd_flow = ck.flow({
  fk.act("cp", "CheckOutboundCallStatus", object{}, nil, { { "NoMatchingCondition", "q" }, { "NoMatchingError", "q" } },
    { { "Equals", "CallAnswered", "q" }, { "Equals", "VoicemailBeep", "bye" } }),
  fk.act("q", "TransferContactToQueue", object{}, nil, { { "QueueAtCapacity", "bye" }, { "NoMatchingError", "bye" } }),
  fk.bye() }, "cp")
local function world(f) return { ck.instance(), ck.queue(), f } end

return {
  { name = "AMD on and a Check call progress block passes", resource = ck.v2(), others = world(amd_flow),
    expect = "pass", message = "checks call progress" },
  { name = "AMD off and no block passes", resource = ck.v1({ amd = false }), others = ck.world(), expect = "pass" },
  { name = "no AMD config is off: no block passes", resource = ck.v2({ no_amd = true }), others = ck.world(),
    expect = "pass" },
  { name = "AMD on without the block fails", resource = ck.v2(), others = ck.world(), expect = "fail",
    message = "no reachable Check call progress block" },
  { name = "the block without AMD fails", resource = ck.v1({ amd = false }), others = world(amd_flow),
    expect = "fail", message = "checks call progress (cp)" },
  { name = "an SMS-only campaign is not applicable", resource = ck.v2({ no_telephony = true }), others = ck.world(),
    expect = "skipped" },
  { name = "the flow not in the snapshot is an error", resource = ck.v2(), others = { ck.instance() },
    errors = { { arn = ck.INSTANCE, operation = "connect:SearchContactFlows", code = "ThrottlingException",
                 message = "slow down" } },
    expect = "error", message = "ThrottlingException" },
}
