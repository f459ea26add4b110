return {
  id = "HOSTILE-GC-002", title = "gc_close_loop", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- reports, then loops in a finalizer when the state is closed
  check = (function()
    local keep = {}
    return function(r, ctx)
      keep[#keep + 1] = setmetatable({}, { __gc = function() while true do end end })
      ctx:pass("reported", { path = "data/Instance/InstanceAlias" })
    end
  end)(),
}
