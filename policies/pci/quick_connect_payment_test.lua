local tk = require "testkit.telephony"
local fk = require "testkit.flow"

local function as_flow(res) return fk.as_other(res) end
local SECURE = as_flow(fk.flow("securePay", "logOn", fk.payment_actions()))
-- the card input with recording never turned off
local LEAKY = as_flow(fk.flow("leakyPay", "getCard", {
  fk.card_input("getCard", "thanks"), fk.say("thanks", "Thank you.", "bye"), fk.say("sorry", "Sorry.", "bye"), fk.bye() }))
local HANDOFF = as_flow(fk.flow("handoff", "xfer", {
  fk.act("xfer", "TransferToFlow", { ContactFlowId = fk.flow_arn("leakyPay") }, nil, { { "NoMatchingError", "bye" } }),
  fk.bye() }))
local PLAIN = as_flow(fk.flow("plain", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }))
local function others(extra)
  local o = { tk.instance() }
  for _, r in ipairs(extra) do o[#o + 1] = r end
  return o
end

return {
  { name = "flow quick connect into a payment flow that suspends recording passes",
    resource = tk.qc("pay", "FLOW", { ContactFlowId = "securePay" }), others = others({ SECURE, LEAKY, PLAIN }),
    expect = "pass", message = "suspends recording before every card input" },
  { name = "quick connect into a payment flow that records card input fails",
    resource = tk.qc("pay", "FLOW", { ContactFlowId = "leakyPay" }), others = others({ SECURE, LEAKY, PLAIN }),
    expect = "fail", message = "recording possibly active" },
  { name = "queue quick connect whose flow transfers to the recording payment flow fails",
    resource = tk.qc("pay", "QUEUE", { QueueId = "q1", ContactFlowId = "handoff" }),
    others = others({ HANDOFF, LEAKY, PLAIN }),
    expect = "fail", message = "flow leakyPay" },
  { name = "quick connect into a flow without card input is skipped",
    resource = tk.qc("hi", "FLOW", { ContactFlowId = "plain" }), others = others({ PLAIN }),
    expect = "skipped", message = "not a payment path" },
  { name = "a transfer to a flow the snapshot lacks is manual",
    resource = tk.qc("pay", "QUEUE", { QueueId = "q1", ContactFlowId = "handoff" }), others = others({ HANDOFF, PLAIN }),
    expect = "manual", message = "does not show" },
  { name = "its flow not collected (flow list denied) is an error",
    resource = tk.qc("pay", "FLOW", { ContactFlowId = "securePay" }), others = others({ PLAIN }),
    errors = { tk.list_error("connect:SearchContactFlows") },
    expect = "error", message = "AccessDeniedException" },
  { name = "the payment flow's Content not collected is an error",
    resource = tk.qc("pay", "FLOW", { ContactFlowId = "securePay" }),
    others = others({ as_flow(fk.uncollected("securePay")), PLAIN }), errors = fk.denied("securePay"),
    expect = "error", message = "ContactFlow is not in the snapshot" },
  { name = "phone-number quick connect is skipped",
    resource = tk.qc("out", "PHONE_NUMBER", { PhoneNumber = "+14155550100" }), others = others({ PLAIN }),
    expect = "skipped" },
}
