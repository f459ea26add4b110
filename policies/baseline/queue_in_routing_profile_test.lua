local tk = require "testkit.telephony"

return {
  { name = "queue in a routing profile passes",
    resource = tk.queue("q1"), others = { tk.instance(), tk.profile("rp1", { "q2" }), tk.profile("rp2", { "q1" }) },
    expect = "pass", message = "served by routing profile rp2" },
  { name = "queue in no routing profile fails",
    resource = tk.queue("q1"), others = { tk.instance(), tk.profile("rp1", { "q2" }), tk.profile("rp2", {}) },
    expect = "fail", message = "served by none of the instance's routing profiles" },
  { name = "a profile whose queues were not collected is an error",
    resource = tk.queue("q1"), others = { tk.instance(), tk.profile("rp1", { "q2" }), tk.profile("rp2", "DROP") },
    errors = { { arn = tk.arn("routing-profile", "rp2"), operation = "connect:ListRoutingProfileQueues",
                 code = "AccessDeniedException", message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "routing profiles not all collected is an error",
    resource = tk.queue("q1"), others = { tk.instance(), tk.profile("rp1", { "q2" }) },
    errors = { tk.list_error("connect:SearchRoutingProfiles") },
    expect = "error", message = "were not all collected" },
  { name = "its instance missing is an error",
    resource = tk.queue("q1"), others = { tk.profile("rp1", { "q1" }) },
    expect = "error", message = "is not in the snapshot" },
}
