-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, say, bye, replace, with = fk.act, fk.flow, fk.say, fk.bye, fk.replace, fk.with
local payment_actions = fk.payment_actions

local FN = "arn:aws:lambda:us-east-1:111122223333:function:take-payment"
local function invoke(id, attrs, nextId)
  return act(id, "InvokeLambdaFunction", { LambdaFunctionARN = FN, InvocationTimeLimitSeconds = "8",
    LambdaInvocationAttributes = attrs }, nextId or "logBackOn", { { "NoMatchingError", "sorry" } })
end
local function set(id, attrs, nextId)
  return act(id, "UpdateContactAttributes", { Attributes = attrs, TargetContact = "Current" }, nextId,
    { { "NoMatchingError", "sorry" } })
end
local clear = { card = { InputEncryption = "DROP" } }
local charge = invoke("charge", { card = "$.Attributes.cardNumber" })

return {
  { name = "the AWS pattern -- encrypted card input to the payment Lambda -- passes",
    resource = flow("payments", "logOn", payment_actions()),
    expect = "pass", message = "passes card input 'getCard' (prompt mentions \"card\") encrypted (ciphertext)" },
  { name = "the card number in clear passed to a Lambda fails",
    resource = flow("payments", "logOn", payment_actions(clear)),
    expect = "fail", message = "InvokeLambdaFunction 'takePayment' (LambdaInvocationAttributes.card) passes card input 'getCard'" },
  { name = "a card number copied into an attribute and passed on fails",
    resource = flow("payments", "logOn", with(replace(payment_actions(clear), "takePayment",
      set("takePayment", { cardNumber = "$.StoredCustomerInput" }, "charge")), { charge })),
    expect = "fail", message = "via attribute 'cardNumber'" },
  { name = "a clear card number kept in an attribute reaches every later Lambda in its event (the demo's Payment IVR)",
    resource = flow("payments", "getCard", {
      fk.card_input("getCard", "keep", { InputEncryption = "DROP" }),
      set("keep", { cardNumber = "$.StoredCustomerInput" }, "tokenize"),
      act("tokenize", "InvokeLambdaFunction", { LambdaFunctionARN = FN }, "bye", { { "NoMatchingError", "sorry" } }),
      say("sorry", "Sorry.", "bye"), bye() }),
    expect = "fail", message = "InvokeLambdaFunction 'tokenize' (its event's ContactData.Attributes, attribute 'cardNumber' set by 'keep') passes card input 'getCard'" },
  { name = "an encrypted card input kept in an attribute reaches the Lambda as ciphertext: passes",
    resource = flow("payments", "getCard", {
      fk.card_input("getCard", "keep"),
      set("keep", { cardToken = "$.StoredCustomerInput" }, "tokenize"),
      act("tokenize", "InvokeLambdaFunction", { LambdaFunctionARN = FN }, "bye", { { "NoMatchingError", "sorry" } }),
      say("sorry", "Sorry.", "bye"), bye() }),
    expect = "pass", message = "encrypted (ciphertext)" },
  { name = "a stored input the flow cannot tell is card data (audio prompt, card length) passed in clear: manual",
    resource = flow("payments", "logOn", payment_actions({ card = { Text = "DROP",
      PromptId = fk.INSTANCE .. "/prompt/p1", InputEncryption = "DROP" } })),
    expect = "manual", message = "the flow cannot tell this input is card data" },
  { name = "a later non-card stored input overwrites $.StoredCustomerInput: not card data",
    resource = flow("payments", "logOn", with(replace(payment_actions(clear), "takePayment",
      act("takePayment", "GetParticipantInput", { Text = "Enter your 5 digit ZIP code.", StoreInput = "True",
        InputValidation = { CustomValidation = { MaximumLength = "5" } } }, "zip", { { "NoMatchingError", "sorry" } })),
      { invoke("zip", { zip = "$.StoredCustomerInput" }) })),
    expect = "skipped", message = "no card data passed to a Lambda function" },
  { name = "a card-named attribute set outside the flow is manual",
    resource = flow("lookup", "call", { invoke("call", { pan = "$.Attributes.cardNumber" }, "bye"), bye() }),
    expect = "manual", message = "passes attribute 'cardNumber', whose name says \"card\"" },
  { name = "bracket attribute syntax is read too",
    resource = flow("lookup", "call", { invoke("call", { pan = "$.Attributes['creditCard']" }, "bye"), bye() }),
    expect = "manual", message = "attribute 'creditCard'" },
  { name = "an attribute without a card name is not card data",
    resource = flow("lookup", "call", { invoke("call", { id = "$.Attributes.customerId" }, "bye"), bye() }),
    expect = "skipped" },
  { name = "one clear use among encrypted ones fails the flow",
    resource = flow("payments", "logOn", with(payment_actions({ quick = "card2" }), {
      fk.card_input("card2", "pay2", { InputEncryption = "DROP" }), invoke("pay2", { card = "$.StoredCustomerInput" }, "bye") })),
    expect = "fail", message = "1 of 2 Lambda input(s) with card data in clear" },
  { name = "a Lambda unreachable from StartAction is not judged",
    resource = flow("menu", "hello", { say("hello", "Hello.", "bye"),
      fk.card_input("card", "old", { InputEncryption = "DROP" }), invoke("old", { card = "$.StoredCustomerInput" }, "bye"),
      say("sorry", "Sorry.", "bye"), bye() }),
    expect = "skipped" },
  { name = "a flow module passing a clear card number fails",
    resource = fk.as_module(flow("payments", "logOn", payment_actions(clear))), expect = "fail" },
  { name = "a flow module passing it encrypted passes",
    resource = fk.as_module(flow("payments", "logOn", payment_actions())), expect = "pass" },
  { name = "card_keywords decides what an attribute name means",
    resource = flow("lookup", "call", { invoke("call", { pan = "$.Attributes.cardNumber" }, "bye"), bye() }),
    params = { card_keywords = { "iban" } }, expect = "skipped" },
  { name = "StartAction naming no action is an error",
    resource = flow("payments", "nowhere", payment_actions()), expect = "error", message = "does not name an action" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("payments"), errors = fk.denied("payments"), expect = "error", message = "AccessDenied" },
  { name = "a flow module not collected is an error",
    resource = fk.uncollected_module("payments"), errors = fk.denied_module("payments"), expect = "error" },
}
