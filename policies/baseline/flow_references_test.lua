local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local Q = rk.queue_arn("q-support")
local function set_queue(id, q, nextId)
  return fk.act(id, "UpdateContactTargetQueue", { QueueId = q }, nextId or "bye", { { "NoMatchingError", "bye" } })
end
local function to_flow(id, target)
  return fk.act(id, "TransferToFlow", { ContactFlowId = target }, "bye", { { "NoMatchingError", "bye" } })
end
local function queue_res(q)
  return { type = "connect_queue", arn = q, name = "support", region = "us-east-1",
           data = { Queue = { QueueArn = q, Name = "support" } } }
end
local function main(actions) return rk.flow_with("main", actions) end
local PAY = fk.flow("payments", "logOn", fk.payment_actions())
PAY.type = "connect_contact_flow"

return {
  { name = "queue, flow, Lambda and prompt of this instance pass",
    resource = main({ set_queue("q", Q, "lookup"), rk.invoke("lookup", rk.LAMBDA("lookupCustomer"), "3", "hold"),
      fk.act("hold", "MessageParticipant", { PromptId = rk.INSTANCE .. "/prompt/p1" }, "go", { { "NoMatchingError", "bye" } }),
      to_flow("go", fk.flow_arn("payments")) }),
    others = { queue_res(Q), PAY },
    expect = "pass", message = "4 of 4 reference(s) inside this instance and account" },
  { name = "a bare flow ID resolves against this instance's flows",
    resource = main({ to_flow("go", "payments") }), others = { PAY },
    expect = "pass", message = "resolves in this instance" },
  { name = "a queue ARN of another instance fails (hard-coded stage ARN)",
    resource = main({ set_queue("q", rk.queue_arn("q-support", rk.OTHER_INSTANCE)) }),
    others = { queue_res(Q) },
    expect = "fail", message = "not this flow's instance" },
  { name = "an AWS-managed view (account \"aws\") is no foreign reference",
    resource = main({ fk.act("show", "ShowView", { ViewResource = { Id = "arn:aws:connect:us-east-1:aws:view/form:1" } },
      "bye", { { "NoMatchingError", "bye" } }) }),
    expect = "pass", message = "an AWS-managed resource" },
  { name = "a Lambda of another account fails",
    resource = main({ rk.invoke("lookup", rk.LAMBDA("lookupCustomer", "us-east-1", "444455556666"), "3") }),
    expect = "fail", message = "in account 444455556666, not this instance's account 111122223333" },
  { name = "an ARN kept in a contact attribute is checked too",
    resource = main({ fk.act("keep", "UpdateContactAttributes",
      { Attributes = { billingQueue = "arn:aws:connect:us-east-1:444455556666:instance/x/queue/y" } }, "bye",
      { { "NoMatchingError", "bye" } }) }),
    expect = "fail", message = "Parameters.Attributes.billingQueue" },
  { name = "event hook flows are references",
    resource = main({ fk.act("hook", "UpdateContactEventHooks",
      { EventHooks = { CustomerQueue = rk.OTHER_INSTANCE .. "/contact-flow/cq" } }, "bye", { { "NoMatchingError", "bye" } }) }),
    expect = "fail", message = "Parameters.EventHooks.CustomerQueue" },
  { name = "a prompt ARN inside a message list of another instance fails",
    resource = main({ fk.act("loop", "MessageParticipantIteratively",
      { Messages = { { Text = "Please hold." }, { PromptId = rk.OTHER_INSTANCE .. "/prompt/p1" } },
        InterruptFrequencySeconds = "60" }, nil, { { "NoMatchingError", "bye" } }) }),
    expect = "fail", message = "Parameters.Messages[2].PromptId" },
  { name = "a flow of this instance missing from the snapshot is manual, not pass",
    resource = main({ to_flow("go", fk.flow_arn("deletedFlow")) }),
    expect = "manual", message = "is not in the snapshot (deleted, or not collected)" },
  { name = "a queue chosen at run time is unresolved: manual",
    resource = main({ set_queue("q", "$.Attributes.queueArn") }),
    expect = "manual", message = "set at run time" },
  { name = "a bare hours-of-operation ID cannot be resolved: manual",
    resource = main({ fk.act("h", "CheckHoursOfOperation", { HoursOfOperationId = "h-123" }, nil,
      { { "NoMatchingError", "bye" } }, { { "Equals", "True", "bye" }, { "Equals", "False", "bye" } }) }),
    expect = "manual", message = "bare ID h-123" },
  { name = "prompt text with a JSONPath is not a reference",
    resource = main({ fk.say("hi", "Hello $.Customer.FirstName, thanks for calling.", "bye") }),
    expect = "skipped" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module naming a queue of another instance fails",
    resource = fk.as_module(main({ set_queue("q", rk.queue_arn("q-support", rk.OTHER_INSTANCE)) })),
    expect = "fail" },
}
