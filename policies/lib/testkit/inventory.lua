-- testkit.inventory -- the shared cases of the inventory questions (BASE-CW-012,
-- PII-INT-001: lib/eligibility.lua ask_inventory). For test files only.
local ak = require "testkit.attest"
local iv = {}

function iv.cases(practice)
  return {
    { name = "the inventory is listed and the question asked", resource = ak.instance(),
      expect = "manual", message = "6 integration point(s) in the snapshot: the instance " .. ak.ARN },
    { name = "the question names the practice", resource = ak.instance(), expect = "manual",
      message = "(" .. practice .. ")" },
    { name = "approved origins are listed", resource = ak.instance(), expect = "manual",
      message = "1 approved origin(s): https://agent.acme.example" },
    { name = "a storage type not collected: error, not a partial inventory",
      resource = ak.instance({ StorageConfigs = { CALL_RECORDINGS = {} } }),
      expect = "error", message = "the inventory is incomplete" },
    { name = "approved origins not collected: error",
      resource = ak.instance(nil, { "ApprovedOrigins" }), errors = ak.denied("connect:ListApprovedOrigins"),
      expect = "error", message = "AccessDeniedException" },
    { name = "LexBots not collected: error",
      resource = ak.instance(nil, { "LexBots" }), expect = "error", message = "LexBots" },
  }
end

return iv
