return {
  id = "HOSTILE-OS-001", title = "os_execute", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    os.execute("touch /tmp/ca-hostile-pwned") ctx:pass("ran")
  end,
}
