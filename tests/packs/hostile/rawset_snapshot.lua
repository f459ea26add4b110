return {
  id = "HOSTILE-RO-002", title = "rawset_snapshot", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    rawset(r.data, "Instance", "tampered") ctx:pass("wrote")
  end,
}
