-- viewleaves (auditor/policy/view.c) asserted against the walk through views
-- it replaced in BASE-FLOW-024 (below, the specification): the same leaves in
-- the same order with the same keys, key and above; the depth limit; the
-- selection.
local refs = require "flowrefs"
local function is_view(v) return type(v) == "userdata" end

-- String leaves: arrays in order, objects by sorted name, `depth` levels at most.
local function walk(v, keys, out, key, above, depth, max)
  if type(v) == "string" then
    out[#out + 1] = { value = v, keys = keys, key = key, above = above }
  elseif is_view(v) and depth < max then
    if #v > 0 then
      for i, x in ipairs(v) do
        local k = table.move(keys, 1, #keys, 1, {}); k[#k + 1] = i
        walk(x, k, out, key, above, depth + 1, max)
      end
    else
      for _, name in ipairs(refs.sorted_keys(v)) do
        local k = table.move(keys, 1, #keys, 1, {}); k[#k + 1] = name
        walk(v[name], k, out, name, keys[#keys], depth + 1, max)
      end
    end
  end
  return out
end

local function same(a, b, what)
  assert(#a == #b, ("%s: %d leaves, the walk finds %d"):format(what, #a, #b))
  for i = 1, #a do
    local x, y = a[i], b[i]
    assert(x.value == y.value and x.key == y.key and x.above == y.above and #x.keys == #y.keys,
      ("%s: leaf %d: %s %s %s, the walk: %s %s %s"):format(what, i, x.value, tostring(x.key), tostring(x.above),
        y.value, tostring(y.key), tostring(y.above)))
    for j = 1, #x.keys do assert(x.keys[j] == y.keys[j], ("%s: leaf %d key %d"):format(what, i, j)) end
  end
end

return {
  id = "LIB-VIEWLEAVES-001", title = "view leaves", severity = "info", practice = "FLOW-9",
  controls = { BASELINE = {"FLOW-9"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local p = r.data.ContactFlow.Content.Actions[1].Parameters
    for _, max in ipairs({ 0, 1, 2, 3, 8 }) do
      same(viewleaves(p, { path = { "Parameters" }, max_depth = max }), walk(p, { "Parameters" }, {}, nil, nil, 0, max),
        "max_depth " .. max)
    end
    same(viewleaves(p), walk(p, {}, {}, nil, nil, 0, 8), "no opts")
    local all = viewleaves(p, { path = { "Parameters" } })
    -- sorted members, array items in order, nested arrays keep the member
    local text = {}
    for _, l in ipairs(all) do text[#text + 1] = table.concat(l.keys, ".", 2) .. "=" .. l.value end
    assert(table.concat(text, " ") == "A=a B.1=b1 B.2.1=b21 C.x.y=cxy EventHooks.CustomerQueue=q Z=z",
      table.concat(text, " "))
    assert(all[3].key == "B" and all[3].above == "Parameters" and all[5].key == "CustomerQueue"
      and all[5].above == "EventHooks")
    -- selection: any of the four keeps a leaf
    local function sel(opts)
      local t = {}
      opts.path = { "Parameters" }
      for _, l in ipairs(viewleaves(p, opts)) do t[#t + 1] = l.value end
      return table.concat(t, " ")
    end
    assert(sel({ names = { B = true } }) == "b1 b21", sel({ names = { B = true } }))
    assert(sel({ parents = { EventHooks = true } }) == "q")
    assert(sel({ contains = "x" }) == "cxy")
    assert(sel({ starts = "b" }) == "b1 b21")
    assert(sel({ names = { A = true }, starts = "z" }) == "a z")
    assert(not pcall(viewleaves, p, { max_depth = 33 }) and not pcall(viewleaves, "x"))
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
