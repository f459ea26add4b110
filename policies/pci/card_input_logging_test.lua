-- Compact flow builders (test files cannot require).
local INSTANCE = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2b7e-0d3a-4c55-9b61-5e2f8a9c0d11"
local KEY_PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Rj\n-----END CERTIFICATE-----"

-- act(id, type, params, next, errors, conditions): errors = {{"NoMatchingError", "sorry"}, …},
-- conditions = {{"Equals", "1", "target"}, …}
local function act(id, typ, params, nextId, errors, conds)
  local tr = {}
  if nextId then tr.NextAction = nextId end
  if errors then
    tr.Errors = {}
    for i, e in ipairs(errors) do tr.Errors[i] = { ErrorType = e[1], NextAction = e[2] } end
  end
  if conds then
    tr.Conditions = {}
    for i, c in ipairs(conds) do
      tr.Conditions[i] = { NextAction = c[3], Condition = { Operator = c[1], Operands = { c[2] } } }
    end
  end
  if next(tr) == nil then tr = object{} end
  return { Identifier = id, Type = typ, Parameters = params or object{}, Transitions = tr }
end

local function flow(name, start, actions, metadata)
  local arn = INSTANCE .. "/contact-flow/" .. name
  return { arn = arn, name = name, region = "us-east-1",
    data = { ContactFlow = { Arn = arn, Id = name, Name = name, Type = "CONTACT_FLOW", State = "ACTIVE",
      Content = { Version = "2019-10-30", StartAction = start, Metadata = metadata or object{}, Actions = actions } } } }
end

local function logging(id, value, nextId) return act(id, "UpdateFlowLoggingBehavior", { FlowLoggingBehavior = value }, nextId) end
local function recording(id, participants, ivr, nextId)
  return act(id, "UpdateContactRecordingBehavior",
    { RecordingBehavior = { RecordedParticipants = participants, IVRRecordingBehavior = ivr } }, nextId)
end
local function say(id, text, nextId) return act(id, "MessageParticipant", { Text = text }, nextId, { { "NoMatchingError", "bye" } }) end
local function bye() return act("bye", "DisconnectParticipant", nil) end
local function card_input(id, nextId, extra)
  local p = { Text = "Please enter your 16 digit card number, followed by the pound key.", StoreInput = "True",
    InputTimeLimitSeconds = "8", InputValidation = { CustomValidation = { MaximumLength = "19" } },
    InputEncryption = { EncryptionKeyId = "payments-2026", Key = KEY_PEM } }
  for k, v in pairs(extra or {}) do if v == "DROP" then p[k] = nil else p[k] = v end end
  return act(id, "GetParticipantInput", p, nextId, { { "NoMatchingError", "sorry" } })
end
local function pay(id, nextId)
  return act(id, "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:take-payment",
    InvocationTimeLimitSeconds = "8", LambdaInvocationAttributes = { card = "$.StoredCustomerInput" } },
    nextId, { { "NoMatchingError", "sorry" } })
end

-- AWS's secure-input pattern: logging and recording on for the call, both
-- off around the card entry, back on afterwards.
local function payment_actions(o)
  o = o or {}
  return {
    logging("logOn", "Enabled", "recOn"),
    recording("recOn", { "Agent", "Customer" }, "Enabled", "greet"),
    act("greet", "GetParticipantInput", { Text = "Press 1 to pay by card.", StoreInput = "False", InputTimeLimitSeconds = "5" },
      "sorry", { { "InputTimeLimitExceeded", "sorry" }, { "NoMatchingCondition", "sorry" }, { "NoMatchingError", "sorry" } },
      { { "Equals", "1", "logOff" }, { "Equals", "2", o.quick or "logOff" } }),
    logging("logOff", "Disabled", "recOff"),
    recording("recOff", {}, "Disabled", "getCard"),
    card_input("getCard", "takePayment", o.card),
    pay("takePayment", "logBackOn"),
    logging("logBackOn", "Enabled", "recBackOn"),
    recording("recBackOn", { "Agent", "Customer" }, "Enabled", "thanks"),
    say("thanks", "Thank you, your payment is complete.", "bye"),
    say("sorry", "Sorry, we could not take your payment.", "bye"),
    bye(),
  }
end

local function replace(actions, id, new)
  for i, a in ipairs(actions) do if a.Identifier == id then actions[i] = new end end
  return actions
