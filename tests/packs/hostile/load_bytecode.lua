return {
  id = "HOSTILE-LOAD-001", title = "load_bytecode", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local f = load(string.char(27) .. "Lua") ctx:pass("loaded")
  end,
}
