-- Runs after aa_tamper.lua (tests/check_sandbox.c audits one rule at a time)
-- and finds its state as every rule's starts: nothing of aa_tamper's in it.
local arn = require("arn")
return {
  id = "FRESH-WITNESS-001", title = "witness", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    assert(arn.tampered == nil and type(arn.parse) == "function", "library table changed")
    assert(type(flowpaths.reach) == "function" and flowpaths.tampered == nil, "flowpaths changed")
    assert(type(flowgraph) == "function", "flowgraph changed")
    assert(leaked_global == nil and leaked_in_gc == nil, "a global leaked")
    assert(string.tampered == nil and ("").tampered == nil, "string library changed")
    ctx:pass("pristine", { path = "data/Instance/InstanceAlias", expected = "acme-test" })
  end,
}