end
local function with(actions, extra)
  for _, a in ipairs(extra) do actions[#actions + 1] = a end
  return actions
end

return {
  { name = "AWS secure-input payment flow: logging disabled before the card input passes",
    resource = flow("payments", "logOn", payment_actions()),
    expect = "pass", message = "flow logging disabled on every path (by UpdateFlowLoggingBehavior 'logOff')" },
  { name = "a menu branch that skips the 'disable logging' block fails and shows the path",
    resource = flow("payments", "logOn", payment_actions({ quick = "getCard" })),
    expect = "fail", message = "path: logOn -> recOn -> greet -> getCard" },
  { name = "no logging block at all: logging carried in from an earlier flow fails",
    resource = flow("payments", "recOff", payment_actions()),
    expect = "fail", message = "by the flow's entry" },
  { name = "disabled as the first action passes, any case",
    resource = flow("payments", "logOff", replace(payment_actions(), "logOff", logging("logOff", "DISABLED", "recOff"))),
    expect = "pass" },
  { name = "FlowLoggingBehavior from a JSONPath cannot be shown Disabled: fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "logOff", logging("logOff", "$.Attributes.logging", "recOff"))),
    expect = "fail", message = "UpdateFlowLoggingBehavior 'logOff'" },
  { name = "logging block with no Parameters fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "logOff", act("logOff", "UpdateFlowLoggingBehavior", nil, "recOff"))),
    expect = "fail" },
  { name = "retry loop inside the disabled segment passes",
    resource = flow("payments", "logOn", with(replace(payment_actions(), "takePayment",
      act("takePayment", "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:take-payment" },
        "logBackOn", { { "NoMatchingError", "retry" } })), {
      act("retry", "Loop", { LoopCount = "3" }, nil, { { "NoMatchingError", "logBackOn" } },
        { { "Equals", "ContinueLooping", "declined" }, { "Equals", "DoneLooping", "logBackOn" } }),
      say("declined", "That card was declined. Please try again.", "getCard") })),
    expect = "pass" },
  { name = "loop back to the card input after logging is re-enabled fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "thanks",
      act("thanks", "GetParticipantInput", { Text = "Payment complete. Press 1 to pay another bill.", StoreInput = "False" },
        "bye", { { "NoMatchingCondition", "bye" }, { "InputTimeLimitExceeded", "bye" }, { "NoMatchingError", "bye" } },
        { { "Equals", "1", "getCard" } }))),
    expect = "fail", message = "UpdateFlowLoggingBehavior 'logBackOn'" },
  { name = "a module call between 'disable' and the card input may re-enable logging: fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      act("recOff", "InvokeFlowModule", { FlowModuleId = "7c1d9f7e-1111-2222-3333-444455556666" }, "getCard",
        { { "NoMatchingError", "sorry" } }))),
    expect = "fail", message = "InvokeFlowModule 'recOff'" },
  { name = "unreachable card input passes and says why",
    resource = flow("payments", "logOn", replace(payment_actions(), "greet", say("greet", "Payments are closed.", "bye"))),
    expect = "pass", message = "unreachable from StartAction" },
  { name = "an unreachable 'enable logging' block feeding the card input is no path: passes",
    resource = flow("payments", "logOn", with(payment_actions(), { logging("oldEnable", "Enabled", "getCard") })),
    expect = "pass", message = "(by UpdateFlowLoggingBehavior 'logOff')" },
  { name = "a dangling reference elsewhere does not hide the card input",
    resource = flow("payments", "logOn", payment_actions({ quick = "noSuchBlock" })),
    expect = "pass" },
  { name = "StartAction naming no action is an error, not a pass",
    resource = flow("payments", "start", payment_actions()),
    expect = "error", message = "StartAction 'start' does not name an action" },
  { name = "two card inputs, one on a branch without the disable: pass then fail, in order",
    resource = flow("payments", "logOn", with(payment_actions({ quick = "getCard2" }), {
      card_input("getCard2", "takePayment") })),
    expect = { "pass", "fail" } },
  { name = "display name from Metadata appears in the message",
    resource = flow("payments", "logOn", payment_actions({ quick = "getCard" }),
      { entryPointPosition = { x = 0, y = 0 }, ActionMetadata = { getCard = { displayName = "Card number" } } }),
    expect = "fail", message = "'getCard' (Card number)" },
  { name = "flow without card input is skipped",
    resource = flow("main", "hello", { say("hello", "Welcome to Acme.", "bye"), bye() }),
    expect = "skipped", message = "no card input" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = { arn = INSTANCE .. "/contact-flow/payments", name = "payments", data = { Other = 1 } },
    errors = { { arn = INSTANCE .. "/contact-flow/payments", operation = "connect:DescribeContactFlow",
                 code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } },
    expect = "error", message = "AccessDenied" },
}
