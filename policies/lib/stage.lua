-- stage: the deployment stage an Amazon Connect instance alias names (DEV-1,
-- DEV-2). Used by BASE-DEV-001 (the alias carries a stage) and BASE-DEV-002
-- (one stage per account).
--
-- API:
--   stage.of(alias, suffixes) -> the suffix (as written in `suffixes`) and how it
--       matched ("after a separator" | "as a camelCase word"), or nil.
--       A suffix counts when it ends the alias, compared without case, and either
--       follows a separator (- _ .) or starts a capitalised word after a lower-case
--       letter or digit ("acmeStaging"). "acmeprod" gives nil (a run-on word cannot
--       be told from "reprod"), and so does a bare "prod" (no name with the stage).
--       Longer suffixes are not preferred over shorter ones: the first in list
--       order that matches wins, so list "preprod" before "prod".
local stage = {}

function stage.of(alias, suffixes)
  if type(alias) ~= "string" then return nil end
  local lower = alias:lower()
  for _, s in ipairs(suffixes or {}) do
    local n = #s
    if n > 0 and #alias > n + 1 and lower:sub(-n) == s:lower() then
      local before, first = alias:sub(-n - 1, -n - 1), alias:sub(-n, -n)
      if before:match("[-_.]") then return s, "after a separator" end
      if first:match("%u") and before:match("[%l%d]") then return s, "as a camelCase word" end
    end
  end
  return nil
end

return stage
