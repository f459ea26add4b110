-- The engine's flowselect (behind flowrefs.actions), flownames (behind
-- BASE-FLOW-021's display names) and flowgraph's node ids and types
-- (auditor/policy/flowgraph.c) give what the Lua they replaced gives: each
-- is held here to that Lua, run beside it, on fresh graphs and on graphs a
-- rule changed.  ctest lib_test runs this with the parent's shared graphs
-- (the ids and types then come from the record's copies), lib_test_unshared
-- without.
local flow = require "flow"
local refs = require "flowrefs"

-- flowrefs.actions as it was, in Lua
local function lua_actions(g, types)
  local out = {}
  for _, node in ipairs(g.nodes) do
    if types[node.type] then out[#out + 1] = node end
  end
  return out
end

-- BASE-FLOW-021's loop as it was, in Lua
local function lua_names(g, am)
  local ids, names, keys = {}, {}, {}
  for _, node in ipairs(g.nodes) do
    local id = node.id
    local entry = am and type(id) == "string" and am[id]
    if flow.is_view(entry) then
      local dn = entry.displayName
      local key = dn ~= nil and "displayName" or "DisplayName"
      if type(dn) ~= "string" then dn = entry.DisplayName end
      if type(dn) == "string" then
        ids[#ids + 1], names[#names + 1], keys[#keys + 1] = id, dn, key
      end
    end
  end
  return ids, names, keys
end

local function same_list(a, b, what)
  assert(#a == #b, ("%s: %d items, the Lua gives %d"):format(what, #a, #b))
  for i = 1, #a do
    assert(rawequal(a[i], b[i]), ("%s: item %d is %s, the Lua gives %s"):format(what, i, tostring(a[i]), tostring(b[i])))
  end
end

local function same_actions(g, types, what)
  same_list(refs.actions(g, types), lua_actions(g, types), what)
end

local function same_names(g, am, what)
  local i1, n1, k1 = flownames(g, am)
  local i2, n2, k2 = lua_names(g, am)
  same_list(i1, i2, what .. " ids"); same_list(n1, n2, what .. " names"); same_list(k1, k2, what .. " keys")
  return #n1
end

return {
  id = "LIB-FLOWREADS-001", title = "flowselect, flownames, node ids and types", severity = "info", practice = "FLOW-2",
  controls = { BASELINE = {"FLOW-2"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local C = r.data.ContactFlow.Content
    local g = flow.graph(C)
    -- ids and types as the actions hold them (from the record's copies when it is there)
    local containers = 0
    for i = 1, #C.Actions do
      local a = C.Actions[i]
      if flow.is_view(a) then
        containers = containers + 1
        local n = g.by_index[i]
        local id = a.Identifier
        assert(n and n.index == i, "by_index " .. i)
        assert(n.id == (type(id) == "string" and id or nil), "node " .. i .. " id " .. tostring(n.id))
        assert(n.type == (type(a.Type) == "string" and a.Type or "?"), "node " .. i .. " type " .. tostring(n.type))
      else
        assert(g.by_index[i] == nil, "by_index " .. i .. " is no action")
      end
    end
    assert(#g.nodes == containers, "#g.nodes")
    for _, n in ipairs(g.duplicates) do assert(g.by_id[n.id] ~= n and g.by_id[n.id].index < n.index, "duplicate " .. n.index) end

    local T = { MessageParticipant = true, ["?"] = true }
    same_actions(g, T, "fresh graph")
    same_actions(g, { Nothing = true }, "no such type")
    same_actions(g, setmetatable({}, { __index = function(_, k) return k == "DisconnectParticipant" end }),
      "types with __index")
    assert(#refs.actions(g, T) > 1, "the case has MessageParticipant blocks")
    -- a graph the rule changed: a node taken out, one's type changed, a plain table put in
    local g2 = flow.graph(C)
    table.remove(g2.nodes, 1)
    g2.nodes[1].type = "MessageParticipant"
    table.insert(g2.nodes, 2, { type = "MessageParticipant", id = "mine" })
    same_actions(g2, T, "changed graph")
    -- g.nodes read through __index (ipairs honours it)
    local g3 = { nodes = setmetatable({}, { __index = function(_, i) return g.nodes[i] end }) }
    same_actions(g3, T, "nodes through __index")
    -- an item that is no table: the same error as the Lua loop's
    local g4 = flow.graph(C)
    g4.nodes[2] = 7
    local ok1, e1 = pcall(refs.actions, g4, T)
    local ok2, e2 = pcall(lua_actions, g4, T)
    assert(not ok1 and not ok2 and e1:match("attempt to index a number value"), tostring(e1) .. " / " .. tostring(e2))
    ok1, e1 = pcall(refs.actions, g, nil)
    ok2, e2 = pcall(lua_actions, g, nil)
    assert(not ok1 and not ok2 and e1:match("attempt to index a nil value"), tostring(e1) .. " / " .. tostring(e2))

    local am = C.Metadata.ActionMetadata
    local found = same_names(g, am, "names")
    assert(found == r.data.Names, ("%d names found, the case has %s"):format(found, tostring(r.data.Names)))
    same_names(g, nil, "no ActionMetadata")
    same_names(g, C.Actions, "an array for ActionMetadata")
    same_names(g2, am, "names of a changed graph")
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
