return {
  id = "HOSTILE-REQ-001", title = "require_path", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local m = require("../../etc/passwd") ctx:pass("required")
  end,
}
