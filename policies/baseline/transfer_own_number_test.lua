local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local function xfer(id, number, nextId)
  return fk.act(id, "TransferParticipantToThirdParty", { ThirdPartyPhoneNumber = number },
    nextId or "bye", { { "CallFailed", "bye" }, { "ConnectionTimeLimitExceeded", "bye" }, { "NoMatchingError", "bye" } })
end
local function main(...) return rk.flow_with("main", { ... }) end
local PN = "arn:aws:connect:us-east-1:111122223333:phone-number/f0e1d2c3-0000-4000-8000-000000000001"
local function number(num)
  return { type = "connect_phone_number", arn = PN, name = num, region = "us-east-1",
           data = { ClaimedPhoneNumberSummary = { PhoneNumberId = "f0e1d2c3", PhoneNumberArn = PN, PhoneNumber = num,
             PhoneNumberCountryCode = "US", PhoneNumberType = "DID", TargetArn = rk.INSTANCE } } }
end

return {
  { name = "a partner number that Connect does not answer passes",
    resource = main(xfer("x", "+14155550100")), others = { number("+18005550199") },
    expect = "pass", message = "not a claimed number" },
  { name = "a transfer to the instance's own number fails",
    resource = main(xfer("x", "+18005550199")), others = { number("+18005550199") },
    expect = "fail", message = "dials +18005550199, which Amazon Connect answers" },
  { name = "a dynamic number is unresolved: manual",
    resource = main(xfer("x", "$.Attributes.n")), others = { number("+18005550199") },
    expect = "manual" },
  { name = "numbers not all listed: a number outside those collected is an error, not a pass",
    resource = main(xfer("x", "+14155550100")), others = { number("+18005550199") },
    errors = { { arn = rk.INSTANCE, operation = "connect:ListPhoneNumbersV2", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "numbers not all listed: dialling a collected own number still fails",
    resource = main(xfer("x", "+18005550199")), others = { number("+18005550199") },
    errors = { { arn = rk.INSTANCE, operation = "connect:ListPhoneNumbersV2", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "fail" },
  { name = "numbers not listed at all is an error",
    resource = main(xfer("x", "+14155550100")),
    errors = { { arn = rk.INSTANCE, operation = "connect:ListPhoneNumbersV2", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "were not listed" },
  { name = "no phone numbers in the snapshot: skipped (attest VDI-8)",
    resource = main(xfer("x", "+18005550199")),
    expect = "skipped" },
  { name = "a phone number resource without its number is an error",
    resource = main(xfer("x", "+14155550100")),
    others = { { type = "connect_phone_number", arn = PN, name = "n", region = "us-east-1", data = { Other = 1 } } },
    errors = { { arn = PN, operation = "connect:DescribePhoneNumber", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "no external transfer: skipped",
    resource = fk.flow("hello", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }), others = { number("+18005550199") },
    expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module transferring to the instance's own number fails",
    resource = fk.as_module(main(xfer("x", "+18005550199"))), others = { number("+18005550199") },
    expect = "fail", message = "which Amazon Connect answers" },
}
