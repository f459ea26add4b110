-- BASE-QUE-001 (FLOW-9): every standard queue is served by at least one
-- routing profile. Agents take contacts only from the queues of their
-- routing profile (ListRoutingProfileQueues, each profile's data.Queues); a
-- queue in none is never staffed, so every contact sent there waits until it
-- times out -- the staffing check FLOW-9 asks for before a transfer can
-- never succeed (aws-samples/amazon-connect-config-rules unassigned-queues).
-- Decided only when every routing profile of the instance and its queues are
-- in the snapshot; else `error`.
local inventory = require "inventory"

return {
  id = "BASE-QUE-001",
  title = "Every standard queue is served by at least one routing profile",
  severity = "medium",
  practice = "FLOW-9",
  controls = { BASELINE = { "FLOW-9" } },
  resource = "connect_queue",
  rationale = "A queue that is in no routing profile has no agent who can ever take its contacts: callers "
    .. "transferred there wait until they hang up.",
  remediation = "Add the queue to the routing profiles of the agents who serve it (Users > Routing profiles > "
    .. "profile > Add queue; aws connect associate-routing-profile-queues), or stop routing to it and delete it.",
  check = function(r, ctx)
    inventory.check_held(ctx, r, { holders = "routing_profiles", member = "Queues", keys = { "QueueId", "QueueArn" },
      list_op = "connect:ListRoutingProfileQueues", where = "routing profile", held = "served by",
      consequence = "no agent takes its contacts" })
  end,
}
