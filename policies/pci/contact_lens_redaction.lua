-- PCI-FLOW-005 (PCI-2): Contact Lens transcripts keep no card data. A flow
-- block that turns Contact Lens on (lib/flow/analytics.lua) must redact PII
-- and keep the redacted transcript only: AnalyticsRedactionBehavior
-- "Enabled" with AnalyticsRedactionResults "RedactedOnly" (or, in "Set
-- recording, analytics and processing behavior", ConversationalAnalytics-
-- RedactionConfiguration Enabled with RedactionResults "RedactedOnly"), and a
-- list of entities, when one is given, that names contact_lens_card_entities
-- (no list, or ALL: every PII entity). DTMF digits are not speech, so what
-- puts card data in a transcript is a caller speaking it -- to an agent, or a
-- bot: the pack parameter agents_hear_card_data states whether that happens
-- (default true: agent-assisted payments, PCI-5) and decides a block without
-- card redaction (fail, or pass naming the parameter when it is false).
--   * every reachable block, in document order; blocks only on unreachable
--     actions are not judged;
--   * a JSONPath, an unknown value, a block without readable redaction
--     settings, or chat settings (ChatBehavior: not in the reference) ->
--     manual, naming what a person must check;
--   * no block turns Contact Lens on -> skipped (nothing is transcribed here;
--     BASE-FLOW-040 asks whether it should be).
-- One finding per flow or module: fail > manual > pass.
local flow = require "flow"
local analytics = require "flow.analytics"

local EXPECTED = "Contact Lens redaction Enabled, RedactedOnly, entities covering the card number and CVV (or all)"

return {
  id = "PCI-FLOW-005",
  title = "Contact Lens redacts card data from the transcripts it keeps",
  severity = "high",
  practice = "PCI-2",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1", "3.5.1" }, BASELINE = { "PCI-2" } },
  resource = flow.TYPES,
  rationale = "Contact Lens transcribes every word of the calls it analyses and keeps the transcript in the " ..
    "instance's bucket; a card number or verification code spoken to an agent or a bot is then stored in " ..
    "clear unless redaction removes it. RedactedAndOriginal keeps the clear transcript beside the redacted one.",
  remediation = "Flow designer > the Set recording and analytics behavior block > Contact Lens speech analytics: " ..
    "Enable redaction of sensitive data, 'Redacted only', and either all PII or at least the card number and " ..
    "CVV entities; publish the flow. A flow's Content shows it as AnalyticsBehavior " ..
    "{\"AnalyticsRedactionBehavior\":\"Enabled\",\"AnalyticsRedactionResults\":\"RedactedOnly\"}.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local reach = flow.reachable(g)
    local spoken = ctx.params.agents_hear_card_data ~= false
    local need = ctx.params.contact_lens_card_entities or {}
    local bad, unsure, good, ev = {}, {}, {}, {}
    for _, node in ipairs(g.nodes) do
      if reach[node.index] and analytics.TYPES[node.type] then
        for _, b in ipairs(analytics.blocks(node)) do
          local where = flow.describe(g, node)
          local state = b.channel == "voice" and analytics.state(b.analytics) or "unknown"
          if state == "on" or state == "unknown" then
            local verdict, why
            if b.channel == "chat" then
              verdict, why = "unknown", "chat analytics settings (ChatBehavior) are not read by this rule"
            else
              verdict, why = analytics.judge(b.redaction, need)
            end
            if state == "unknown" and verdict ~= "ok" then
              verdict, why = "unknown", "whether it turns Contact Lens on is decided at run time, and " .. why
            end
            ev[#ev + 1] = { path = ctx:ptr((b.redaction and b.redaction.at) or b.analytics), expected = EXPECTED,
                            note = where .. ": " .. why }
            local text = where .. " (" .. why .. ")"
            if verdict == "ok" then good[#good + 1] = text
            elseif verdict == "bad" then bad[#bad + 1] = text
            else unsure[#unsure + 1] = text end
          end
        end
      end
    end
    if #ev == 0 then
      return ctx:skip(name .. ": no reachable block turns Contact Lens on")
    end
    if #bad > 0 and spoken then
      return ctx:fail(name .. " turns Contact Lens on without redacting card data: " .. table.concat(bad, "; ")
        .. " (agents_hear_card_data = true: callers may speak card data)", ev)
    end
    if #unsure > 0 then
      return ctx:manual(name .. ": confirm that Contact Lens redacts card data, redacted transcript only: "
        .. table.concat(unsure, "; "), ev)
    end
    if #bad > 0 then
      return ctx:pass(name .. " transcribes without card redaction, but the pack states no card data is ever spoken "
        .. "(agents_hear_card_data = false): " .. table.concat(bad, "; "), ev)
    end
    ctx:pass(name .. ": Contact Lens redacts card data: " .. table.concat(good, "; "), ev)
  end,
}
