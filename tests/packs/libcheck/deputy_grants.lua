-- lib/deputy.lua: which Allow statements name a service principal, and which
-- carry an aws:SourceArn / aws:SourceAccount guard.
local deputy = require "deputy"
return {
  id = "LIB-DEPUTY-001", title = "deputy", severity = "info", practice = "PCI-3",
  controls = { BASELINE = {"PCI-3"} }, resource = "kms_key", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local g = deputy.grants(r.data.Policy, "connect.amazonaws.com")
    assert(#g == 3, #g)
    assert(g[1].index == 2 and #g[1].guard == 1 and g[1].guard[1].key == "aws:SourceArn")
    assert(g[2].index == 3 and #g[2].guard == 0, "kms:CallerAccount is not a source guard")
    assert(g[3].index == 4 and #g[3].guard == 1, "SourceAccount in lower case counts")
    assert(#deputy.grants(r.data.Policy, "logs.amazonaws.com") == 1)
    assert(deputy.judge(ctx, r.data.Policy, "lex.amazonaws.com", "p") == nil)
    local status, msg = deputy.judge(ctx, r.data.Policy, "connect.amazonaws.com", "p")
    assert(status == "fail" and msg:find("statement 3", 1, true) and not msg:find("statement 2", 1, true), msg)
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
