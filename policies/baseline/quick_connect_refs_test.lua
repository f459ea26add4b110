local tk = require "testkit.telephony"
local fk = require "testkit.flow"

local function flow(name) return fk.as_other(fk.flow(name, "bye", { fk.bye() })) end
local function others(extra)
  local o = { tk.instance(), tk.user("u1", "rp1"), tk.queue("q1"), flow("xfer") }
  for _, r in ipairs(extra or {}) do o[#o + 1] = r end
  return o
end

return {
  { name = "agent quick connect to an existing user and flow passes",
    resource = tk.qc("qa", "USER", { UserId = "u1", ContactFlowId = "xfer" }), others = others(),
    expect = "pass", message = "user u1 exists" },
  { name = "queue quick connect given ARNs passes",
    resource = tk.qc("qq", "QUEUE", { QueueId = tk.arn("queue", "q1"), ContactFlowId = tk.arn("contact-flow", "xfer") }),
    others = others(), expect = "pass", message = "queue q1 exists" },
  { name = "flow quick connect to an existing flow passes",
    resource = tk.qc("qf", "FLOW", { ContactFlowId = "xfer" }), others = others(), expect = "pass" },
  { name = "orphan agent quick connect (user deleted) fails",
    resource = tk.qc("qa", "USER", { UserId = "gone", ContactFlowId = "xfer" }), others = others(),
    expect = "fail", message = "user gone does not exist" },
  { name = "queue quick connect whose transfer flow was deleted fails",
    resource = tk.qc("qq", "QUEUE", { QueueId = "q1", ContactFlowId = "deleted" }), others = others(),
    expect = "fail", message = "Transfer to queue flow deleted does not exist" },
  { name = "user list not complete (SearchUsers denied) is an error, not a fail",
    resource = tk.qc("qa", "USER", { UserId = "gone", ContactFlowId = "xfer" }), others = others(),
    errors = { tk.list_error("connect:SearchUsers") },
    expect = "error", message = "AccessDeniedException" },
  { name = "no user of the instance in the snapshot is an error",
    resource = tk.qc("qa", "USER", { UserId = "u9", ContactFlowId = "xfer" }),
    others = { tk.instance(), flow("xfer") },
    expect = "error", message = "holds no users" },
  { name = "QuickConnectConfig not collected is an error",
    resource = (function() local q = tk.qc("qa", "USER", {}); q.data.QuickConnect.QuickConnectConfig = nil; return q end)(),
    others = others(), expect = "error" },
  { name = "phone-number quick connect is skipped here",
    resource = tk.qc("qp", "PHONE_NUMBER", { PhoneNumber = "+14155550100" }), others = others(),
    expect = "skipped" },
  { name = "its instance missing is an error",
    resource = tk.qc("qa", "USER", { UserId = "u1", ContactFlowId = "xfer" }),
    expect = "error", message = "is not in the snapshot" },
}
