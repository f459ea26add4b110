-- attest: attestation items -- checklist practices no AWS API can show (quota
-- reviews, load tests, VDI sizing, IdP policies, repositories...). Each becomes
-- a rule on connect_instance that always reports `manual` with the question a
-- named person answers; `--attestations FILE` then records who answered what
-- (docs/waivers.md). The set of these findings is the pre-go-live checklist of
-- the HTML and Markdown reports.
--
-- API:
--   attest.rule(spec) -> a rule table (docs/policies.md). spec holds the rule's
--     metadata (id, title, severity, practice, controls, rationale, remediation)
--     plus:
--       question  the yes/no question, ending with "(PRACTICE)"; the finding's
--                 message is "instance NAME: QUESTION"
--       about     optional list of key paths into the instance's data that the
--                 question is about, e.g. { {"Instance", "OutboundCallsEnabled"},
--                 {"LambdaFunctions"} }; default { {"Instance", "Arn"} }.
--       expected  optional text for the evidence's `expected` (default "attested
--                 by a named person (--attestations)")
--     resource is always connect_instance: one item per instance, so a
--     prod and a dev instance are attested separately. The remediation gets
--     RECORD appended (how to record the answer).
--   attest.vdi(spec) -> attest.rule for an agent-VDI item (VDI-1 ... VDI-9): the
--     checklist's VDI practices share their rationale and remediation
--     (spec.rationale, when given, is appended to the shared one); controls
--     BASELINE = {practice}.
--
-- Evidence: every `about` path, read through ctx:need -- when the instance's
-- data was not collected the item is `error` (the question would be about an
-- instance the tool has not seen), never a bare manual.
local attest = {}

local DEFAULT_ABOUT = { { "Instance", "Arn" } }
local DEFAULT_EXPECTED = "attested by a named person (--attestations)"
attest.RECORD = " Then record the answer: an --attestations entry for this rule and instance (docs/waivers.md)."

function attest.rule(spec)
  assert(type(spec.question) == "string" and spec.question:find("%(" .. spec.practice:gsub("%-", "%%-") .. "%)"),
    spec.id .. ": the question must name its practice")
  local about = spec.about or DEFAULT_ABOUT
  local expected = spec.expected or DEFAULT_EXPECTED
  return {
    id = spec.id,
    title = spec.title,
    severity = spec.severity,
    practice = spec.practice,
    controls = spec.controls,
    resource = "connect_instance",
    rationale = spec.rationale,
    remediation = spec.remediation .. attest.RECORD,
    check = function(r, ctx)
      local evidence = {}
      for _, keys in ipairs(about) do
        ctx:need(r.data, table.unpack(keys))
        evidence[#evidence + 1] = { path = ctx:ptr(r.data, table.unpack(keys)), expected = expected }
      end
      ctx:manual("instance " .. tostring(r.name or r.arn) .. ": " .. spec.question, evidence)
    end,
  }
end

local VDI_RATIONALE = "Voice quality for agents on virtual desktops depends on the network and the "
  .. "desktop set-up between the agent and AWS, which no AWS API shows; the checklist makes it a "
  .. "pre-go-live item."
local VDI_REMEDIATION = "Follow the Amazon Connect admin guide's VDI and network guidance (Set up your "
  .. "network / Use Amazon Connect with VDI); measure with the CCP connectivity check from the agents' desks."

function attest.vdi(spec)
  local s = {}
  for k, v in pairs(spec) do s[k] = v end
  s.rationale = VDI_RATIONALE .. (spec.rationale and (" " .. spec.rationale) or "")
  s.remediation = VDI_REMEDIATION
  s.controls = { BASELINE = { spec.practice } }
  return attest.rule(s)
end

return attest
