-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, say, bye = fk.act, fk.flow, fk.say, fk.bye

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
  -- What $.StoredCustomerInput holds is classified (lib/flow/input.lua).
  { name = "copying an encrypted stored input (ciphertext) passes",
    resource = flow("account-service", "getAccount", {
      act("getAccount", "GetParticipantInput", { Text = "Please enter your account number.", StoreInput = "True",
        InputEncryption = { EncryptionKeyId = "k-2026", Key = fk.KEY_PEM },
        InputValidation = { CustomValidation = { MaximumLength = "10" } } }, "setAttrs", { { "NoMatchingError", "bye" } }),
      set_attrs("setAttrs", { accountRef = "$.StoredCustomerInput" }), bye() }),
    expect = "pass" },
  { name = "copying a callback number (PhoneNumberValidation) passes",
    resource = flow("callback", "getNumber", {
      act("getNumber", "GetParticipantInput", { Text = "Enter the number to call you back on.", StoreInput = "True",
        InputValidation = { PhoneNumberValidation = { NumberFormat = "Local", CountryCode = "US" } } }, "setAttrs",
        { { "NoMatchingError", "bye" } }),
      set_attrs("setAttrs", { callbackNumber = "$.StoredCustomerInput" }), bye() }),
    expect = "pass" },
  { name = "copying an input whose prompt is chosen at run time is manual",
    resource = flow("generic", "getDigits", {
      act("getDigits", "GetParticipantInput", { Text = "$.External.prompt", StoreInput = "True",
        InputValidation = { CustomValidation = { MaximumLength = "8" } } }, "setAttrs", { { "NoMatchingError", "bye" } }),
      set_attrs("setAttrs", { digits = "$.StoredCustomerInput" }), bye() }),
    expect = "manual", message = "copies $.StoredCustomerInput ('getDigits': MaximumLength 8, its prompt is chosen at run time" },
  { name = "a sensitive-looking key with a static label is no data: pass",
    resource = account_flow({ cardType = "DEBIT CARD" }),
    expect = "pass" },
  { name = "a sensitive-looking key with a value from the contact fails",
    resource = account_flow({ passcode = "$.Views.ViewResultData.FormData.passcode" }),
    expect = "fail", message = "attribute 'passcode' key looks sensitive (\"passcode\")" },
  { name = "a key built at run time holding a menu digit (a survey answer) passes",
    resource = flow("survey", "ask", {
      act("ask", "GetParticipantInput", { Text = "$.External.question", StoreInput = "True",
        InputValidation = { CustomValidation = { MaximumLength = "1" } } }, "keep", { { "NoMatchingError", "bye" } }),
      set_attrs("keep", { ["survey_result_$.Attributes.loopCounter"] = "$.StoredCustomerInput" }), bye() }),
    expect = "pass" },
  { name = "keys and values both set at run time are manual",
    resource = flow("rules", "setAttrs", { set_attrs("setAttrs", { ["$.External.key0"] = "$.External.value0" }), bye() }),
    expect = "manual", message = "key and value are set at run time" },
  { name = "a block setting hundreds of attributes passes with short evidence (no evidence-size error)",
    resource = flow("rules", "setAttrs", { set_attrs("setAttrs", (function()
      local t = {}
      for i = 1, 300 do t["routingKey" .. i] = "$.External.someLongRoutingValueName" .. i end
      return t end)()), bye() }),
    expect = "pass", message = "1 UpdateContactAttributes action(s) checked" },
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
    resource = fk.uncollected("account-service"), errors = fk.denied("account-service"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module copying $.StoredCustomerInput into an attribute fails",
    resource = fk.as_module(account_flow({ accountRef = "$.StoredCustomerInput" })),
    expect = "fail", message = "attribute 'accountRef' copies $.StoredCustomerInput" },
  { name = "a flow module setting routing data only passes",
    resource = fk.as_module(account_flow({ language = "en-US" })), expect = "pass" },
}
