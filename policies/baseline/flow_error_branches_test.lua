-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, logging, say, bye = fk.act, fk.flow, fk.logging, fk.say, fk.bye
local payment_actions, replace = fk.payment_actions, fk.replace

local function hours(id, open, closed, errNext)
  return act(id, "CheckHoursOfOperation", object{}, nil, { { "NoMatchingError", errNext or "bye" } },
    { { "Equals", "True", open }, { "Equals", "False", closed } })
end
local function to_queue(id, errors)
  return act(id, "TransferContactToQueue", nil, nil, errors or { { "QueueAtCapacity", "full" }, { "NoMatchingError", "bye" } })
end
local function support_flow(o)
  o = o or {}
  return flow("support", o.start or "logOn", {
    logging("logOn", "Enabled", "checkHours"),
    o.hours or hours("checkHours", "setQueue", "closed"),
    act("setQueue", "UpdateContactTargetQueue", { QueueId = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2b7e-0d3a-4c55-9b61-5e2f8a9c0d11/queue/5a1b" },
      "toQueue", { { "NoMatchingError", "bye" } }),
    o.queue or to_queue("toQueue"),
    say("full", "All our agents are busy. Please call back later.", "bye"),
    say("closed", "We are closed.", "bye"),
    bye() })
end

return {
  { name = "external transfer with ContinueFlowExecution False needs only its error branch",
    resource = flow("ext", "dial", {
      act("dial", "TransferParticipantToThirdParty", { ThirdPartyPhoneNumber = "+14155550100", ContinueFlowExecution = "False" },
        "bye", { { "NoMatchingError", "bye" } }),
      bye() }),
    expect = "pass" },
  { name = "external transfer that resumes the flow still needs CallFailed",
    resource = flow("ext", "dial", {
      act("dial", "TransferParticipantToThirdParty", { ThirdPartyPhoneNumber = "+14155550100", ContinueFlowExecution = "True" },
        "bye", { { "NoMatchingError", "bye" } }),
      bye() }),
    expect = "fail", message = "no CallFailed branch" },
  { name = "Content in the pre-2019 export format (modules[]) is an error for this flow",
    resource = { arn = fk.flow_arn("old"), name = "old", region = "us-east-1",
      data = { ContactFlow = { Arn = fk.flow_arn("old"), Name = "old", Type = "CONTACT_FLOW",
        Content = { modules = { { id = "m1", type = "PlayPrompt" } }, version = "1", start = "m1" } } } },
    expect = "error", message = "pre-2019 export format" },
  { name = "AWS secure-input payment flow: every branch handled passes",
    resource = flow("payments", "logOn", payment_actions()),
    expect = "pass", message = "12 action(s); every transition resolves" },
  { name = "hours and queue flow with all branches passes",
    resource = support_flow(),
    expect = "pass" },
  { name = "a condition to a deleted block fails, naming it",
    resource = flow("payments", "logOn", payment_actions({ quick = "noSuchBlock" })),
    expect = "fail", message = "condition Equals 2 -> 'noSuchBlock', no such action" },
  { name = "StartAction naming no action fails",
    resource = support_flow({ start = "welcome" }),
    expect = "fail", message = "StartAction 'welcome' names no action" },
  { name = "StartAction absent fails",
    resource = (function() local f = support_flow(); f.data.ContactFlow.Content.StartAction = nil; return f end)(),
    expect = "fail", message = "StartAction is absent" },
  { name = "Lambda call without a NoMatchingError branch fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "takePayment",
      act("takePayment", "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:take-payment" }, "logBackOn"))),
    expect = "fail", message = "InvokeLambdaFunction 'takePayment' has no NoMatchingError branch" },
  { name = "transfer to queue without an 'at capacity' branch fails",
    resource = support_flow({ queue = to_queue("toQueue", { { "NoMatchingError", "bye" } }) }),
    expect = "fail", message = "has no QueueAtCapacity branch" },
  { name = "hours check without a False branch fails",
    resource = support_flow({ hours = act("checkHours", "CheckHoursOfOperation", object{}, nil, { { "NoMatchingError", "bye" } },
      { { "Equals", "True", "setQueue" } }) }),
    expect = "fail", message = "no condition branch for False" },
  { name = "an error entry without NextAction leads nowhere: fails",
    resource = support_flow({ queue = act("toQueue", "TransferContactToQueue", object{}, nil, nil) and
      { Identifier = "toQueue", Type = "TransferContactToQueue", Parameters = object{},
        Transitions = { Errors = { { ErrorType = "QueueAtCapacity" }, { ErrorType = "NoMatchingError", NextAction = "bye" } } } } }),
    expect = "fail", message = "error QueueAtCapacity leads nowhere" },
  { name = "stored phone number without an InvalidPhoneNumber branch fails",
    resource = flow("callback", "getNumber", {
      act("getNumber", "GetParticipantInput", { Text = "Enter the number you would like to be called back at.",
        StoreInput = "True", InputValidation = { PhoneNumberValidation = { NumberFormat = "Local", CountryCode = "US" } } },
        "bye", { { "NoMatchingError", "bye" } }),
      bye() }),
    expect = "fail", message = "no InvalidPhoneNumber branch" },
  { name = "menu input without timeout and no-match branches fails, counting both",
    resource = flow("menu", "menu", {
      act("menu", "GetParticipantInput", { Text = "Press 1 for sales.", StoreInput = "False" }, nil,
        { { "NoMatchingError", "bye" } }, { { "Equals", "1", "bye" } }),
      bye() }),
    expect = "fail", message = "2 problem(s)" },
  { name = "touchtone buffer block needs only NoMatchingError: passes",
    resource = flow("buffer", "buf", {
      act("buf", "GetParticipantInput", { EnableDTMFBuffer = "true" }, "bye", { { "NoMatchingError", "bye" } }),
      bye() }),
    expect = "pass" },
  { name = "duplicate Identifier fails",
    resource = flow("dup", "hello", { say("hello", "Hi.", "bye"), say("hello", "Hello again.", "bye"), bye() }),
    expect = "fail", message = "Identifier 'hello' is used by more than one action" },
  { name = "retry loop with every branch handled passes; unreachable blocks are noted, not failed",
    resource = flow("retry", "ask", {
      act("ask", "GetParticipantInput", { Text = "Press 1 to continue.", StoreInput = "False", InputTimeLimitSeconds = "5" },
        "retry", { { "InputTimeLimitExceeded", "retry" }, { "NoMatchingCondition", "retry" }, { "NoMatchingError", "retry" } },
        { { "Equals", "1", "bye" } }),
      act("retry", "Loop", { LoopCount = "3" }, nil, { { "NoMatchingError", "bye" } },
        { { "Equals", "ContinueLooping", "ask" }, { "Equals", "DoneLooping", "bye" } }),
      say("oldPrompt", "This block is no longer used.", "bye"),
      bye() }),
    expect = "pass", message = "(1 action(s) unreachable from StartAction)" },
  { name = "terminal-only flow passes",
    resource = flow("hangup", "bye", { bye() }),
    expect = "pass" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module with every branch handled passes",
    resource = fk.as_module(flow("payments", "logOn", payment_actions())),
    expect = "pass", message = "every transition resolves" },
  { name = "a flow module that was not collected is an error",
    resource = fk.uncollected_module("payments"), errors = fk.denied_module("payments"),
    expect = "error", message = "AccessDenied" },
}
