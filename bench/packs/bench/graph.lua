-- Benchmark rule: bridge.c's `graph` traversal through the real engine
-- (index the actions, then walk every edge from StartAction).
local function push_all(stack, list)
  if not list then return end
  for _, e in ipairs(list) do stack[#stack + 1] = e.NextAction end
end

local function reachable(content)
  local byid = {}
  for _, a in ipairs(content.Actions) do byid[a.Identifier] = a end
  local seen, stack, n = {}, { content.StartAction }, 0
  while #stack > 0 do
    local id = stack[#stack]
    stack[#stack] = nil
    local a = byid[id]
    if a and not seen[id] then
      seen[id] = true
      n = n + 1
      local tr = a.Transitions or {}
      if tr.NextAction then stack[#stack + 1] = tr.NextAction end
      push_all(stack, tr.Errors)
      push_all(stack, tr.Conditions)
    end
  end
  return n
end

return {
  id = "BENCH-FLOW-002",
  title = "Benchmark: every action is reachable from StartAction",
  severity = "info",
  practice = "FLOW-7",
  controls = { BASELINE = { "FLOW-7" } },
  resource = "connect_contact_flow",
  rationale = "Not a compliance rule: it exists so that bench/run.sh can time the engine on the same traversal bench/bridge.c times.",
  remediation = "Nothing to do: this pack only runs when bench/run.sh names it.",
  check = function(r, ctx)
    local content = ctx:need(r.data, "ContactFlow", "Content")
    ctx:need(content, "Actions")
    local n, total = reachable(content), #content.Actions
    local ev = { path = "data/ContactFlow/Content/Actions", expected = "every action reachable", observed = n }
    if n == total then
      ctx:pass(string.format("flow %s: all %d actions reachable", r.name, total), ev)
    else
      ctx:fail(string.format("flow %s: %d of %d actions reachable", r.name, n, total), ev)
    end
  end,
}
