-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, say, bye, queue, with, replace = fk.act, fk.flow, fk.say, fk.bye, fk.queue, fk.with, fk.replace

local BOTH = { "Agent", "Customer" }

-- UpdateContactRecordingBehavior with recording and (optionally) analytics.
local function rec(id, participants, nextId, analytics)
  local p = { RecordingBehavior = { RecordedParticipants = participants, IVRRecordingBehavior = "Enabled" } }
  if analytics ~= nil then p.AnalyticsBehavior = { Enabled = analytics, AnalyticsLanguage = "en-US" } end
  return act(id, "UpdateContactRecordingBehavior", p, nextId)
end

-- hello -> recOn -> q
local function main(o)
  o = o or {}
  return {
    say("hello", "Welcome to Acme.", "recOn"),
    rec("recOn", o.parts or BOTH, "q", o.analytics),
    queue("q"),
    bye(),
  }
end

-- The flow's instance with a CONTACT_LENS attribute ("DROP": Attributes not collected).
local function instance(lens)
  local data = { Instance = { Arn = fk.INSTANCE, Id = fk.INSTANCE:match("[^/]+$"), InstanceAlias = "acme" } }
  if lens ~= "DROP" then
    data.Attributes = { { AttributeType = "INBOUND_CALLS", Value = "true" },
                        { AttributeType = "CONTACT_LENS", Value = lens } }
  end
  return { type = "connect_instance", arn = fk.INSTANCE, name = "acme", region = "us-east-1", data = data }
end

local LENS = { contact_lens_required = true }

-- A menu whose "2" branch turns recording off and loops back to the menu.
local function looping(off)
  return {
    rec("recOn", BOTH, "menu"),
    act("menu", "GetParticipantInput", { Text = "Press 1 for sales, 2 to hear this again.", StoreInput = "False" },
      nil, { { "InputTimeLimitExceeded", "again" }, { "NoMatchingCondition", "again" }, { "NoMatchingError", "bye" } },
      { { "Equals", "1", "q" }, { "Equals", "2", off and "recOff" or "again" } }),
    rec("recOff", {}, "again"),
    fk.loop("again", 3, "menu", "q"),
    queue("q"),
    bye(),
  }
end

