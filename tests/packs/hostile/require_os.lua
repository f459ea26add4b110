return {
  id = "HOSTILE-REQ-002", title = "require_os", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local m = require("os") ctx:pass("required")
  end,
}
