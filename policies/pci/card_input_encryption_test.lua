-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, bye, payment_actions, with = fk.act, fk.flow, fk.bye, fk.payment_actions, fk.with

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
    resource = fk.uncollected("payments"), errors = fk.denied("payments"),
    expect = "error", message = "AccessDenied" },
  -- The snapshot loader itself rejects a Content that is a string, null or
  -- without Actions, so those cannot reach a rule (flow.content still guards).
  { name = "Content absent is an error",
    resource = { arn = fk.flow_arn("payments"), name = "payments",
                 data = { ContactFlow = { Id = "payments", Name = "payments", Type = "CONTACT_FLOW" } } },
    expect = "error", message = "Content" },
}
