-- Flow builders: policies/lib/testkit/flow.lua (documented there).
local fk = require "testkit.flow"
local act, flow, logging, recording, say, bye = fk.act, fk.flow, fk.logging, fk.recording, fk.say, fk.bye
local card_input, payment_actions, replace, with, transfer = fk.card_input, fk.payment_actions, fk.replace, fk.with, fk.transfer

-- A payment sub-flow with no logging or recording block of its own.
local function bare_payments()
  return { say("intro", "You can pay your bill now.", "getCard"), card_input("getCard", "thanks"),
           say("thanks", "Thank you.", "bye"), say("sorry", "Sorry.", "bye"), bye() }
end
-- Main inbound flow: optional logging / recording blocks, then a menu that
-- transfers to "payments".
local function main(o)
  o = o or {}
  local acts = {}
  if o.log then acts[#acts + 1] = logging("log", o.log, "rec") else acts[#acts + 1] = say("log", "Welcome.", "rec") end
  if o.rec then acts[#acts + 1] = recording("rec", o.rec, o.ivr, "menu") else acts[#acts + 1] = say("rec", "Hello.", "menu") end
  acts[#acts + 1] = act("menu", "GetParticipantInput", { Text = "Press 1 to pay.", StoreInput = "False" }, nil,
    { { "InputTimeLimitExceeded", "bye" }, { "NoMatchingCondition", "bye" }, { "NoMatchingError", "bye" } },
    { { "Equals", "1", o.via or "toPay" } })
  acts[#acts + 1] = transfer("toPay", o.target or "payments")
  acts[#acts + 1] = bye()
  return fk.as_other(flow("main", "log", acts))
end
local inst_off, inst_on = fk.instance("false"), fk.instance("true")
local only_transfer = { transfer_only_flows = { "payments" } }

return {
  { name = "sub-flow without blocks, callers never enable anything, logs off by default: passes",
    resource = flow("payments", "intro", bare_payments()), others = { main(), inst_off },
    expect = "pass", message = "including from the 1 other flow(s)" },
  { name = "caller enables logging before TransferToFlow: fails naming the caller and its path",
    resource = flow("payments", "intro", bare_payments()), others = { main({ log = "Enabled" }), inst_off },
    params = only_transfer,
    expect = "fail", message = "flow logging possibly enabled at entry from TransferToFlow 'toPay' of flow 'main' (path there: log -> rec -> menu -> toPay)" },
  { name = "caller turns IVR recording on before the transfer: fails",
    resource = flow("payments", "intro", bare_payments()), others = { main({ rec = { "Agent", "Customer" }, ivr = "Enabled" }), inst_off },
    params = only_transfer,
    expect = "fail", message = "recording possibly active at entry from TransferToFlow 'toPay'" },
  { name = "caller turns both off before the transfer, sub-flow transfer-only: passes",
    resource = flow("payments", "intro", bare_payments()),
    others = { main({ log = "Disabled", rec = {}, ivr = "Disabled" }), inst_on }, params = only_transfer,
    expect = "pass" },
  { name = "instance logs on by default and the sub-flow may be an entry point itself: fails from the default",
    resource = flow("payments", "intro", bare_payments()),
    others = { main({ log = "Disabled", rec = {}, ivr = "Disabled" }), inst_on },
    expect = "fail", message = "instance default: CONTACTFLOW_LOGS true" },
  { name = "the sub-flow disabling both itself passes whatever the callers do (AWS secure-input pattern)",
    resource = flow("payments", "logOn", payment_actions()), others = { main({ log = "Enabled", rec = { "Agent" } }), inst_on },
    expect = "pass" },
  { name = "a menu branch inside the flow that skips the disable still fails",
    resource = flow("payments", "logOn", payment_actions({ quick = "getCard" })), others = { inst_off },
    expect = "fail", message = "by UpdateFlowLoggingBehavior 'logOn' in this flow" },
  { name = "caller's 'recording off' block whose error branch also leads to the transfer: recording may still be on: fails",
    resource = flow("payments", "intro", bare_payments()),
    others = { fk.as_other(flow("main", "rec", {
      recording("rec", { "Agent", "Customer" }, "Enabled", "off"),
      act("off", "UpdateContactRecordingAndAnalyticsBehavior",
        { VoiceBehavior = { VoiceRecordingBehavior = { RecordedParticipants = {}, IVRRecordingBehavior = "Disabled" } } },
        "toPay", { { "NoMatchingError", "toPay" }, { "ChannelMismatch", "toPay" } }),
      transfer("toPay", "payments"), bye() })), inst_off },
    params = only_transfer,
    expect = "fail", message = "recording possibly active at entry from TransferToFlow 'toPay' of flow 'main' (path there: rec -> off -> toPay)" },
  { name = "join: two callers, one enables logging, one does not: fails",
    resource = flow("payments", "intro", bare_payments()),
    others = { main({ log = "Enabled" }), fk.as_other(flow("other", "go", { transfer("go", fk.flow_arn("payments")), bye() })), inst_off },
    params = only_transfer,
    expect = "fail", message = "of flow 'main'" },
  { name = "two-hop chain main -> router -> payments carries logging through: fails",
    resource = flow("payments", "intro", bare_payments()),
    others = { main({ log = "Enabled", target = "router" }), fk.as_other(flow("router", "go", { transfer("go", "payments"), bye() })), inst_off },
    params = { transfer_only_flows = { "payments", "router" } },
    expect = "fail", message = "of flow 'router'" },
  { name = "loop between two flows (payments transfers back to main) converges: passes",
    resource = flow("payments", "intro", with(replace(bare_payments(), "thanks", transfer("thanks", "main")), {})),
    others = { main({ log = "Disabled", rec = {}, ivr = "Disabled" }), inst_on }, params = only_transfer,
    expect = "pass" },
  { name = "module without logging/recording blocks is transparent: passes",
    resource = flow("payments", "intro", replace(bare_payments(), "intro", fk.module("intro", "lookup", "getCard"))),
    others = { main(), inst_off, fk.flow_module("lookup", "m1", { act("m1", "InvokeLambdaFunction",
      { LambdaFunctionARN = "arn:aws:lambda:us-east-1:111122223333:function:lookup" }, "end", { { "NoMatchingError", "end" } }),
      act("end", "EndFlowModuleExecution", nil) }) },
    expect = "pass" },
  { name = "module that has a logging block may turn logging on: fails",
    resource = flow("payments", "intro", replace(bare_payments(), "intro", fk.module("intro", "lookup", "getCard"))),
    others = { main(), inst_off, fk.flow_module("lookup", "m1", { logging("m1", "Enabled", "end"), act("end", "EndFlowModuleExecution", nil) }) },
    expect = "fail", message = "by InvokeFlowModule 'intro' in this flow" },
  { name = "module missing from the snapshot is unknown: fails as in PCI-FLOW-003",
    resource = flow("payments", "intro", replace(bare_payments(), "intro", fk.module("intro", "lookup", "getCard"))),
    others = { main(), inst_off },
    expect = "fail", message = "InvokeFlowModule 'intro'" },
  { name = "a JSONPath TransferToFlow with logging on somewhere in the instance is manual",
    resource = flow("payments", "intro", bare_payments()),
    others = { main({ log = "Enabled", target = "$.Attributes.next" }), inst_off }, params = only_transfer,
    expect = "manual", message = "TransferToFlow with a JSONPath target" },
  { name = "a JSONPath TransferToFlow whose attribute the flow sets to another flow cannot reach this one: passes",
    resource = flow("payments", "intro", bare_payments()),
    others = { fk.as_other(flow("main", "log", {
      logging("log", "Enabled", "pick"),
      act("pick", "UpdateContactAttributes", { Attributes = { next = fk.flow_arn("sales") } }, "toNext", { { "NoMatchingError", "bye" } }),
      transfer("toNext", "$.Attributes.next"), bye() })),
      fk.as_other(flow("sales", "bye", { bye() })), inst_off }, params = only_transfer,
    expect = "pass" },
  { name = "... one the flow sets to this flow can reach it: manual, as any JSONPath transfer",
    resource = flow("payments", "intro", bare_payments()),
    others = { fk.as_other(flow("main", "log", {
      logging("log", "Enabled", "pick"),
      act("pick", "UpdateContactAttributes", { Attributes = { next = fk.flow_arn("payments") } }, "toNext", { { "NoMatchingError", "bye" } }),
      transfer("toNext", "$.Attributes.next"), bye() })), inst_off }, params = only_transfer,
    expect = "manual", message = "TransferToFlow with a JSONPath target" },
  { name = "a queue flow's entry is not traced: manual",
    resource = fk.typed(flow("payments", "intro", bare_payments()), "CUSTOMER_QUEUE"), others = { inst_off },
    expect = "manual", message = "flow type CUSTOMER_QUEUE" },
  { name = "another flow of the instance not collected: error quoting errors[]",
    resource = flow("payments", "intro", bare_payments()), params = only_transfer,
    others = { main(), fk.as_other(fk.uncollected("zzz")), inst_off }, errors = fk.denied("zzz"),
    expect = "error", message = "AccessDenied" },
  { name = "instance Attributes not collected: logging default unknown is an error",
    resource = flow("payments", "intro", bare_payments()), others = { main(), fk.instance("DROP") },
    errors = { { arn = fk.INSTANCE, operation = "connect:ListInstanceAttributes", code = "AccessDenied", message = "denied" } },
    expect = "error", message = "connect:ListInstanceAttributes failed: AccessDenied" },
  { name = "transfer-only flow nobody transfers to: passes, not reached",
    resource = flow("payments", "intro", bare_payments()), others = { inst_on }, params = only_transfer,
    expect = "pass", message = "not reached from any entry" },
  { name = "unreachable card input passes",
    resource = flow("payments", "thanks", bare_payments()), others = { inst_on },
    expect = "pass", message = "unreachable from StartAction" },
  { name = "flow without card input is skipped",
    resource = flow("main", "hello", { say("hello", "Welcome to Acme.", "bye"), bye() }),
    expect = "skipped", message = "no card input" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("payments"), errors = fk.denied("payments"),
    expect = "error", message = "AccessDenied" },
}
