-- BASE-QC-002 (DEV-1): every quick connect is offered on at least one queue.
-- Agents see the quick connects of the queues in their routing profile
-- (ListQueueQuickConnects, each queue's data.QuickConnects); one on no queue
-- is configuration nobody can use -- left over, or a transfer path the
-- business thinks exists (aws-samples/amazon-connect-config-rules
-- unassigned-quick-connects). Decided only when every standard queue of the
-- instance and each queue's quick connects are in the snapshot; else `error`.
local inventory = require "inventory"

return {
  id = "BASE-QC-002",
  title = "Every quick connect is offered on at least one queue",
  severity = "low",
  practice = "DEV-1",
  controls = { BASELINE = { "DEV-1" } },
  resource = "connect_quick_connect",
  rationale = "A quick connect on no queue appears in no agent's transfer list: a transfer path the "
    .. "contact center believes it has does not exist, or stale configuration is carried from stage to stage.",
  remediation = "Add the quick connect to the queues whose agents need it (Routing > Queues > queue > Quick "
    .. "connects; aws connect associate-queue-quick-connects), or delete it.",
  check = function(r, ctx)
    inventory.check_held(ctx, r, { holders = "queues", member = "QuickConnects", keys = { "Id", "Arn" },
      list_op = "connect:ListQueueQuickConnects", where = "queue", held = "offered on",
      consequence = "no agent can use it" })
  end,
}
