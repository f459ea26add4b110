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

local function rec_analytics(id, voice, nextId, errNext)
  return act(id, "UpdateContactRecordingAndAnalyticsBehavior", { VoiceBehavior = voice }, nextId,
    { { "NoMatchingError", errNext or "sorry" }, { "ChannelMismatch", errNext or "sorry" } })
end

return {
  { name = "AWS secure-input payment flow: recording off before the card input passes",
    resource = flow("payments", "logOn", payment_actions()),
    expect = "pass", message = "recording suspended on every path (by UpdateContactRecordingBehavior 'recOff')" },
  { name = "a menu branch that skips the 'recording off' block fails and shows the path",
    resource = flow("payments", "logOn", payment_actions({ quick = "getCard" })),
    expect = "fail", message = "by UpdateContactRecordingBehavior 'recOn'); path: logOn -> recOn -> greet -> getCard" },
  { name = "no recording block: recording set by an earlier flow may be active: fails",
    resource = flow("payments", "logOff", replace(payment_actions(), "recOff", say("recOff", "Please enter your card.", "getCard"))),
    expect = "fail", message = "by the flow's entry" },
  { name = "participants off but IVR recording Enabled fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff", recording("recOff", {}, "Enabled", "getCard"))),
    expect = "fail", message = "UpdateContactRecordingBehavior 'recOff'" },
  { name = "customer still recorded fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff", recording("recOff", { "Customer" }, "Disabled", "getCard"))),
    expect = "fail" },
  { name = "IVRRecordingBehavior case variant 'disabled' passes",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff", recording("recOff", {}, "disabled", "getCard"))),
    expect = "pass" },
  { name = "RecordedParticipants null and no IVR setting passes (nobody recorded)",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      act("recOff", "UpdateContactRecordingBehavior", { RecordingBehavior = { RecordedParticipants = null } }, "getCard"))),
    expect = "pass" },
  { name = "RecordedParticipants not stated cannot be shown off: fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      act("recOff", "UpdateContactRecordingBehavior", { RecordingBehavior = { IVRRecordingBehavior = "Disabled" } }, "getCard"))),
    expect = "fail" },
  { name = "an analytics-only block leaves recording as it was: fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      act("recOff", "UpdateContactRecordingBehavior", { AnalyticsBehavior = { Enabled = "True", AnalyticsLanguage = "en-US" } }, "getCard"))),
    expect = "fail", message = "by UpdateContactRecordingBehavior 'recOn'" },
  { name = "newer block (recording, analytics and processing) turning voice recording off passes",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      rec_analytics("recOff", { VoiceRecordingBehavior = { RecordedParticipants = {}, IVRRecordingBehavior = "Disabled" } }, "getCard"))),
    expect = "pass" },
  { name = "its ChannelMismatch branch into the card input skips the change: fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      rec_analytics("recOff", { VoiceRecordingBehavior = { RecordedParticipants = {}, IVRRecordingBehavior = "Disabled" } }, "getCard", "getCard"))),
    expect = "fail", message = "UpdateContactRecordingBehavior 'recOn'" },
  { name = "dynamic RecordedParticipants fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "recOff",
      act("recOff", "UpdateContactRecordingBehavior", { RecordingBehavior = { RecordedParticipants = "$.Attributes.record" } }, "getCard"))),
    expect = "fail" },
  { name = "loop back to the card input after recording resumes fails",
    resource = flow("payments", "logOn", replace(payment_actions(), "thanks",
      act("thanks", "GetParticipantInput", { Text = "Payment complete. Press 1 to pay another bill.", StoreInput = "False" },
        "bye", { { "NoMatchingCondition", "bye" }, { "InputTimeLimitExceeded", "bye" }, { "NoMatchingError", "bye" } },
        { { "Equals", "1", "getCard" } }))),
    expect = "fail", message = "UpdateContactRecordingBehavior 'recBackOn'" },
  { name = "flow without card input is skipped",
    resource = flow("main", "hello", { say("hello", "Welcome to Acme.", "bye"), bye() }),
    expect = "skipped", message = "no card input" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = { arn = INSTANCE .. "/contact-flow/payments", name = "payments", data = { Other = 1 } },
    errors = { { arn = INSTANCE .. "/contact-flow/payments", operation = "connect:DescribeContactFlow",
                 code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } },
    expect = "error", message = "AccessDenied" },
}
