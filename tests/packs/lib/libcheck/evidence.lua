-- libcheck.evidence -- for the rules of tests/packs/libcheck, which end each
-- message with " | evidence: PATH, …" so their cases can check the evidence.
-- Found because a pack's require looks in its parent's lib/ (here
-- tests/packs/lib/) before the built-in policies/lib; the name is kept apart
-- from every built-in module so none of the libraries under test is shadowed.
--   evidence.paths(ev)   the path of each evidence item, joined by ", "
local M = {}

function M.paths(ev)
  local out = {}
  for i, e in ipairs(ev) do out[i] = tostring(e.path) end
  return table.concat(out, ", ")
end

return M
