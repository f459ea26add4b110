return {
  id = "HOSTILE-GC-004", title = "gc_close_report", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- a finalizer at close reports through a kept ctx: there is no check to report for
  check = (function()
    local keep = {}
    return function(r, ctx)
      keep[#keep + 1] = setmetatable({}, { __gc = function() ctx:fail("from a finalizer") end })
      ctx:pass("reported", { path = "data/Instance/InstanceAlias" })
    end
  end)(),
}
