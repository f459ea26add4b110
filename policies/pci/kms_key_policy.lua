-- PCI-KMS-002: the key policy grants no kms action to everyone.
--
-- A statement counts as public when it Allows Principal "*" / {AWS="*"} (or
-- uses NotPrincipal) and no condition confines it to a known account,
-- organisation, source or network (iam.narrowing_conditions: aws:SourceAccount,
-- aws:PrincipalOrgID, kms:CallerAccount, aws:SourceVpce, …). AWS managed keys'
-- own policies ("*" with kms:CallerAccount) therefore pass.
local iam = require "iam"

-- Every action a key policy can grant on a key; "kms:*", "kms:ReEncrypt*" and
-- NotAction forms are matched against this list.
local KMS_ACTIONS = {
  "kms:Decrypt", "kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
  "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateMac", "kms:VerifyMac", "kms:Sign",
  "kms:Verify", "kms:DeriveSharedSecret", "kms:GetPublicKey",
  "kms:CreateGrant", "kms:RetireGrant", "kms:RevokeGrant", "kms:ListGrants",
  "kms:PutKeyPolicy", "kms:GetKeyPolicy", "kms:ListKeyPolicies",
  "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:DisableKey", "kms:EnableKey",
  "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:GetKeyRotationStatus",
  "kms:RotateKeyOnDemand", "kms:ListKeyRotations",
  "kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial", "kms:GetParametersForImport",
  "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias", "kms:UpdateKeyDescription",
  "kms:TagResource", "kms:UntagResource", "kms:ListResourceTags", "kms:DescribeKey",
  "kms:ReplicateKey", "kms:UpdatePrimaryRegion",
}

local EXPECTED = "no Allow to Principal \"*\" without a condition on aws:SourceAccount, " ..
  "aws:PrincipalOrgID, kms:CallerAccount, aws:SourceArn, aws:SourceVpce or similar"

local function label(r) return r.name or r.arn end

local function describe(actions)
  if #actions == #KMS_ACTIONS then return "every kms action" end
  if #actions <= 5 then return table.concat(actions, ", ") end
  return table.concat({ table.unpack(actions, 1, 5) }, ", ") .. (" and %d more"):format(#actions - 5)
end

return {
  id = "PCI-KMS-002",
  title = "KMS key policy grants no key actions to a public principal",
  severity = "critical",
  practice = "PCI-3",
  controls = {
    ["PCI-DSS-4.0"] = { "3.6.1" },
    HIPAA = { "164.312(a)(1)" },
    BASELINE = { "PCI-3" },
  },
  resource = "kms_key",
  rationale = "A key policy that allows \"*\" lets any AWS account decrypt or re-encrypt what the " ..
    "key protects, or take the key over with kms:CreateGrant or kms:PutKeyPolicy, defeating the " ..
    "encryption of recordings, transcripts and card data.",
  remediation = "KMS console > Customer managed keys > key > Key policy > Edit: replace Principal " ..
    "\"*\" with the account or role ARNs that need the key, or add a condition such as " ..
    "\"StringEquals\": {\"kms:CallerAccount\": \"ACCOUNT_ID\"}. CLI: aws kms put-key-policy " ..
    "--key-id KEY_ID --policy-name default --policy file://policy.json",
  check = function(r, ctx)
    local policy = ctx:need(r.data, "Policy")
    if not policy then
      -- null: the collector read no policy document; with no statement, nothing is granted.
      return ctx:pass(("Key %s has no key policy statements, so nothing is granted to anyone"):format(label(r)),
        { path = "data/Policy", expected = EXPECTED })
    end
    ctx:need(policy, "Statement") -- a document without statements is not what GetKeyPolicy returns
    local grants = iam.public_grants(policy, KMS_ACTIONS)
    if #grants == 0 then
      return ctx:pass(("Key %s's policy grants no kms action to a public principal without a " ..
        "narrowing condition"):format(label(r)), { path = ctx:ptr(policy, "Statement"), expected = EXPECTED })
    end
    local what, evidence = {}, {}
    for _, g in ipairs(grants) do
      local sid = type(g.stmt.Sid) == "string" and (" (" .. g.stmt.Sid .. ")") or ""
      what[#what + 1] = ("statement %d%s allows %s"):format(g.index, sid, describe(g.actions))
      evidence[#evidence + 1] = { path = ctx:ptr(g.stmt), expected = EXPECTED }
    end
    ctx:fail(("Key %s's policy is open to everyone: %s to Principal \"*\" with no narrowing " ..
      "condition"):format(label(r), table.concat(what, "; ")), evidence)
  end,
}
