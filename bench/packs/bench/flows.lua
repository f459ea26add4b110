-- Benchmark rule: bridge.c's `flows` traversal through the real engine
-- (every action's Type and a few Parameters).
local function unencrypted_inputs(actions)
  local n = 0
  for _, a in ipairs(actions) do
    local p = a.Parameters
    if p and a.Type == "GetParticipantInput" and p.StoreInput == "True" and not p.InputEncryption then
      n = n + 1
    end
  end
  return n
end

return {
  id = "BENCH-FLOW-001",
  title = "Benchmark: stored customer input is encrypted",
  severity = "info",
  practice = "FLOW-6",
  controls = { BASELINE = { "FLOW-6" } },
  resource = "connect_contact_flow",
  rationale = "Not a compliance rule: it exists so that bench/run.sh can time the engine on the same traversal bench/bridge.c times.",
  remediation = "Nothing to do: this pack only runs when bench/run.sh names it.",
  check = function(r, ctx)
    local actions = ctx:need(r.data, "ContactFlow", "Content", "Actions")
    local n = unencrypted_inputs(actions)
    local ev = { path = "data/ContactFlow/Content/Actions", expected = "StoreInput only with InputEncryption",
                 observed = n }
    if n == 0 then
      ctx:pass(string.format("flow %s stores no unencrypted input", r.name), ev)
    else
      ctx:fail(string.format("flow %s stores input without encryption in %d block(s)", r.name, n), ev)
    end
  end,
}
