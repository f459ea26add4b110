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

local function member_id(id, extra)
  local p = { Text = "Please enter your eight digit member ID.", StoreInput = "True", InputTimeLimitSeconds = "8",
    InputValidation = { CustomValidation = { MaximumLength = "8" } },
    InputEncryption = { EncryptionKeyId = "member-2026", Key = KEY_PEM } }
  for k, v in pairs(extra or {}) do if v == "DROP" then p[k] = nil else p[k] = v end end
  return act(id, "GetParticipantInput", p, "lookup", { { "NoMatchingError", "bye" } })
end
local function clinic(first, second)
  return flow("clinic-intake", "logOff", {
    logging("logOff", "Disabled", "getMember"),
    first,
    act("lookup", "InvokeLambdaFunction", { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:member-lookup",
      LambdaInvocationAttributes = { memberId = "$.StoredCustomerInput" } }, second and second.Identifier or "bye",
      { { "NoMatchingError", "bye" } }),
    second or say("done", "Thank you.", "bye"),
    bye() })
end

return {
  { name = "encrypted member ID passes",
    resource = clinic(member_id("getMember")),
    expect = "pass", message = "stored input 'getMember' is encrypted" },
  { name = "member ID stored without InputEncryption fails",
    resource = clinic(member_id("getMember", { InputEncryption = "DROP" })),
    expect = "fail", message = "kept without InputEncryption" },
  { name = "InputEncryption null fails",
    resource = clinic(member_id("getMember", { InputEncryption = null })),
    expect = "fail" },
  { name = "InputEncryption with EncryptionKeyId but no Key fails",
    resource = clinic(member_id("getMember", { InputEncryption = { EncryptionKeyId = "member-2026" } })),
    expect = "fail", message = "without both EncryptionKeyId and Key" },
  { name = "StoreInput in lower case is still stored input",
    resource = clinic(member_id("getMember", { StoreInput = "true", InputEncryption = "DROP" })),
    expect = "fail" },
  { name = "two stored inputs: one finding each, in document order",
    resource = clinic(member_id("getMember"),
      act("getDob", "GetParticipantInput", { Text = "Enter your date of birth as eight digits.", StoreInput = "TRUE" },
        "bye", { { "NoMatchingError", "bye" } })),
    expect = { "pass", "fail" } },
  { name = "menu input (StoreInput False) only: skipped",
    resource = flow("main-menu", "menu", {
      act("menu", "GetParticipantInput", { Text = "Press 1 for appointments.", StoreInput = "False", InputTimeLimitSeconds = "5" },
        "bye", { { "InputTimeLimitExceeded", "bye" }, { "NoMatchingCondition", "bye" }, { "NoMatchingError", "bye" } },
        { { "Equals", "1", "bye" } }),
      bye() }),
    expect = "skipped", message = "no stored customer input" },
  { name = "flow with no actions but the end: skipped",
    resource = flow("empty", "bye", { bye() }),
    expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = { arn = INSTANCE .. "/contact-flow/clinic-intake", name = "clinic-intake", data = { Other = 1 } },
    errors = { { arn = INSTANCE .. "/contact-flow/clinic-intake", operation = "connect:DescribeContactFlow",
                 code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } },
    expect = "error", message = "AccessDenied" },
}
