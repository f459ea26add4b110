-- flowpaths.selected (auditor/policy/flowpaths.c): the nodes whose
-- node.params may hold a leaf viewleaves(node.params, opts) selects. Pinned
-- on the flow of flowselect_test.lua: every node viewleaves finds a leaf in
-- is listed (it is a superset), and the list is the one written out below.
local flow = require "flow"

local function listed(g, opts)
  local ids = {}
  for _, j in ipairs(flowpaths.selected(g, opts)) do ids[#ids + 1] = g.nodes[j].id or ("#" .. g.nodes[j].index) end
  return table.concat(ids, " ")
end

-- every node with a leaf viewleaves selects is in the list, in g.nodes order
local function superset(g, opts)
  local on = {}
  local last = 0
  for _, j in ipairs(flowpaths.selected(g, opts)) do
    assert(j > last, "positions in order")
    last = j
    on[j] = true
  end
  for j, node in ipairs(g.nodes) do
    if node.params and #viewleaves(node.params, opts) > 0 then
      assert(on[j], ("node %d (%s) has a selected leaf and is not listed"):format(j, tostring(node.id)))
    end
  end
end

return {
  id = "LIB-FLOWSEL-001", title = "flowpaths.selected", severity = "info", practice = "FLOW-10",
  controls = { BASELINE = {"FLOW-10"} }, resource = flow.TYPES, rationale = "r", remediation = "m",
  check = function(r, ctx)
    local content = flow.content(ctx, r)
    local names = { QueueId = true, LambdaFunctionARN = true }
    local cases = {
      { { path = { "Parameters" }, names = names, parents = { EventHooks = true }, starts = "arn:" },
        "q lam deep hooks arnlist" },
      { { path = { "Parameters" }, names = names, parents = { EventHooks = true }, starts = "arn:", contains = "$" },
        "q lam deep hooks arnlist text" },
      { { path = { "Parameters" }, contains = "$" }, "text" },
      { { path = { "Parameters" }, names = { Text = true } }, "text plain" },
      -- the path's last step is a parent: every string just below it counts
      { { path = { "Parameters" }, parents = { Parameters = true } },
        "q lam deep hooks arnlist text plain" },
      -- no selection: every node with Parameters
      { { path = { "Parameters" } }, "q lam deep hooks arnlist text plain empty" },
    }
    for i, c in ipairs(cases) do
      local g = flow.graph(content)
      local got = listed(g, c[1])
      assert(got == c[2], ("case %d: %s"):format(i, got))
      superset(flow.graph(content), c[1])
      for _, node in ipairs(g.nodes) do assert(rawget(node, "params") == nil, "selected made node.params") end
    end
    -- params a rule made already are what is tested; one that is no view is listed
    local g = flow.graph(content)
    local _ = g.by_id.plain.params
    assert(listed(g, cases[1][1]) == cases[1][2], "made params")
    rawset(g.by_id.empty, "params", { QueueId = "x" })
    assert(listed(g, cases[1][1]) == "q lam deep hooks arnlist empty", listed(g, cases[1][1]))
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
