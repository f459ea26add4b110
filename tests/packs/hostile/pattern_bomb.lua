return {
  id = "HOSTILE-PAT-001", title = "pattern_bomb", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local s = ("a"):rep(50000) ctx:pass(tostring(s:find(".-.-.-.-.-.-.-b")))
  end,
}
