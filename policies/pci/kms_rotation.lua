-- PCI-KMS-001: customer managed symmetric keys rotate automatically.
--
-- Decisions, in order:
--   PendingDeletion / PendingReplicaDeletion -> skip: KMS encrypts nothing new
--     under it and does not rotate it; what matters is the deletion itself.
--   KeyManager AWS -> pass: KMS rotates AWS managed keys every year.
--   KeySpec other than SYMMETRIC_DEFAULT (asymmetric, HMAC) or Origin other than
--     AWS_KMS (imported material, CloudHSM or external key stores) -> manual:
--     KMS cannot rotate these automatically; a person rotates and attests.
--   Otherwise KeyRotationEnabled decides. A Disabled key is judged like an
--     enabled one: rotation resumes with that setting when it is re-enabled.
local function label(r) return r.name or r.arn end

return {
  id = "PCI-KMS-001",
  title = "Customer managed KMS key has automatic rotation enabled",
  severity = "medium",
  practice = "PCI-3",
  controls = {
    ["PCI-DSS-4.0"] = { "3.7.4" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PCI-3" },
  },
  resource = "kms_key",
  rationale = "PCI DSS 3.7.4 requires keys to change at the end of their cryptoperiod. " ..
    "Automatic rotation gives a customer managed key new key material on a schedule " ..
    "(yearly by default) without re-encrypting data or changing the key ID.",
  remediation = "KMS console > Customer managed keys > key > Key rotation: tick \"Automatically rotate " ..
    "this KMS key\". CLI: aws kms enable-key-rotation --key-id KEY_ID [--rotation-period-in-days 365]. " ..
    "Asymmetric, HMAC and imported-material keys: rotate by hand (new key or new material, then move " ..
    "the alias) and record it.",
  check = function(r, ctx)
    local md = ctx:need(r.data, "KeyMetadata")
    local state = ctx:need(md, "KeyState")
    if state == "PendingDeletion" or state == "PendingReplicaDeletion" then
      return ctx:skip(("Key %s is %s: nothing new is encrypted under it and KMS does not rotate it"):format(
        label(r), state))
    end
    local manager = ctx:need(md, "KeyManager")
    if manager == "AWS" then
      return ctx:pass(("Key %s is an AWS managed key, which KMS rotates every year"):format(label(r)),
        { path = ctx:ptr(md, "KeyManager"), expected = "AWS (rotated by KMS) or CUSTOMER with rotation on" })
    end
    -- KeySpec replaced CustomerMasterKeySpec; an older answer may carry only the latter.
    local spec_key = md.KeySpec ~= nil and "KeySpec" or "CustomerMasterKeySpec"
    if md.KeySpec == nil and md.CustomerMasterKeySpec == nil then spec_key = "KeySpec" end
    local spec = ctx:need(md, spec_key)
    if spec ~= "SYMMETRIC_DEFAULT" then
      return ctx:manual(("Key %s is a %s key: KMS cannot rotate it automatically; rotate it by hand " ..
        "and attest the cryptoperiod"):format(label(r), tostring(spec)),
        { path = ctx:ptr(md, spec_key), expected = "SYMMETRIC_DEFAULT for automatic rotation" })
    end
    local origin = ctx:need(md, "Origin")
    if origin ~= "AWS_KMS" then
      return ctx:manual(("Key %s has key material from %s: KMS cannot rotate it automatically; rotate it " ..
        "by hand and attest the cryptoperiod"):format(label(r), tostring(origin)),
        { path = ctx:ptr(md, "Origin"), expected = "AWS_KMS for automatic rotation" })
    end
    local rotation = ctx:need(r.data, "KeyRotationEnabled")
    local evidence = { { path = "data/KeyRotationEnabled", expected = true },
                       { path = ctx:ptr(md, "KeyManager"), expected = "CUSTOMER" },
                       { path = ctx:ptr(md, spec_key), expected = "SYMMETRIC_DEFAULT" },
                       { path = ctx:ptr(md, "Origin"), expected = "AWS_KMS" } }
    if rotation == true then
      return ctx:pass(("Key %s (customer managed, symmetric) rotates automatically%s"):format(label(r),
        state == "Disabled" and " (the key is disabled)" or ""), evidence)
    end
    ctx:fail(("Key %s (customer managed, symmetric, %s) does not rotate automatically"):format(label(r),
      tostring(state)), evidence)
  end,
}
