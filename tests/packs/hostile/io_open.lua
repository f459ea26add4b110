return {
  id = "HOSTILE-IO-001", title = "io_open", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local f = io.open("/etc/passwd") ctx:pass(f:read("a"))
  end,
}
