return {
  id = "HOSTILE-MEM-003", title = "pcall_memory", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local ok = pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end) if not ok then ctx:pass("caught the memory error") end
  end,
}
