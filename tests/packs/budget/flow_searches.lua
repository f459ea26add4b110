-- Work the engine does in C for a rule: each flowpaths search charges one
-- instruction per action and edge it visits, so 5,000 searches of a
-- 4,000-action chain (40 million charged, a few hundred thousand Lua
-- instructions) exhaust the check's budget instead of passing.
return {
  id = "HOSTILE-LOOP-003", title = "flow_searches", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    local nodes = {}
    for i = 1, 4000 do nodes[i] = { index = i, succ = {} } end
    for i = 1, 3999 do nodes[i].succ[1] = { kind = "next", node = nodes[i + 1] } end
    local g = { nodes = nodes, start = nodes[1] }
    for _ = 1, 5000 do flowpaths.reach(g) end
    ctx:pass("5,000 searches were free", { path = ctx:ptr(r.data) })
  end,
}
