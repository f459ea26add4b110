return {
  id = "HOSTILE-RO-001", title = "write_snapshot", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    r.data.Instance = "tampered" ctx:pass("wrote")
  end,
}
