-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local flow, payment_actions = fk.flow, fk.payment_actions

local DOB = { Text = "Please enter your date of birth as eight digits.", InputEncryption = null,
              InputValidation = { CustomValidation = { MaximumLength = "8" } } }
local MEMBER = { Text = "Please key in your member ID.", InputEncryption = null,
                 InputValidation = { CustomValidation = { MaximumLength = "10" } } }
local RUNTIME = { Text = "$.External.prompt", InputEncryption = null,
                  InputValidation = { CustomValidation = { MaximumLength = "9" } } }

return {
  { name = "a date of birth collected with logging off on every path passes",
    resource = flow("verify", "logOn", payment_actions({ card = DOB })),
    expect = "pass", message = "sensitive input" },
  { name = "a member ID reached on a branch that skips the 'off' blocks fails, naming the path",
    resource = flow("verify", "logOn", payment_actions({ card = MEMBER, quick = "getCard" })),
    expect = "fail", message = "flow logging possibly enabled" },
  { name = "an input the flow cannot place is manual where it would fail",
    resource = flow("verify", "logOn", payment_actions({ card = RUNTIME, quick = "getCard" })),
    expect = "manual", message = "confirm it is no personal or health data" },
  { name = "card input is PCI's: no personal or health data input here, skipped",
    resource = flow("verify", "logOn", payment_actions({ quick = "getCard" })),
    expect = "skipped", message = "no stored input of personal or health data" },
  { name = "sensitive_input_keywords decide: without 'member' the member ID is not judged",
    resource = flow("verify", "logOn", payment_actions({ card = MEMBER, quick = "getCard" })),
    params = { sensitive_input_keywords = { "birth" }, nonsensitive_input_keywords = { "member" } },
    expect = "skipped" },
  { name = "flow content not collected is an error",
    resource = fk.uncollected("verify"),
    expect = "error" },
}
