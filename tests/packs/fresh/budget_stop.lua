-- Spends the rule's whole budget over its resources: where it stops, and
-- the instructions and memory it reports, must not depend on the state it
-- started from (tests/check_sandbox.c runs it with the rule budget set so
-- that it stops in the second resource).
local arn = require("arn")
local seen = {}
return {
  id = "FRESH-BUDGET-001", title = "budget_stop", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    seen[#seen + 1] = ("x"):rep(1000) .. tostring(#seen)
    local n = 0
    for i = 1, 150000 do n = n + i % 7 end
    ctx:pass("counted " .. n .. (arn and "" or "?"), { path = "data/Instance/InstanceAlias" })
  end,
}
