local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local function xfer(id, number, nextId)
  return fk.act(id, "TransferParticipantToThirdParty",
    { ThirdPartyPhoneNumber = number, ThirdPartyConnectionTimeLimitSeconds = "30", ContinueFlowExecution = "True" },
    nextId or "bye", { { "CallFailed", "bye" }, { "ConnectionTimeLimitExceeded", "bye" }, { "NoMatchingError", "bye" } })
end
local function main(...) return rk.flow_with("main", { ... }) end

return {
  { name = "an E.164 number passes",
    resource = main(xfer("x", "+14155550100")), expect = "pass", message = "dials +14155550100" },
  { name = "the shortest and longest E.164 numbers pass",
    resource = main(xfer("a", "+12", "b"), xfer("b", "+123456789012345")), expect = "pass", message = "2 of 2" },
  { name = "16 digits fail",
    resource = main(xfer("x", "+1234567890123456")), expect = "fail", message = "not an E.164 number" },
  { name = "a national number without + fails",
    resource = main(xfer("x", "04155550100")), expect = "fail", message = "\"04155550100\"" },
  { name = "a country code starting with 0 fails",
    resource = main(xfer("x", "+0415555010")), expect = "fail" },
  { name = "spaces and dashes fail",
    resource = main(xfer("x", "+1 415-555-0100")), expect = "fail" },
  { name = "a block without a number fails",
    resource = main(xfer("x", nil)), expect = "fail", message = "names no phone number" },
  { name = "a number from an attribute is unresolved: manual",
    resource = main(xfer("x", "$.Attributes.escalationNumber")), expect = "manual", message = "set at run time" },
  { name = "one bad number among good ones fails the flow",
    resource = main(xfer("a", "+14155550100", "b"), xfer("b", "4155550100")), expect = "fail", message = "1 of 2" },
  { name = "no external transfer: skipped",
    resource = fk.flow("hello", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }), expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module dialling a national number fails",
    resource = fk.as_module(main(xfer("x", "04155550100"))), expect = "fail", message = "not an E.164 number" },
  { name = "a flow module dialling a number from an attribute: manual",
    resource = fk.as_module(main(xfer("x", "$.Attributes.n"))), expect = "manual" },
}
