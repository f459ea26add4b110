-- BASE-QC-001 (FLOW-10): what a quick connect points at exists in its
-- instance. An agent quick connect (USER) names a user and the Transfer to
-- agent flow, a queue quick connect (QUEUE) a queue and the Transfer to queue
-- flow, a flow quick connect (FLOW) a flow. A user deleted after the quick
-- connect was made leaves an orphan entry in the agents' transfer list that
-- fails when used (aws-samples/amazon-connect-config-rules
-- check-orphan-agent-quickconnects; here queues and flows too). A target
-- missing from the snapshot fails only when the snapshot holds the instance's
-- whole list of that kind (lib/inventory.lua); otherwise `error`.
local inventory = require "inventory"
local refs = require "flowrefs"
local collection = require "collection"

-- QuickConnectType -> {config member, {member, kind, what}...}
local TARGETS = {
  USER = { "UserConfig", { "UserId", "users", "user" }, { "ContactFlowId", "flows", "Transfer to agent flow" } },
  QUEUE = { "QueueConfig", { "QueueId", "queues", "queue" }, { "ContactFlowId", "flows", "Transfer to queue flow" } },
  FLOW = { "FlowConfig", { "ContactFlowId", "flows", "flow" } },
}

return {
  id = "BASE-QC-001",
  title = "Quick connects point at users, queues and flows that exist",
  severity = "medium",
  practice = "FLOW-10",
  controls = { BASELINE = { "FLOW-10" } },
  resource = "connect_quick_connect",
  rationale = "A quick connect whose user, queue or flow was deleted stays in the agents' transfer list and "
    .. "fails when an agent picks it: the caller is dropped or stranded mid-transfer.",
  remediation = "Delete the quick connect (Routing > Quick connects) or point it at an existing user, queue "
    .. "and flow: aws connect update-quick-connect-config --instance-id ID --quick-connect-id QC "
    .. "--quick-connect-config ...",
  check = function(r, ctx)
    local name = r.name or r.arn
    local qc = ctx:need(r.data, "QuickConnect")
    local cfg = ctx:need(qc, "QuickConnectConfig")
    local qtype = cfg.QuickConnectType
    local spec = TARGETS[qtype]
    if qtype == "PHONE_NUMBER" then
      ctx:skip(name .. ": dials an external number (BASE-QC-003 judges which)")
      return
    end
    if not spec then
      ctx:error(("%s: QuickConnectType %s is not one the rule knows"):format(name, tostring(qtype)),
        { path = ctx:ptr(cfg, "QuickConnectType"), expected = "USER, QUEUE, FLOW or PHONE_NUMBER" })
      return
    end
    local inst_arn = refs.instance_arn(r.arn)
    if not inst_arn or not ctx:lookup("connect_instance", inst_arn) then
      refs.missing_instance(ctx, r, inst_arn)
      return
    end
    local sub = cfg[spec[1]]
    if not sub then
      ctx:error(("%s: a %s quick connect without %s (%s)"):format(name, qtype, spec[1], collection.explain(ctx, r.arn)),
        { path = ctx:ptr(cfg) .. "/" .. spec[1], expected = spec[1] })
      return
    end
    local items = {}
    for i = 2, #spec do
      local member, kind, what = spec[i][1], spec[i][2], spec[i][3]
      local ref = sub[member]
      local ev = { { path = ctx:ptr(sub, member), expected = ("a %s of %s"):format(what, inst_arn) } }
      local target = inventory.arn(inst_arn, kind, ref)
      if not target then
        items[#items + 1] = { status = "error", text = ("%s %s is %s"):format(what, member,
          ref == nil and "absent" or ("not a static ID (" .. tostring(ref) .. ")")), ev = ev }
      elseif inventory.of(ctx, kind, inst_arn).by[target] then
        local t = ctx:lookup(inventory.KINDS[kind].type, target)
        ev[2] = { path = refs.container_ptr(t), expected = "exists" }
        items[#items + 1] = { status = "pass", text = ("%s %s exists"):format(what, t.name or target), ev = ev }
      else
        local ok, why = inventory.complete(ctx, kind, inst_arn)
        if ok then
          items[#items + 1] = { status = "fail", text = ("%s %s does not exist in the instance (deleted?)")
            :format(what, tostring(ref)), ev = ev }
        else
          items[#items + 1] = { status = "error", text = ("%s %s is not in the snapshot, and %s")
            :format(what, tostring(ref), why), ev = ev }
        end
      end
    end
    local worst = { fail = 3, error = 2, pass = 1 }
    local status, texts, ev = "pass", {}, {}
    for _, it in ipairs(items) do
      if worst[it.status] > worst[status] then status = it.status end
    end
    for _, it in ipairs(items) do
      if it.status == status then texts[#texts + 1] = it.text end
      for _, e in ipairs(it.ev) do ev[#ev + 1] = e end
    end
    local msg = ("%s (%s quick connect): %s"):format(name, qtype, table.concat(texts, "; "))
    if status == "pass" then ctx:pass(msg, ev)
    elseif status == "fail" then ctx:fail(msg, ev)
    else ctx:error(msg, ev) end
  end,
}
