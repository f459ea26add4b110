local fk = require "testkit.flow"
local act = fk.act
local function rec(id, rb) return act(id, "UpdateContactRecordingBehavior", { RecordingBehavior = rb }, "bye") end
local function voice(id, vb) return act(id, "UpdateContactRecordingAndAnalyticsBehavior", { VoiceBehavior = vb }, "bye") end
return { { name = "every effect shape",
  resource = fk.flow("main", "lEn", {
    fk.logging("lEn", "Enabled", "lDis"), fk.logging("lDis", "DISABLED", "bye"),
    fk.logging("lDyn", "$.Attributes.log", "bye"),
    act("lNone", "UpdateFlowLoggingBehavior", object{}, "bye"),
    act("lNum", "UpdateFlowLoggingBehavior", { FlowLoggingBehavior = 1 }, "bye"),
    act("lArr", "UpdateFlowLoggingBehavior", { "Enabled" }, "bye"),
    rec("rOn", { RecordedParticipants = { "Agent" } }),
    rec("rOff", { RecordedParticipants = {}, IVRRecordingBehavior = "Disabled" }),
    rec("rNull", { RecordedParticipants = null, IVRRecordingBehavior = null }),
    rec("rFalse", { RecordedParticipants = false }),
    rec("rObj", { RecordedParticipants = { Agent = true } }),
    rec("rStr", { RecordedParticipants = "$.Attributes.who" }),
    rec("rIvrOn", { RecordedParticipants = {}, IVRRecordingBehavior = "enabled" }),
    rec("rIvrOdd", { RecordedParticipants = {}, IVRRecordingBehavior = "Sometimes" }),
    rec("rIvrNum", { RecordedParticipants = {}, IVRRecordingBehavior = 1 }),
    rec("rNoParts", { IVRRecordingBehavior = "Disabled" }),
    rec("rRbStr", "$.Attributes.rb"), rec("rRbNull", null),
    act("rNoRb", "UpdateContactRecordingBehavior", object{}, "bye"),
    act("rArrParams", "UpdateContactRecordingBehavior", { "x" }, "bye"),
    voice("vOn", { VoiceRecordingBehavior = { RecordedParticipants = { "Customer" } } }),
    act("vNone", "UpdateContactRecordingAndAnalyticsBehavior", { ChatBehavior = object{} }, "bye"),
    voice("vStr", "x"), voice("vEmpty", object{}), voice("vNull", null),
    fk.module("mod", "m-none", "bye"),
    fk.say("say", "hello", "bye"),
    fk.bye() }),
  expect = { "pass" } } }
