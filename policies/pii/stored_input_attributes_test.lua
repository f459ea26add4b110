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

local function set_attrs(id, attrs, nextId)
  return act(id, "UpdateContactAttributes", { Attributes = attrs, TargetContact = "Current" }, nextId or "bye",
    { { "NoMatchingError", "bye" } })
end
local function account_flow(attrs, extra)
  local actions = {
    act("getAccount", "GetParticipantInput", { Text = "Please enter your account number.", StoreInput = "True",
      InputValidation = { CustomValidation = { MaximumLength = "10" } } }, "setAttrs", { { "NoMatchingError", "bye" } }),
    set_attrs("setAttrs", attrs, "toQueue"),
    act("toQueue", "TransferContactToQueue", nil, nil, { { "QueueAtCapacity", "bye" }, { "NoMatchingError", "bye" } }),
    bye() }
  for _, a in ipairs(extra or {}) do table.insert(actions, #actions, a) end
  return flow("account-service", "getAccount", actions)
end

return {
  { name = "attributes with routing data only pass",
    resource = account_flow({ language = "en-US", intent = "$.Lex.IntentName", tier = "$.External.tier" }),
    expect = "pass", message = "1 UpdateContactAttributes action(s) checked" },
  { name = "copying $.StoredCustomerInput into an attribute fails",
    resource = account_flow({ accountRef = "$.StoredCustomerInput" }),
    expect = "fail", message = "attribute 'accountRef' copies $.StoredCustomerInput" },
  { name = "copying a Lex slot fails",
    resource = account_flow({ policyRef = "$.Lex.Slots.policyNumber" }),
    expect = "fail", message = "copies Lex slot values" },
  { name = "bracket JSONPath to a Lex slot fails",
    resource = account_flow({ policyRef = "$['Lex']['Slots']['policyNumber']" }),
    expect = "fail", message = "copies Lex slot values" },
  { name = "a sensitive-looking key fails even with a non-input value (camelCase split)",
    resource = account_flow({ customerDOB = "$.External.dob" }),
    expect = "fail", message = "key looks sensitive (\"dob\")" },
  { name = "snake_case key with a card word fails",
    resource = account_flow({ last_card_number = "$.External.maskedPan" }),
    expect = "fail", message = "(\"card\")" },
  { name = "a key merely containing a keyword's letters passes (shippingAddress is not pin)",
    resource = account_flow({ shippingAddress = "$.External.address", spinCount = "2" }),
    expect = "pass" },
  { name = "the keyword list is a parameter",
    resource = account_flow({ shippingAddress = "$.External.address" }),
    params = { sensitive_attribute_keywords = { "address" } },
    expect = "fail", message = "(\"address\")" },
  { name = "several offending attributes in several actions: one failing finding counting them",
    resource = account_flow({ ssn = "$.External.ssn" }, { set_attrs("setMore", { cardNumber = "$.StoredCustomerInput" }) }),
    expect = "fail", message = "2 contact attribute(s)" },
  { name = "an unreachable action is checked too (it is still in the flow)",
    resource = flow("orphan", "hello", { say("hello", "Hi.", "bye"),
      set_attrs("old", { pin = "$.StoredCustomerInput" }), bye() }),
    expect = "fail", message = "'old'" },
  { name = "flow without UpdateContactAttributes passes, pointing at Actions",
    resource = flow("main", "hello", { say("hello", "Welcome to Acme.", "bye"), bye() }),
    expect = "pass", message = "no UpdateContactAttributes action" },
  { name = "empty Attributes object passes",
    resource = account_flow(object{}),
    expect = "pass" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = { arn = INSTANCE .. "/contact-flow/account-service", name = "account-service", data = { Other = 1 } },
    errors = { { arn = INSTANCE .. "/contact-flow/account-service", operation = "connect:DescribeContactFlow",
                 code = "AccessDenied", message = "User is not authorized to perform connect:DescribeContactFlow" } },
    expect = "error", message = "AccessDenied" },
}
