-- HIPAA-KVS-001: Kinesis Video streams (live media, recordings) use a
-- customer managed KMS key.
--
-- Kinesis Video always encrypts; the question is whose key. StreamInfo.KmsKeyId
-- may be an alias name, an alias ARN, a key ARN or a key ID:
--   alias/aws/… (name or ARN) -> the AWS managed key: fail.
--   another alias -> customer managed: the alias/aws/ prefix is reserved, and a
--     customer alias cannot point at an AWS managed key. If the snapshot holds the
--     key carrying the alias, its KeyManager is shown (and decides).
--   a key ARN or ID -> the kms_key in the snapshot decides (KeyManager). Not in the
--     snapshot: a key in another account is customer managed (AWS managed keys are
--     never usable across accounts): pass; one in the stream's own account cannot be
--     told apart: error.
local arn = require "arn"
local collection = require "collection"

local function label(r) return r.name or r.arn end

local EXPECTED = "a customer managed KMS key (not alias/aws/kinesisvideo)"

-- The kms_key in the snapshot that carries this alias (same region as the stream
-- when only the alias name is known).
local function key_with_alias(ctx, alias_name, alias_arn, region)
  for _, k in ctx:resources("kms_key") do
    for _, a in ipairs(k.data.Aliases or {}) do
      if (alias_arn and a.AliasArn == alias_arn) or
         (not alias_arn and a.AliasName == alias_name and k.region == region) then
        return k
      end
    end
  end
  return nil
end

-- Judges a key found in the snapshot by its KeyManager.
local function judge_key(r, ctx, k, key_item, via)
  local md = k.data.KeyMetadata
  local manager = md and md.KeyManager
  if manager == nil then
    local missing = md and (ctx:ptr(md) .. "/KeyManager") or (ctx:ptr(k.data) .. "/KeyMetadata")
    return ctx:error(("missing evidence: %s is not in the snapshot (%s); it says whose key encrypts " ..
      "Kinesis Video stream %s"):format(missing, collection.explain(ctx, k.arn), label(r)),
      { key_item, { path = missing, expected = "CUSTOMER" } })
  end
  local evidence = { key_item, { path = ctx:ptr(md, "KeyManager"), expected = "CUSTOMER" } }
  if manager == "CUSTOMER" then
    return ctx:pass(("Kinesis Video stream %s encrypts media with customer managed key %s%s"):format(
      label(r), k.arn, via), evidence)
  end
  ctx:fail(("Kinesis Video stream %s encrypts media with %s, a key managed by %s%s, not a customer " ..
    "managed key"):format(label(r), k.arn, tostring(manager), via), evidence)
end

return {
  id = "HIPAA-KVS-001",
  title = "Kinesis Video stream encrypts media with a customer managed KMS key",
  severity = "medium",
  practice = "KIN-2",
  controls = {
    HIPAA = { "164.312(a)(2)(iv)" },
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "3.6.1" },
    BASELINE = { "KIN-2" },
  },
  resource = "kinesis_video_stream",
  rationale = "Live media streaming puts call audio (ePHI) in Kinesis Video. The default AWS " ..
    "managed key aws/kinesisvideo has a policy nobody can change, so access to the media cannot " ..
    "be restricted or revoked at the key; a customer managed key can be.",
  remediation = "Kinesis Video keeps the key a stream was created with: in Amazon Connect > instance > " ..
    "Data storage > Live media streaming > Edit, choose a customer managed KMS key (new streams use " ..
    "it), or create streams with aws kinesisvideo create-stream --stream-name NAME " ..
    "--kms-key-id KEY_ARN --data-retention-in-hours N, and retire the old ones.",
  check = function(r, ctx)
    local info = ctx:need(r.data, "StreamInfo")
    local key = ctx:need(info, "KmsKeyId")
    local key_item = { path = ctx:ptr(info, "KmsKeyId"), expected = EXPECTED }
    if type(key) ~= "string" or key == "" then
      return ctx:error(("Kinesis Video stream %s reports no KmsKeyId, so whose key encrypts it is " ..
        "unknown"):format(label(r)), key_item)
    end
    local parsed = arn.parse(key)
    local rtype, rid = arn.resource_parts(key)
    local alias_name
    if parsed and rtype == "alias" then alias_name = "alias/" .. rid
    elseif not parsed and key:sub(1, 6) == "alias/" then alias_name = key end

    if alias_name then
      if alias_name:sub(1, 10) == "alias/aws/" then
        return ctx:fail(("Kinesis Video stream %s encrypts media with the AWS managed key %s"):format(
          label(r), alias_name), key_item)
      end
      local k = key_with_alias(ctx, alias_name, parsed and key or nil, r.region)
      if k then return judge_key(r, ctx, k, key_item, " (alias " .. alias_name .. ")") end
      return ctx:pass(("Kinesis Video stream %s encrypts media with the key behind %s; aliases outside " ..
        "alias/aws/ name customer managed keys only"):format(label(r), alias_name), key_item)
    end

    -- A key ARN, or a bare key ID in the stream's own account and region.
    local key_arn = key
    if not parsed then
      key_arn = arn.format({ partition = (arn.parse(r.arn) or {}).partition, service = "kms",
        region = r.region, account = arn.account(r.arn), resource = "key/" .. key })
    end
    local k = ctx:lookup("kms_key", key_arn)
    if k then return judge_key(r, ctx, k, key_item, "") end
    local key_account, own = arn.account(key_arn), arn.account(r.arn)
    if key_account and own and key_account ~= own then
      return ctx:pass(("Kinesis Video stream %s encrypts media with key %s of account %s; a key used " ..
        "across accounts is customer managed (AWS managed keys cannot be)"):format(label(r), key_arn,
        key_account), key_item)
    end
    ctx:error(("Kinesis Video stream %s encrypts media with key %s, which is not in the snapshot, so " ..
      "whether it is customer managed cannot be seen (%s)"):format(label(r), key_arn,
      collection.explain(ctx, key_arn)), key_item)
  end,
}
