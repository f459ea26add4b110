-- Benchmark rule: bridge.c's `users` traversal through the real engine.
local function count_ids(ids)
  local n = 0
  for _, id in ipairs(ids) do
    if #id == 36 then n = n + 1 end   -- a UUID, as Amazon Connect IDs are
  end
  return n
end

return {
  id = "BENCH-USR-001",
  title = "Benchmark: every user has a security profile",
  severity = "info",
  practice = "USR-1",
  controls = { BASELINE = { "USR-1" } },
  resource = "connect_user",
  rationale = "Not a compliance rule: it exists so that bench/run.sh can time the engine on the same traversal bench/bridge.c times.",
  remediation = "Nothing to do: this pack only runs when bench/run.sh names it.",
  check = function(r, ctx)
    local ids = ctx:need(r.data, "User", "SecurityProfileIds")
    local n = count_ids(ids)
    local ev = { path = "data/User/SecurityProfileIds", expected = "at least one security profile ID" }
    if n > 0 then
      ctx:pass(string.format("user %s has %d security profile(s)", r.name, n), ev)
    else
      ctx:fail(string.format("user %s has no security profile", r.name), ev)
    end
  end,
}
