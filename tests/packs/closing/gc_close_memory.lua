return {
  id = "HOSTILE-GC-005", title = "gc_close_memory", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- reports, then asks for more than the memory cap in a finalizer at close
  check = (function()
    local keep = {}
    return function(r, ctx)
      keep[#keep + 1] = setmetatable({}, { __gc = function() local s = ("x"):rep(1 << 26) end })
      ctx:pass("reported", { path = "data/Instance/InstanceAlias" })
    end
  end)(),
}
