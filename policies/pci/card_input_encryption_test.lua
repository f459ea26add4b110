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

local function with(actions, extra)
  for _, a in ipairs(extra) do actions[#actions + 1] = a end
  return actions
end

local plain_card = { InputEncryption = "DROP" }

return {
  { name = "AWS secure-input payment flow: card number stored encrypted passes",
    resource = flow("payments", "logOn", payment_actions()),
    expect = "pass", message = "card input 'getCard'" },
  { name = "card input without InputEncryption fails",
    resource = flow("payments", "logOn", payment_actions({ card = plain_card })),
    expect = "fail", message = "stored without InputEncryption" },
  { name = "InputEncryption null fails",
    resource = flow("payments", "logOn", payment_actions({ card = { InputEncryption = null } })),
    expect = "fail", message = "without InputEncryption" },
  { name = "InputEncryption without Key fails",
    resource = flow("payments", "logOn", payment_actions({ card = { InputEncryption = { EncryptionKeyId = "payments-2026" } } })),
    expect = "fail", message = "without both EncryptionKeyId and Key" },
  { name = "InputEncryption with an empty Key fails",
    resource = flow("payments", "logOn", payment_actions({ card = { InputEncryption = { EncryptionKeyId = "k", Key = "" } } })),
    expect = "fail" },
  { name = "several card inputs: one finding each, in document order",
    resource = flow("payments", "logOn", with(payment_actions(), {
      act("getCvv", "GetParticipantInput", { Text = "Now enter the three digit CVV on the back of your card.",
        StoreInput = "true", InputTimeLimitSeconds = "8" }, "bye", { { "NoMatchingError", "sorry" } }) })),
    expect = { "pass", "fail" } },
  { name = "card input recognised by MaximumLength alone (audio prompt)",
    resource = flow("payments", "logOn", payment_actions({ card = { Text = "DROP", PromptId = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2b7e-0d3a-4c55-9b61-5e2f8a9c0d11/prompt/p1", InputEncryption = "DROP" } })),
    expect = "fail", message = "MaximumLength 19" },
  { name = "card input recognised by its display name",
    resource = flow("payments", "logOn", payment_actions({ card = { Text = "Enter the number now.", InputValidation = "DROP", InputEncryption = "DROP" } }),
      { ActionMetadata = { getCard = { position = { x = 10, y = 20 }, displayName = "Collect credit details" } } }),
    expect = "fail", message = "display name mentions \"credit\"" },
  { name = "StoreInput False is not card input: skip",
    resource = flow("payments", "logOn", payment_actions({ card = { StoreInput = "False", InputEncryption = "DROP" } })),
    expect = "skipped", message = "no card input" },
  { name = "stored input that is not card data (callback number): skip",
    resource = flow("callback", "getNumber", {
      act("getNumber", "GetParticipantInput", { Text = "Enter the number you would like to be called back at.",
        StoreInput = "True", InputTimeLimitSeconds = "5",
        InputValidation = { PhoneNumberValidation = { NumberFormat = "Local", CountryCode = "US" } } },
        "bye", { { "NoMatchingError", "bye" }, { "InvalidPhoneNumber", "bye" } }),
      bye() }),
    expect = "skipped" },
  { name = "keyword only at a word start: 'discarded' is not 'card'",
    resource = flow("survey", "q1", {
      act("q1", "GetParticipantInput", { Text = "Your answer will be discarded after 30 days. Enter your rating.",
        StoreInput = "True", InputValidation = { CustomValidation = { MaximumLength = "1" } } }, "bye", { { "NoMatchingError", "bye" } }),
      bye() }),
    expect = "skipped" },
  { name = "card_keywords parameter decides: without 'card' the prompt is not card input",
    resource = flow("payments", "logOn", payment_actions({ card = { InputValidation = "DROP", InputEncryption = "DROP" } })),
    params = { card_keywords = { "iban" } },
    expect = "skipped" },
  { name = "unreachable card input is still checked, and says so",
    resource = flow("payments", "bye", payment_actions({ card = plain_card })),
    expect = "fail", message = "unreachable from StartAction" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = { arn = INSTANCE .. "/contact-flow/payments", name = "payments", data = { Other = 1 } },
    errors = { { arn = INSTANCE .. "/contact-flow/payments", operation = "connect:DescribeContactFlow",
                 code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } },
    expect = "error", message = "AccessDenied" },
  -- The snapshot loader itself rejects a Content that is a string, null or
  -- without Actions, so those cannot reach a rule (flow.content still guards).
  { name = "Content absent is an error",
    resource = { arn = INSTANCE .. "/contact-flow/payments", name = "payments",
                 data = { ContactFlow = { Id = "payments", Name = "payments", Type = "CONTACT_FLOW" } } },
    expect = "error", message = "Content" },
}
