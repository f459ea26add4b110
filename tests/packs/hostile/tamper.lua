return {
  id = "HOSTILE-TAMPER-001", title = "tamper", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    string.format = nil pairs = nil _G.ipairs = nil table.insert = error math.floor = nil ctx:pass("tampered", { path = "data/Instance/InstanceAlias" })
  end,
}
