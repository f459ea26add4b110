-- lib/flow.lua set_effects (the engine's floweffects) asserted directly: the
-- effect of every action shape the flow language allows is the one
-- flow.effects (the Lua definition) gives, an override is asked as the Lua
-- loop asked it, and a second call keeps the tables unless a node's eff was
-- replaced.
local flow = require "flow"
return {
  id = "LIB-FLOWEFFECTS-001", title = "flow effects", severity = "info", practice = "FLOW-9",
  controls = { BASELINE = {"FLOW-9"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    local function same_as_lua(what)
      for _, n in ipairs(g.nodes) do
        for _, p in ipairs({ "logging", "recording" }) do
          assert(n.eff[p] == flow.effects[p](n), ("%s: %s %s: %s, Lua says %s"):format(what, n.id, p,
            tostring(n.eff[p]), tostring(flow.effects[p](n))))
        end
        for k in pairs(n.eff) do assert(k == "logging" or k == "recording", what .. ": key " .. tostring(k)) end
      end
    end
    flow.set_effects(g)
    same_as_lua("built-in")
    -- the cases below hold what they say (so the comparison above sees every branch)
    local want = { lEn = "on", lDis = "off", lDyn = "unknown", lNone = "unknown", lNum = "unknown", lArr = "unknown",
                   rOn = "on", rOff = "off", rNull = "off", rFalse = "off", rObj = "off", rStr = "unknown",
                   rIvrOn = "on", rIvrOdd = "unknown", rIvrNum = "unknown", rNoParts = "unknown",
                   rRbStr = "unknown", rNoRb = nil, rRbNull = "unknown", rArrParams = nil,
                   vOn = "on", vNone = nil, vStr = "unknown", vEmpty = nil, vNull = "unknown", mod = "unknown" }
    for id, e in pairs(want) do
      local n = g.by_id[id]
      local p = id:sub(1, 1) == "l" and "logging" or "recording"
      assert(n.eff[p] == e, ("%s %s: %s, expected %s"):format(id, p, tostring(n.eff[p]), tostring(e)))
    end
    -- the same effects again: the same tables
    local first, second = g.nodes[1].eff, g.nodes[2].eff
    flow.set_effects(g)
    assert(g.nodes[1].eff == first and g.nodes[2].eff == second, "a second call made new tables")
    -- a node whose eff was replaced (as BASE-FLOW-040 does) gets it again
    g.nodes[2].eff = { logging = "bogus" }
    flow.set_effects(g)
    same_as_lua("after a replaced eff")
    -- an override is asked about every node and property, in order; nil falls
    -- back to the built-in effect, "none" clears it
    local asked = {}
    local function over(n, p)
      asked[#asked + 1] = n.id .. ":" .. p
      if n.id == "lEn" then return "none" end
      if n.id == "say" then return p == "logging" and "on" or nil end
      return nil
    end
    flow.set_effects(g, over)
    assert(#asked == 2 * #g.nodes, #asked)
    assert(asked[1] == g.nodes[1].id .. ":logging" and asked[2] == g.nodes[1].id .. ":recording", asked[1])
    assert(g.by_id.lEn.eff.logging == nil and g.by_id.say.eff.logging == "on" and g.by_id.say.eff.recording == nil)
    assert(g.by_id.lDis.eff.logging == "off")
    -- the same override again is not asked again; another one is
    flow.set_effects(g, over)
    assert(#asked == 2 * #g.nodes, "asked again: " .. #asked)
    flow.set_effects(g)
    same_as_lua("back to the built-in")
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
