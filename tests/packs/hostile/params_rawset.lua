return {
  id = "HOSTILE-PARAM-001", title = "params_rawset", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- params and ctx are not tables rawset can write
  check = function(r, ctx)
    local a = pcall(rawset, ctx.params, "n", 998)
    local b = pcall(rawset, ctx, "params", { n = 998 })
    local c = pcall(function() ctx.params.n = 998 end)
    ctx:pass(("n=%s rawset_params=%s rawset_ctx=%s assign=%s"):format(tostring(ctx.params.n), tostring(a),
      tostring(b), tostring(c)), { path = "data/Instance/InstanceAlias" })
  end,
}
