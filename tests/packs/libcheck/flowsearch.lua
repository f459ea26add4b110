-- flowpaths.paths (auditor/policy/flowpaths.c): every (from, target,
-- blocked) of the case's flow searched at once and compared with the Lua
-- search BASE-FLOW-002 ran before (path_back, over node.succ), on a fresh
-- graph, on one whose succ lists are made, and on one whose lists a rule
-- replaced; and some answers written out.
local flow = require "flow"

local function path_back(from, target, blocked)
  if from == target then return { from } end
  if blocked(from) then return nil end
  local prev, queue, head = { [from.index] = false }, { from }, 1
  while head <= #queue do
    local node = queue[head]; head = head + 1
    for _, e in ipairs(node.succ) do
      local n = e.node
      if prev[n.index] == nil and (n == target or not blocked(n)) then
        prev[n.index] = node
        if n == target then
          local path, cur = {}, n
          while cur do table.insert(path, 1, cur); cur = prev[cur.index] or nil end
          return path
        end
        queue[#queue + 1] = n
      end
    end
  end
  return nil
end

local BLOCKED = { false, { Loop = true }, { Loop = true, Compare = true }, { GetParticipantInput = true } }

local function text(p) return p and flow.path_text(p) or "-" end

local function all(g)
  local q = {}
  for _, a in ipairs(g.nodes) do
    for _, b in ipairs(g.nodes) do
      for _, bl in ipairs(BLOCKED) do q[#q + 1] = { a, b, bl or nil } end
    end
  end
  return q
end

-- C answers for g (searched first, before any list is made) against Lua
-- answers on g2 (same Content, or g itself after the searches)
local function same(g, g2, what)
  local q = all(g)
  local got = flowpaths.paths(g, q)
  assert(#got == #q, what .. ": one answer per query")
  local q2 = all(g2)
  for i, x in ipairs(q2) do
    local bl = x[3]
    local want = path_back(x[1], x[2], function(n) return bl ~= nil and bl[n.type] == true end)
    assert(text(got[i] or nil) == text(want), ("%s: %s -> %s blocking %s: %s, Lua says %s"):format(what,
      tostring(x[1].id), tostring(x[2].id), bl and next(bl) or "none", text(got[i] or nil), text(want)))
    assert(got[i] == false or got[i][1] == q[i][1], what .. ": a path starts at its from")
  end
end

return {
  id = "LIB-FLOWSEARCH-001", title = "flowpaths.paths", severity = "info", practice = "FLOW-7",
  controls = { BASELINE = {"FLOW-7"} }, resource = flow.TYPES, rationale = "r", remediation = "m",
  check = function(r, ctx)
    local content = flow.content(ctx, r)
    local g = flow.graph(content)
    local B = g.by_id
    local res = flowpaths.paths(g, { { B.s, B.s }, { B.cmp, B.s }, { B.loop, B.s, { Loop = true } },
      { B.loop, B.s, { Compare = true } }, { B.m, B.bye }, { B.bye, B.s }, { B.cmp, B.s, { GetParticipantInput = true } },
      { B.gone2, B.bye }, { B.m, B.s, { Compare = true, Loop = true } } })
    local t = {}
    for i, p in ipairs(res) do t[i] = text(p or nil) end
    local want = "s | cmp -> s | - | - | m -> bye | - | cmp -> s | gone2 -> m -> bye | m -> s"
    assert(table.concat(t, " | ") == want, table.concat(t, " | "))
    same(g, flow.graph(content), "fresh")
    -- the lists made: the searches follow them
    same(g, g, "made")
    -- a rule replaced a list: s leads to bye first now
    local g3 = flow.graph(content)
    local s3 = g3.by_id.s
    local succ = {}
    for i = #s3.succ, 1, -1 do succ[#succ + 1] = s3.succ[i] end
    rawset(s3, "succ", succ)
    same(g3, g3, "replaced")
    ctx:pass("ok", { path = "data", note = "the assertions above held" })
  end,
}
