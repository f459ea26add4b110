-- flow.analytics -- Contact Lens settings of a flow's recording blocks:
-- whether a block turns analytics on (BASE-FLOW-040, FLOW-8) and whether it
-- redacts what the transcripts keep (PCI-FLOW-005, PCI-2). The blocks, as
-- reference/flow-language.md gives them and the flows under tests/data show:
--   UpdateContactRecordingBehavior: AnalyticsBehavior{Enabled,
--     AnalyticsRedactionBehavior "Enabled"|"Disabled", AnalyticsRedactionResults
--     "RedactedOnly"|"RedactedAndOriginal"|"None", AnalyticsRedactionEntities [..]}
--   UpdateContactRecordingAndAnalyticsBehavior: VoiceBehavior.VoiceAnalyticsBehavior
--     {AnalyticsModes, ConversationalAnalyticsRedactionConfiguration{Enabled,
--     RedactionResults, RedactionEntities}}; ChatBehavior{...} (its redaction
--     settings are not documented in the reference: read by a person)
-- No entity list = every PII entity redacted; "RedactedAndOriginal" keeps a
-- clear copy of the transcript beside the redacted one.
--
-- API:
--   M.state(ab)      AnalyticsBehavior / VoiceAnalyticsBehavior view ->
--                    "on" | "off" | "unknown" | nil (the block leaves it alone)
--   M.blocks(node)   -> list of {channel, analytics (view), redaction = {enabled,
--                    results, entities, at (view holding them)}} for one action
--                    node that may turn Contact Lens on (empty when it does not)
--   M.TYPES          set of the action types M.blocks reads (it answers {} for any
--                    other, without reading the action's Parameters)
--   M.judge(r, need) -> "ok" | "bad" | "unknown", reason; r one redaction
--                    table of M.blocks; `need` the entity names the redaction
--                    must cover when it lists entities ("ALL" covers all)
local flow = require "flow"

local M = {}

-- AnalyticsBehavior / VoiceAnalyticsBehavior -> "on" | "off" | "unknown" | nil
function M.state(ab)
  if ab == nil then return nil end
  if ab == false then return "off" end
  if not flow.is_view(ab) then return "unknown" end
  local en = ab.Enabled
  if en ~= nil then
    if en == false then return "off" end
    if type(en) == "string" and not flow.is_dynamic(en) then
      local l = en:lower()
      if l == "true" then return "on" end
      if l == "false" then return "off" end
    end
    if en == true then return "on" end
    return "unknown"
  end
  local modes = ab.AnalyticsModes
  if modes == false then return "off" end
  if not flow.is_view(modes) then return "unknown" end
  for _, m in ipairs(modes) do
    if type(m) ~= "string" or flow.is_dynamic(m) then return "unknown" end
  end
  return #modes > 0 and "on" or "off"
end


local function lower(v)
  if type(v) ~= "string" or flow.is_dynamic(v) then return nil end
  return v:lower()
end

-- Only these actions hold analytics settings: a rule asks M.TYPES[node.type]
-- first, so the other actions' Parameters are never read (issue 12: a view of
-- every action was most of PCI-FLOW-005's cost).
M.TYPES = { UpdateContactRecordingBehavior = true, UpdateContactRecordingAndAnalyticsBehavior = true }

function M.blocks(node)
  if not M.TYPES[node.type] then return {} end
  local p, out = node.params, {}
  if not p then return out end
  if node.type == "UpdateContactRecordingBehavior" then
    local ab = p.AnalyticsBehavior
    if ab ~= nil then
      out[1] = { channel = "voice", analytics = ab, redaction = flow.is_view(ab) and {
        enabled = ab.AnalyticsRedactionBehavior, results = ab.AnalyticsRedactionResults,
        entities = ab.AnalyticsRedactionEntities, at = ab } or nil }
    end
  elseif node.type == "UpdateContactRecordingAndAnalyticsBehavior" then
    local vb = flow.is_view(p.VoiceBehavior) and p.VoiceBehavior.VoiceAnalyticsBehavior
    if vb then
      local c = flow.is_view(vb) and vb.ConversationalAnalyticsRedactionConfiguration
      out[#out + 1] = { channel = "voice", analytics = vb, redaction = flow.is_view(c) and {
        enabled = c.Enabled, results = c.RedactionResults, entities = c.RedactionEntities, at = c } or
        (c == nil and { at = vb } or nil) }
    end
    if p.ChatBehavior ~= nil then out[#out + 1] = { channel = "chat", analytics = p.ChatBehavior } end
  end
  return out
end

function M.judge(r, need)
  if not r then return "unknown", "the redaction settings cannot be read" end
  local en = r.enabled
  local l = lower(en)
  if en == nil or en == false or l == "disabled" or l == "false" then return "bad", "redaction is off" end
  if not (en == true or l == "enabled" or l == "true") then return "unknown", "redaction is " .. tostring(en) end
  local res = lower(r.results)
  if res == "redactedandoriginal" then return "bad", "the unredacted transcript is kept too (RedactedAndOriginal)" end
  if res ~= "redactedonly" then return "unknown", "the results kept are " .. tostring(r.results or "not set") end
  local ents = r.entities
  if ents == nil or ents == false then return "ok", "every PII entity redacted, redacted transcript only" end
  if not flow.is_view(ents) then return "unknown", "the entity list is " .. tostring(ents) end
  local have = {}
  for _, e in ipairs(ents) do
    local u = type(e) == "string" and not flow.is_dynamic(e) and e:upper() or nil
    if not u then return "unknown", "an entity is chosen at run time" end
    have[u] = true
  end
  if #ents == 0 or have.ALL then return "ok", "every PII entity redacted, redacted transcript only" end
  local missing = {}
  for _, n in ipairs(need) do if not have[n:upper()] then missing[#missing + 1] = n end end
  if #missing > 0 then return "bad", "the entities redacted leave out " .. table.concat(missing, ", ") end
  return "ok", "card entities redacted, redacted transcript only"
end

return M
