-- lib/kms.lua: the level order, key lookup (ARN, alias name/ARN, bare id) and
-- kms.judge's statuses. data.Key names the key, data.Required the level.
local kms = require "kms"
return {
  id = "LIB-KMS-001", title = "kms.judge", severity = "info", practice = "PII-2",
  controls = { BASELINE = {"PII-2"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function(r, ctx)
    assert(kms.rank("aws_owned") < kms.rank("aws_managed") and kms.rank("customer_managed") < kms.rank("external"))
    assert(kms.rank("nope") == nil)
    local lead = { { path = "data/Key" } }
    local status, msg, ev = kms.judge(ctx, r.data.Key or nil, r.data.Required, lead, "setting", r.region)
    assert(ev[1] == lead[1], "the lead comes first")
    assert(#lead == 1, "the caller's lead is not modified")
    ctx[status](ctx, msg, ev)
  end,
}
