return {
  id = "HOSTILE-GC-003", title = "gc_close_pattern", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- reports, then works inside C (no hook fires) in a finalizer at close
  check = (function()
    local keep = {}
    return function(r, ctx)
      keep[#keep + 1] = setmetatable({}, { __gc = function() local s = ("a"):rep(50000) s:find(".-.-.-.-.-.-.-b") end })
      ctx:pass("reported", { path = "data/Instance/InstanceAlias" })
    end
  end)(),
}
