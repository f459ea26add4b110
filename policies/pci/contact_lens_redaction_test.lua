local fk = require "testkit.flow"

-- A flow: Set recording and analytics behavior with `ab` as AnalyticsBehavior, then bye.
local function flow_with(ab, extra)
  local rec = fk.act("rec", "UpdateContactRecordingBehavior",
    { RecordingBehavior = { RecordedParticipants = { "Agent", "Customer" } }, AnalyticsBehavior = ab }, "bye")
  local acts = { rec, fk.bye() }
  for _, a in ipairs(extra or {}) do acts[#acts + 1] = a end
  return fk.flow("Main", "rec", acts)
end
local function ab(red, results, entities, enabled)
  return { Enabled = enabled or "True", AnalyticsLanguage = "en-US", AnalyticsRedactionBehavior = red,
           AnalyticsRedactionResults = results, AnalyticsRedactionEntities = entities }
end
-- "Set recording, analytics and processing behavior" (UpdateContactRecordingAndAnalyticsBehavior)
local function v2(cfg)
  return fk.flow("Main", "rec", {
    fk.act("rec", "UpdateContactRecordingAndAnalyticsBehavior", { VoiceBehavior = {
      VoiceRecordingBehavior = { RecordedParticipants = { "Agent", "Customer" } },
      VoiceAnalyticsBehavior = { AnalyticsModes = { "PostContact" }, ConversationalAnalyticsRedactionConfiguration = cfg } } },
      "bye", { { "NoMatchingError", "bye" }, { "ChannelMismatch", "bye" } }),
    fk.bye() })
end

return {
  { name = "redaction of all PII, redacted only, passes",
    resource = flow_with(ab("Enabled", "RedactedOnly")), expect = "pass", message = "every PII entity redacted" },
  { name = "redaction listing the card entities passes",
    resource = flow_with(ab("Enabled", "RedactedOnly", { "CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV", "SSN" })),
    expect = "pass", message = "card entities redacted" },
  { name = "redaction off fails (the sample flows' setting)",
    resource = flow_with(ab("Disabled", "None")), expect = "fail", message = "redaction is off" },
  { name = "RedactedAndOriginal fails: the clear transcript is kept",
    resource = flow_with(ab("Enabled", "RedactedAndOriginal")), expect = "fail", message = "RedactedAndOriginal" },
  { name = "an entity list without the CVV fails",
    resource = flow_with(ab("Enabled", "RedactedOnly", { "CREDIT_DEBIT_NUMBER" })),
    expect = "fail", message = "leave out CREDIT_DEBIT_CVV" },
  { name = "no redaction member at all fails",
    resource = flow_with({ Enabled = "True" }), expect = "fail", message = "redaction is off" },
  { name = "the newer block: redaction enabled, RedactedOnly passes",
    resource = v2({ Enabled = "True", RedactionResults = "RedactedOnly" }), expect = "pass" },
  { name = "the newer block without a redaction configuration fails",
    resource = v2(nil), expect = "fail" },
  { name = "with agents_hear_card_data = false an unredacted transcript passes, naming the parameter",
    resource = flow_with(ab("Disabled", "None")), params = { agents_hear_card_data = false },
    expect = "pass", message = "agents_hear_card_data = false" },
  { name = "a redaction setting chosen at run time is manual",
    resource = flow_with(ab("$.Attributes.redact", "RedactedOnly")), expect = "manual", message = "redaction is $.Attributes.redact" },
  { name = "Enabled chosen at run time with no redaction is manual",
    resource = flow_with(ab("Disabled", "None", nil, "$.Attributes.cl")), expect = "manual", message = "decided at run time" },
  { name = "Contact Lens off: nothing transcribed, skipped",
    resource = flow_with(ab("Disabled", "None", nil, "False")), expect = "skipped" },
  { name = "a block on an unreachable action is not judged",
    resource = fk.flow("Main", "bye", { fk.bye(), fk.act("rec", "UpdateContactRecordingBehavior",
      { AnalyticsBehavior = ab("Disabled", "None") }, "bye") }),
    expect = "skipped" },
  { name = "chat settings are manual",
    resource = fk.flow("Main", "rec", { fk.act("rec", "UpdateContactRecordingAndAnalyticsBehavior",
      { ChatBehavior = { ChatAnalyticsBehavior = { Enabled = "True" } } }, "bye", { { "NoMatchingError", "bye" } }), fk.bye() }),
    expect = "manual", message = "ChatBehavior" },
  { name = "a flow not collected is an error",
    resource = fk.uncollected("Main"), errors = fk.denied("Main"), expect = "error", message = "AccessDenied" },
}
