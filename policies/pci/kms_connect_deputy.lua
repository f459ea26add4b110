-- PCI-KMS-010: a key policy that lets Amazon Connect (connect.amazonaws.com)
-- use the key confines it with aws:SourceAccount or aws:SourceArn, so no
-- other account's Connect instance can encrypt or decrypt with it
-- (confused deputy; judged by lib/deputy.lua).
local deputy = require "deputy"

local SERVICE = "connect.amazonaws.com"
local function label(r) return r.name or r.arn end

return {
  id = "PCI-KMS-010",
  title = "KMS key policy grants to Amazon Connect carry aws:SourceAccount / aws:SourceArn",
  severity = "high",
  practice = "PCI-3",
  controls = {
    ["PCI-DSS-4.0"] = { "3.6.1" },
    HIPAA = { "164.312(a)(1)" },
    PII = { "GDPR-32(1)(b)" },
    BASELINE = { "PCI-3" },
  },
  resource = "kms_key",
  rationale = "A key policy that allows the service principal connect.amazonaws.com without a " ..
    "source condition lets Amazon Connect use the key for any account's instance: another " ..
    "customer who learns the key ARN can have Connect decrypt with it (the confused deputy " ..
    "problem). aws:SourceAccount or aws:SourceArn ties the grant to this account's instance.",
  remediation = "KMS console > Customer managed keys > key > Key policy > Edit: add to each statement " ..
    "allowing connect.amazonaws.com a condition \"StringEquals\": {\"aws:SourceAccount\": " ..
    "\"ACCOUNT_ID\"} or \"ArnLike\": {\"aws:SourceArn\": \"arn:aws:connect:REGION:ACCOUNT_ID:instance/ID\"}. " ..
    "CLI: aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://policy.json",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "Policy")
    if not policy then
      -- null: no key policy document, so nothing is granted to Amazon Connect.
      return ctx:pass(("Key %s has no key policy statements: nothing is granted to %s"):format(label(r), SERVICE),
        { path = "data/Policy", expected = "no unconditioned Allow to " .. SERVICE })
    end
    ctx:need(policy, "Statement") -- GetKeyPolicy never returns a document without one
    local status, msg, evidence = deputy.judge(ctx, policy, SERVICE, "Key " .. label(r) .. "'s policy")
    if not status then
      return ctx:pass(("Key %s's policy grants nothing to %s"):format(label(r), SERVICE),
        { path = ctx:ptr(policy, "Statement"), expected = "no unconditioned Allow to " .. SERVICE })
    end
    ctx[status](ctx, msg, evidence)
  end,
}
