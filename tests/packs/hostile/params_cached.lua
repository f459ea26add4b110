return {
  id = "HOSTILE-PARAM-002", title = "params_cached", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- reads n in its first check only and decides the later ones by the kept value
  check = (function()
    local kept
    return function(r, ctx)
      kept = kept or ctx.params.n
      ctx:pass("n is " .. tostring(kept), { path = "data/Instance/InstanceAlias" })
    end
  end)(),
}
