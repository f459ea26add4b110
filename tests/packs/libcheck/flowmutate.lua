-- A rule that changes its graph before searching it gets the answer of the
-- graph it made, with or without the parent's shared graphs
-- (docs/design-shared-graphs.md): those stand in for the node.succ lists the
-- rule has not made only while g.nodes and g.by_id are the ones flowgraph()
-- built.  ctest lib_test runs this with them, lib_test_unshared without.
local flow = require "flow"
local function ids(g, seen)
  local out = {}
  for _, n in ipairs(g.nodes) do if seen[n.index] then out[#out + 1] = n.id end end
  return table.concat(out, ",")
end
return {
  id = "LIB-FLOWMUT-001", title = "flow graph mutations", severity = "info", practice = "FLOW-9",
  controls = { BASELINE = {"FLOW-9"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local C = r.data.ContactFlow.Content
    if r.name == "odd" then
      -- a `to` that is an object or an array is a view at its place (made
      -- through the action's view), and no successor: only the error edge to y is
      local x = flow.graph(C).by_id.x
      local e, c = x.edges[1], x.edges[2]
      assert(e.kind == "next" and flow.is_view(e.to), type(e.to))
      assert(ctx:ptr(e.to):sub(-23) == "/Transitions/NextAction", ctx:ptr(e.to))
      assert(c.kind == "condition" and flow.is_view(c.to) and c.to[1] == "y", type(c.to))
      assert(ctx:ptr(c.to):sub(-36) == "/Transitions/Conditions/0/NextAction", ctx:ptr(c.to))
      assert(#x.succ == 1 and x.succ[1] == x.edges[3] and x.edges[3].to == "y")
      ctx:pass("ok", { path = "data", note = "the assertions above held" })
      return
    end
    -- a -> h(True: q1, False: b) ; b -> q2 ; q1 err -> a ; q2 -> t -> bye ; c -> q3 -> bye
    local g = flow.graph(C)
    assert(ids(g, flow.reachable(g)) == "a,h,b,q1,q2,t,bye", ids(g, flow.reachable(g)))
    -- by_id changed before any succ list is made: b's edge "q2" leads to c
    g = flow.graph(C); g.by_id.q2 = g.by_id.c
    assert(ids(g, flow.reachable(g)) == "a,h,b,q1,c,q3,bye", ids(g, flow.reachable(g)))
    -- an Identifier taken out of by_id: b's edge dangles
    g = flow.graph(C); g.by_id.q2 = nil
    assert(ids(g, flow.reachable(g)) == "a,h,b,q1", ids(g, flow.reachable(g)))
    -- a node of another graph of the same Content in g.nodes: its edges lead
    -- to that graph's nodes, which are none of g's
    g = flow.graph(C)
    local other = flow.graph(C)
    for k, n in ipairs(g.nodes) do if n.id == "b" then g.nodes[k] = other.nodes[k] end end
    local ok, err = pcall(flow.reachable, g)
    assert(not ok and tostring(err):find("leads to no node of g.nodes", 1, true), tostring(err))
    -- a succ list the rule replaced, and another start
    g = flow.graph(C); g.by_id.h.succ = {}
    assert(ids(g, flow.reachable(g)) == "a,h", ids(g, flow.reachable(g)))
    g = flow.graph(C); g.start = g.by_id.c
    assert(ids(g, flow.reachable(g)) == "c,q3,bye", ids(g, flow.reachable(g)))
    -- a start whose index is a metamethod that puts it in g.nodes in place
    -- of the start node: the search follows its succ (the metamethod's, none),
    -- not the shared graph's successors of the node it replaced
    g = flow.graph(C)
    do
      local k0, i0 = nil, g.start.index
      for k, n in ipairs(g.nodes) do if rawequal(n, g.start) then k0 = k end end
      local proxy = {}
      setmetatable(proxy, { __index = function(t, key)
        if key == "index" then g.nodes[k0] = t; return i0 end
        if key == "succ" then return {} end
        if key == "id" then return "P" end
      end })
      g.start = proxy
    end
    assert(ids(g, flow.reachable(g)) == "P", ids(g, flow.reachable(g)))
    -- an eff with a metamethod that changes by_id when flowstates reads it:
    -- the search takes the graph as it is after (b's edge "q2" leads to c)
    g = flow.graph(C)
    flow.set_effects(g)
    g.by_id.b.eff = setmetatable({}, { __index = function() g.by_id.q2 = g.by_id.c end })
    local st = flow.states_from(g, "logging", { true })
    assert(ids(g, st) == "a,h,b,q1,c,q3,bye", ids(g, st))
    -- every_path_passes hands is_gate the very edge tables node.edges and
    -- node.succ hold afterwards, each with its edge.node
    g = flow.graph(C)
    local asked = {}
    local res = flow.every_path_passes(g, function(n) return n.type == "TransferContactToQueue" end,
      function(n, e) asked[#asked + 1] = { n = n, e = e }; return n.id == "h" and e.kind == "condition" end)
    -- (h's error branch leads to b too: q2 is reached ungated)
    assert(#res == 2 and res[1].node.id == "q1" and res[1].ok and res[2].node.id == "q2" and not res[2].ok)
    local from = {}
    for i, x in ipairs(asked) do from[i] = x.n.id .. ":" .. x.e.kind end
    from = table.concat(from, ",")
    assert(from == "a:next,h:condition,h:condition,h:error,b:next,q2:error,t:error", from)
    for _, x in ipairs(asked) do
      local inside = 0
      for _, e in ipairs(x.n.succ) do if rawequal(e, x.e) then inside = inside + 1 end end
      for _, e in ipairs(x.n.edges) do if rawequal(e, x.e) then inside = inside + 1 end end
      assert(inside == 2, x.n.id .. ": an edge is_gate got is not in node.succ and node.edges")
      assert(rawequal(x.e.node, g.by_id[x.e.to]), x.n.id)
    end
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