return {
  { name = "agent and customer recording before the queue passes",
    resource = flow("main", "hello", main()),
    expect = "pass", message = "agent and customer recording on along every path" },
  { name = "a menu branch reaching the queue without the recording block fails",
    resource = flow("main", "menu", with(main(), {
      act("menu", "GetParticipantInput", { Text = "Press 1 for sales.", StoreInput = "False" }, nil,
        { { "NoMatchingCondition", "bye" }, { "NoMatchingError", "bye" } },
        { { "Equals", "1", "hello" }, { "Equals", "2", "direct" } }),
      say("direct", "Connecting you.", "q") })),
    expect = "fail", message = "agent and customer recording not on along menu -> direct -> q" },
  { name = "no recording block at all fails, naming the flow entry",
    resource = flow("main", "hello", replace(main(), "recOn", say("recOn", "Connecting you.", "q"))),
    expect = "fail", message = "1 of 1 checks failed" },
  { name = "agent-only recording is not call recording: fails",
    resource = flow("main", "hello", main({ parts = { "Agent" } })),
    expect = "fail", message = "recording not on along hello -> recOn -> q" },
  { name = "loop: recording on before a menu that loops back (Loop action) passes",
    resource = flow("main", "recOn", looping(false)),
    expect = "pass", message = "1 of 1 checks passed" },
  { name = "loop: a branch turning recording off then looping back to the queue fails (last block wins)",
    resource = flow("main", "recOn", looping(true)),
    expect = "fail", message = "recOn -> menu -> recOff -> again -> q" },
  { name = "recording_required false (and no Contact Lens): skip",
    resource = flow("main", "hello", replace(main(), "recOn", say("recOn", "Connecting you.", "q"))),
    params = { recording_required = false },
    expect = "skipped", message = "neither recording_required nor contact_lens_required" },
  { name = "Set recording, analytics and processing behavior block with both participants passes",
    resource = flow("main", "hello", replace(main(), "recOn", act("recOn", "UpdateContactRecordingAndAnalyticsBehavior",
      { VoiceBehavior = { VoiceRecordingBehavior = { RecordedParticipants = BOTH, IVRRecordingBehavior = "Disabled" } } },
      "q", { { "NoMatchingError", "bye" }, { "ChannelMismatch", "q" } }))),
    expect = "pass" },
  { name = "the recording block's error branch leading to the queue fails (the setting may not have applied)",
    resource = flow("main", "hello", replace(main(), "recOn", act("recOn", "UpdateContactRecordingAndAnalyticsBehavior",
      { VoiceBehavior = { VoiceRecordingBehavior = { RecordedParticipants = BOTH } } },
      "q", { { "NoMatchingError", "q" }, { "ChannelMismatch", "q" } }))),
    expect = "fail", message = "hello -> recOn -> q" },
  { name = "RecordedParticipants from a JSONPath is manual, never pass",
    resource = flow("main", "hello", main({ parts = "$.Attributes.participants" })),
    expect = "manual", message = "possibly off" },
  { name = "a module call after the recording block (module not in the snapshot) is manual",
    resource = flow("main", "hello", with(replace(main(), "recOn", rec("recOn", BOTH, "mod")),
      { fk.module("mod", "greeting", "q") })),
    expect = "manual", message = "hello -> recOn -> mod -> q" },
  { name = "a module in the snapshot without recording blocks is transparent: passes",
    resource = flow("main", "hello", with(replace(main(), "recOn", rec("recOn", BOTH, "mod")),
      { fk.module("mod", "greeting", "q") })),
    others = { fk.flow_module("greeting", "hi", { say("hi", "Hello.", "end"), act("end", "EndFlowModuleExecution", nil) }) },
    expect = "pass" },
  { name = "Contact Lens required: analytics enabled and CONTACT_LENS true passes",
    resource = flow("main", "hello", main({ analytics = "True" })),
    others = { instance("true") }, params = LENS,
    expect = "pass", message = "instance CONTACT_LENS attribute is true" },
  { name = "Contact Lens required: no analytics on the recording block fails",
    resource = flow("main", "hello", main()),
    others = { instance("true") }, params = LENS,
    expect = "fail", message = "Contact Lens analytics not on along hello -> recOn -> q" },
  { name = "Contact Lens required: analytics Enabled False fails",
    resource = flow("main", "hello", main({ analytics = "False" })),
    others = { instance("true") }, params = LENS,
    expect = "fail", message = "Contact Lens analytics not on" },
  { name = "Contact Lens required: instance CONTACT_LENS false fails",
    resource = flow("main", "hello", main({ analytics = "True" })),
    others = { instance("false") }, params = LENS,
    expect = "fail", message = "CONTACT_LENS attribute is false" },
  { name = "Contact Lens required: VoiceAnalyticsBehavior with AnalyticsModes passes (recording not required)",
    resource = flow("main", "hello", replace(main(), "recOn", act("recOn", "UpdateContactRecordingAndAnalyticsBehavior",
      { VoiceBehavior = { VoiceRecordingBehavior = { RecordedParticipants = BOTH },
                          VoiceAnalyticsBehavior = { AnalyticsModes = { "PostContact" } } } },
      "q", { { "NoMatchingError", "bye" }, { "ChannelMismatch", "q" } }))),
    others = { instance("true") }, params = { recording_required = false, contact_lens_required = true },
    expect = "pass", message = "2 of 2 checks passed" },
  { name = "Contact Lens required: instance not in the snapshot is an error, not a pass",
    resource = flow("main", "hello", main({ analytics = "True" })),
    params = LENS,
    expect = "error", message = "is not in the snapshot" },
  { name = "Contact Lens required: instance attributes not collected (AccessDenied) is an error",
    resource = flow("main", "hello", main({ analytics = "True" })),
    others = { instance("DROP") }, params = LENS,
    errors = { { arn = fk.INSTANCE, operation = "connect:ListInstanceAttributes", code = "AccessDenied",
                 message = "not authorized" } },
    expect = "error", message = "AccessDenied" },
  { name = "Contact Lens off (default): no analytics and no instance needed, passes",
    resource = flow("main", "hello", main()),
    expect = "pass", message = "1 of 1 checks passed" },
  { name = "flow not collected (AccessDenied) is an error",
    resource = fk.uncollected("main"), errors = fk.denied("main"),
    expect = "error", message = "AccessDenied" },
  { name = "ContactFlow without Content is an error",
    resource = (function() local f = flow("main", "hello", main()); f.data.ContactFlow.Content = nil; return f end)(),
    expect = "error", message = "Content" },
  { name = "a queue flow (CUSTOMER_QUEUE) is skipped",
    resource = fk.typed(flow("main", "hello", replace(main(), "recOn", say("recOn", "Hi.", "q"))), "CUSTOMER_QUEUE"),
    expect = "skipped", message = "CUSTOMER_QUEUE" },
  { name = "a flow without a queue end is skipped",
    resource = flow("main", "hello", { say("hello", "Goodbye.", "bye"), bye() }),
    expect = "skipped", message = "no transfer to a queue" },
  { name = "flow no one transfers to by ID, while the instance's JSONPath transfer comes with recording on: manual",
    resource = flow("router", "q", { queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main(), "q", fk.transfer("q", "$.Attributes.nextFlow")))) },
    expect = "manual", message = "TransferToFlow whose target cannot be read (a JSONPath or a template placeholder, which may lead here) one may come with it on" },
  { name = "a template placeholder target ({{...}}) counts as one that cannot be read",
    resource = flow("router", "q", { queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main(), "q", fk.transfer("q", "{{contactFlows.router.arn}}")))) },
    expect = "manual", message = "a JSONPath or a template placeholder" },
  { name = "the instance's JSONPath transfer comes with recording off: the fail stands",
    resource = flow("router", "q", { queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main({ parts = {} }), "q", fk.transfer("q", "$.Attributes.nextFlow")))) },
    expect = "fail", message = "agent and customer recording not on" },
  { name = "a JSONPath transfer in the flow itself does not make its own fail manual",
    resource = flow("router", "hello", { say("hello", "Hi.", "t"), fk.transfer("t", "$.Attributes.nextFlow", "q"), queue("q"), bye() }),
    expect = "fail", message = "agent and customer recording not on" },
  { name = "sub-flow without recording whose only caller records before TransferToFlow: manual, not fail",
    resource = flow("router", "q", { queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", replace(main(), "q", fk.transfer("q", "router")))) },
    expect = "manual", message = "all 1 TransferToFlow into this flow come with it on" },
  { name = "sub-flow whose caller does not record: fails",
    resource = flow("router", "q", { queue("q"), bye() }),
    others = { fk.as_other(flow("main", "hello", { say("hello", "Hi.", "q"), fk.transfer("q", "router"), bye() })) },
    expect = "fail", message = "not on along q" },
}
