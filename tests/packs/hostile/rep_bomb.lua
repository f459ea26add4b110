return {
  id = "HOSTILE-MEM-002", title = "rep_bomb", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local s = string.rep("x", 1 << 40) ctx:pass(#s)
  end,
}
