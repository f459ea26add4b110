-- flowpaths.branches (auditor/policy/flowpaths.c), what BASE-FLOW-001 asks of
-- every node's edges, pinned on a flow with every kind of odd edge: its
-- answers are compared with node.edges of another graph of the same Content
-- (what the rule read before), and with the answers written out below.
local flow = require "flow"

-- What the rule decided from node.edges: does the node have an edge it
-- reports, and the error types of its Errors entries, fenced by NUL bytes.
local function from_edges(node)
  local bad, errs = false, {}
  for _, e in ipairs(node.edges) do
    if type(e.to) ~= "string" or e.to == "" then
      if e.kind ~= "next" then bad = true end
    elseif not e.node then
      bad = true
    end
    if e.kind == "error" and e.error_type then errs[#errs + 1] = e.error_type end
  end
  return bad, #errs > 0 and ("\0" .. table.concat(errs, "\0") .. "\0") or nil
end

local function describe(g, bad, errors)
  local t = {}
  for j, node in ipairs(g.nodes) do
    local e = errors[j] and errors[j]:gsub("%z", "|") or "-"
    t[#t + 1] = ("%s:%s:%s"):format(node.id or ("#" .. node.index), bad[j] and "bad" or "ok", e)
  end
  return table.concat(t, " ")
end

return {
  id = "LIB-FLOWBRANCH-001", title = "flowpaths.branches", severity = "info", practice = "FLOW-7",
  controls = { BASELINE = {"FLOW-7"} }, resource = flow.TYPES, rationale = "r", remediation = "m",
  check = function(r, ctx)
    local content = flow.content(ctx, r)
    local g1, g2 = flow.graph(content), flow.graph(content)
    local bad, errors = flowpaths.branches(g1)
    -- the same answers node.edges gives, node by node (g2's lists are made here)
    for j, node in ipairs(g2.nodes) do
      local b, e = from_edges(node)
      assert(b == (bad[j] == true), ("node %d (%s): bad %s, node.edges says %s"):format(j, tostring(node.id),
        tostring(bad[j]), tostring(b)))
      if not b then
        assert(e == errors[j], ("node %d (%s): error types differ"):format(j, tostring(node.id)))
      else
        assert(errors[j] == nil, ("node %d: a bad node gets no error types"):format(j))
      end
    end
    -- and as written out (the Content's actions: flowbranches_test.lua)
    local want = "a:ok:|NoMatchingError|QueueAtCapacity| b:bad:- c:ok:- d:bad:- e:bad:- f:ok:- a:ok:|NoMatchingError| "
      .. "#9:ok:- s:bad:- t:ok:- m:ok:|NoMatchingError| bye:ok:- #14:ok:- y:bad:-"
    local got = describe(g1, bad, errors)
    assert(got == want, got)
    -- no edge list was made for it
    for _, node in ipairs(g1.nodes) do assert(rawget(node, "edges") == nil, "branches made node.edges") end
    -- a node whose edges the rule's graph holds already is left to the rule
    local all = flowpaths.branches(g2)
    for j in ipairs(g2.nodes) do assert(all[j] == true, "a node with node.edges made is not left to the rule") end
    local g3 = flow.graph(content)
    local _ = g3.nodes[1].edges
    local bad3, errors3 = flowpaths.branches(g3)
    assert(bad3[1] == true and errors3[1] == nil, "node 1's made edges")
    for j = 2, #g3.nodes do assert(bad3[j] == bad[j] and errors3[j] == errors[j], "node " .. j) end
    -- a graph whose by_id a rule changed: the target's node is what counts
    local g4 = flow.graph(content)
    g4.by_id.c = nil
    local bad4 = flowpaths.branches(g4)
    assert(bad4[7] == true and bad4[8] == true and not bad4[1], "an edge to an Identifier by_id no longer holds")
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
