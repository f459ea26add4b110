return {
  id = "HOSTILE-MEM-001", title = "memory_bomb", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1 << 20) .. i end ctx:pass("allocated")
  end,
}
