-- lib/flow.lua every_path_passes, lib/flow/routing.lua and lib/flow/xflow.lua
-- asserted directly on the case's flow (built with testkit.flow).
local flow = require "flow"
local routing = require "flow.routing"
local xflow = require "flow.xflow"
return {
  id = "LIB-FLOWPATHS-001", title = "flow paths", severity = "info", practice = "FLOW-9",
  controls = { BASELINE = {"FLOW-9"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    if r.name ~= "main" then ctx:skip("not under test"); return end
    local g = flow.load(ctx, r)
    -- a -> gate(True: q1, False: b) ; b -> q2 ; q1 err -> a (cycle) ; c unreachable -> q3
    local res = flow.every_path_passes(g, routing.is_queue_end, routing.hours_gate)
    assert(#res == 2, #res) -- q3 is unreachable: left out
    assert(res[1].node.id == "q1" and res[1].ok and res[1].path == nil)
    assert(res[2].node.id == "q2" and not res[2].ok)
    assert(flow.path_text(res[2].path) == "a -> h -> b -> q2", flow.path_text(res[2].path))
    -- a node-level gate ignores the edge: every path passes "h"
    for _, x in ipairs(flow.every_path_passes(g, routing.is_queue_end, function(n) return n.id == "h" end)) do
      assert(x.ok, x.node.id)
    end
    -- nothing is a gate: every reachable target fails, with a shortest path
    local none = flow.every_path_passes(g, routing.is_queue_end, function() return false end)
    assert(not none[1].ok and flow.path_text(none[1].path) == "a -> h -> q1")
    -- the same searches with tables keyed by node.index (flowpaths.passes):
    -- a function entry is asked about that node's edges, true passes them all,
    -- no entry or false none
    local function text(list)
      local t = {}
      for _, x in ipairs(list) do t[#t + 1] = x.node.id .. (x.ok and ":ok" or (":" .. flow.path_text(x.path))) end
      return table.concat(t, " ")
    end
    local gt = flow.graph(g.content)
    local ends = routing.targets(gt, routing.is_queue_end)
    assert(ends[4] and ends[5] and ends[7] and not ends[1], "targets by node.index")
    local hours = routing.gates_on(gt, routing.HOURS, routing.hours_gate)
    assert(text(flow.every_path_passes(gt, ends, hours)) == "q1:ok q2:a -> h -> b -> q2", text(flow.every_path_passes(gt, ends, hours)))
    assert(text(flow.every_path_passes(gt, ends, { [gt.by_id.h.index] = true })) == "q1:ok q2:ok")
    assert(text(flow.every_path_passes(gt, ends, {})) == "q1:a -> h -> q1 q2:a -> h -> b -> q2")
    assert(text(flow.every_path_passes(gt, ends, { [gt.by_id.h.index] = false })) == text(flow.every_path_passes(gt, ends, {})))
    -- the same on a graph whose lists are made (the searches follow node.succ)
    local gm = flow.graph(g.content)
    for _, n in ipairs(gm.nodes) do local _ = n.succ end
    local hm = routing.gates_on(gm, routing.HOURS, routing.hours_gate)
    assert(text(flow.every_path_passes(gm, routing.targets(gm, routing.is_queue_end), hm)) == "q1:ok q2:a -> h -> b -> q2")
    assert(text(flow.every_path_passes(gm, routing.targets(gm, routing.is_queue_end), { [gm.by_id.h.index] = true }))
      == "q1:ok q2:ok")
    -- and as the functions answer
    assert(text(flow.every_path_passes(g, routing.is_queue_end, routing.hours_gate)) == "q1:ok q2:a -> h -> b -> q2")
    local I = routing.instance_of(r.arn)
    assert(routing.flow_target(I, "f1") == I .. "/contact-flow/f1")
    assert(routing.flow_target(I, I .. "/contact-flow/f1") == I .. "/contact-flow/f1")
    assert(select(2, routing.flow_target(I, "$.Attributes.f")) == "dynamic")
    assert(select(2, routing.flow_target(I, "arn:aws:connect:us-east-1:1:instance/x/contact-flow/f")) == "foreign")
    assert(select(2, routing.flow_target(I, "a/b")) == "invalid" and select(2, routing.flow_target(I, nil)) == "invalid")
    assert(routing.module_target(I, "m1") == I .. "/flow-module/m1")
    -- reaches_human: from b the queue q2 is reachable; with q2 blocked nothing is
    local ans, path = routing.reaches_human(ctx, g, g.by_id.b, nil, I, r.arn)
    assert(ans == "yes" and flow.path_text(path) == "b -> q2")
    assert(routing.reaches_human(ctx, g, g.by_id.b, { arn = r.arn, node = g.by_id.q2 }, I, r.arn) == "no")
    -- xflow: "sub" is transferred to from "main" (logging on there)
    local sub = ctx:lookup("connect_contact_flow", I .. "/contact-flow/sub")
    local gs = flow.graph(sub.data.ContactFlow.Content)
    local X = xflow.run(ctx, sub, gs, 1)
    assert(X.flows == 2 and X.starts.logging[1] == true and X.starts.logging[2] == false)
    local kinds = {}
    for _, s in ipairs(X.sources.logging) do kinds[#kinds + 1] = s.kind .. ":" .. tostring(s.on) end
    assert(table.concat(kinds, ",") == "default:false,caller:true", table.concat(kinds, ","))
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
