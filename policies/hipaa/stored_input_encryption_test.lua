-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local keys = require "testkit.keys"
local act, flow, logging, say, bye = fk.act, fk.flow, fk.logging, fk.say, fk.bye
local INST = fk.instance("false")

local function member_id(id, extra)
  local p = fk.overlay({ Text = "Please enter your eight digit member ID.", StoreInput = "True", InputTimeLimitSeconds = "8",
    InputValidation = { CustomValidation = { MaximumLength = "8" } },
    InputEncryption = { EncryptionKeyId = keys.A_ID, Key = keys.A_CERT } }, extra)
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
  { name = "member ID encrypted with the instance's key and a certificate it signed passes",
    resource = clinic(member_id("getMember")), others = { INST },
    expect = "pass", message = "stored input 'getMember' is stored encrypted with security key " .. keys.A_ID },
  { name = "member ID stored without InputEncryption fails",
    resource = clinic(member_id("getMember", { InputEncryption = "DROP" })),
    expect = "fail", message = "stored without InputEncryption" },
  { name = "a placeholder key ID and a sentence for a certificate fail, saying so",
    resource = clinic(member_id("getMember", { InputEncryption = { EncryptionKeyId = "your-key-id",
      Key = "Paste your public key certificate here" } })), others = { INST },
    expect = "fail", message = "EncryptionKeyId \"your-key-id\" is a template placeholder" },
  { name = "an expired certificate fails",
    resource = clinic(member_id("getMember", { InputEncryption = { EncryptionKeyId = keys.A_ID, Key = keys.A_EXPIRED } })),
    others = { INST }, expect = "fail", message = "expired" },
  { name = "a key ID the instance does not hold fails",
    resource = clinic(member_id("getMember", { InputEncryption = { EncryptionKeyId = keys.B_ID, Key = keys.B_CERT } })),
    others = { INST }, expect = "fail", message = "not a security key of the instance" },
  { name = "security keys not collected is an error",
    resource = clinic(member_id("getMember")), others = { fk.instance("false", "DROP") },
    expect = "error", message = "security keys of instance" },
  { name = "a flow module keeping a member ID encrypted passes",
    resource = fk.as_module(clinic(member_id("getMember"))), others = { INST }, expect = "pass" },
  { name = "a flow module keeping a member ID in clear fails",
    resource = fk.as_module(clinic(member_id("getMember", { InputEncryption = "DROP" }))), expect = "fail" },
  { name = "InputEncryption null fails",
    resource = clinic(member_id("getMember", { InputEncryption = null })),
    expect = "fail" },
  { name = "InputEncryption with EncryptionKeyId but no Key fails",
    resource = clinic(member_id("getMember", { InputEncryption = { EncryptionKeyId = keys.A_ID } })),
    expect = "fail", message = "without both EncryptionKeyId and Key" },
  { name = "StoreInput in lower case is still stored input",
    resource = clinic(member_id("getMember", { StoreInput = "true", InputEncryption = "DROP" })),
    expect = "fail" },
  { name = "two stored inputs: one finding each, in document order",
    resource = clinic(member_id("getMember"),
      act("getDob", "GetParticipantInput", { Text = "Enter your date of birth as eight digits.", StoreInput = "TRUE" },
        "bye", { { "NoMatchingError", "bye" } })), others = { INST },
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
    resource = fk.uncollected("clinic-intake"), errors = fk.denied("clinic-intake"),
    expect = "error", message = "AccessDenied" },
}
