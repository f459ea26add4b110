local CMK = "arn:aws:kms:eu-west-1:111122223333:key/c1"
local function inst(key, required)
  return { arn = "arn:aws:connect:eu-west-1:111122223333:instance/i", name = "i", region = "eu-west-1",
           data = { Key = key, Required = required or "customer_managed" } }
end
local function key(manager, origin, aliases, region)
  local a = {}
  for _, n in ipairs(aliases or {}) do a[#a + 1] = { AliasName = n } end
  local a_rn = region and CMK:gsub("eu%-west%-1", region) or CMK
  return { type = "kms_key", arn = a_rn, name = "k", region = region or "eu-west-1",
           data = { KeyMetadata = { KeyManager = manager, Origin = origin }, Aliases = a } }
end
return {
  { name = "customer key by ARN", resource = inst(CMK), others = { key("CUSTOMER", "AWS_KMS") }, expect = "pass" },
  { name = "bare id resolves in the given region", resource = inst("c1"), others = { key("CUSTOMER", "AWS_KMS") },
    expect = "pass" },
  { name = "alias ARN resolves", resource = inst("arn:aws:kms:eu-west-1:111122223333:alias/x"),
    others = { key("AWS", "AWS_KMS", { "alias/x" }) }, expect = "fail", message = "level aws_managed" },
  { name = "an alias name in another region is not taken",
    resource = inst("alias/x", "external"), others = { key("CUSTOMER", "EXTERNAL", { "alias/x" }, "us-east-1") },
    expect = "error", message = "not in the snapshot" },
  { name = "custom key store is external", resource = inst(CMK, "external"),
    others = { key("CUSTOMER", "AWS_CLOUDHSM") }, expect = "pass", message = "AWS_CLOUDHSM" },
  { name = "no key is aws_owned", resource = inst(false, "aws_owned"), expect = "pass", message = "AWS owned" },
  { name = "an unknown KeyManager is an error", resource = inst(CMK), others = { key("SOMEONE", "AWS_KMS") },
    expect = "error", message = "KeyManager SOMEONE" },
  { name = "an unknown required level is an error", resource = inst(CMK, "best"), expect = "error" },
}
