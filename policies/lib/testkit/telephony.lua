-- testkit.telephony -- builders for the tests of the phone-number, quick-connect,
-- queue and routing-profile rules (BASE-TEL-010/011, BASE-QC-*, BASE-QUE-001,
-- BASE-RP-001, PCI-FLOW-020). Test files only. Everything is under
-- fk.INSTANCE (testkit.flow), so flows built there resolve.
--
--   tk.INSTANCE                          the instance ARN
--   tk.instance(assoc)                   connect_instance; assoc = data.FlowAssociations
--                                        ("DROP": left out)
--   tk.assoc(number_arn, flow_ref)       a FlowAssociationSummary (VOICE_PHONE_NUMBER)
--   tk.number(id, o)                     connect_phone_number; o.number (E.164), o.country,
--                                        o.status, o.target, o.drop = {members of the summary}
--   tk.number_arn(id)
--   tk.user(id, rp)                      connect_user whose RoutingProfileId is rp ("DROP": no User)
--   tk.queue(id, qcs)                    connect_queue; qcs = ids of its QuickConnects ("DROP": absent)
--   tk.profile(id, queue_ids, users)     connect_routing_profile; users = NumberOfAssociatedUsers
--                                        (nil: left out); queue_ids "DROP": no Queues
--   tk.qc(id, qtype, cfg)                connect_quick_connect of that type; cfg = its *Config
--   tk.arn(segment, id)                  INSTANCE/segment/id
--   tk.list_error(op)                    an errors[] entry of `op` against the instance
local fk = require "testkit.flow"
local M = {}

M.INSTANCE = fk.INSTANCE
local REGION, ACCOUNT = "us-east-1", "111122223333"

function M.arn(segment, id) return M.INSTANCE .. "/" .. segment .. "/" .. id end
function M.number_arn(id) return ("arn:aws:connect:%s:%s:phone-number/%s"):format(REGION, ACCOUNT, id) end

function M.instance(assoc)
  local data = { Instance = { Arn = M.INSTANCE, Id = M.INSTANCE:match("[^/]+$"), InstanceAlias = "acme" } }
  if assoc ~= "DROP" then data.FlowAssociations = assoc or {} end
  return { type = "connect_instance", arn = M.INSTANCE, name = "acme", region = REGION, data = data }
end

function M.assoc(number_arn, flow_ref)
  return { ResourceId = number_arn, FlowId = flow_ref, ResourceType = "VOICE_PHONE_NUMBER" }
end

function M.number(id, o)
  o = o or {}
  local a = M.number_arn(id)
  local s = { PhoneNumberId = id, PhoneNumberArn = a, PhoneNumber = o.number or "+18005550100",
              PhoneNumberCountryCode = o.country or "US", PhoneNumberType = "DID",
              TargetArn = o.target or M.INSTANCE, InstanceId = M.INSTANCE:match("[^/]+$"),
              PhoneNumberStatus = { Status = o.status or "CLAIMED" } }
  for _, k in ipairs(o.drop or {}) do s[k] = nil end
  local data = { ClaimedPhoneNumberSummary = s }
  if o.unread then data = object{} end
  return { type = "connect_phone_number", arn = a, name = s.PhoneNumber, region = REGION, data = data }
end

function M.user(id, rp)
  local a = M.arn("agent", id)
  local data = { User = { Id = id, Arn = a, Username = id, RoutingProfileId = rp, SecurityProfileIds = {} } }
  if rp == "DROP" then data = object{} end
  return { type = "connect_user", arn = a, name = id, region = REGION, data = data }
end

function M.queue(id, qcs)
  local a = M.arn("queue", id)
  local data = { Queue = { QueueId = id, QueueArn = a, Name = id } }
  if qcs ~= "DROP" then
    data.QuickConnects = {}
    for i, q in ipairs(qcs or {}) do
      data.QuickConnects[i] = { Id = q, Arn = M.arn("transfer-destination", q), Name = q, QuickConnectType = "QUEUE" }
    end
  end
  return { type = "connect_queue", arn = a, name = id, region = REGION, data = data }
end

function M.profile(id, queue_ids, users)
  local a = M.arn("routing-profile", id)
  local data = { RoutingProfile = { RoutingProfileId = id, RoutingProfileArn = a, Name = id,
                                    NumberOfAssociatedUsers = users } }
  if queue_ids ~= "DROP" then
    data.Queues = {}
    for i, q in ipairs(queue_ids or {}) do
      data.Queues[i] = { QueueId = q, QueueArn = M.arn("queue", q), QueueName = q, Priority = 1, Delay = 0,
                         Channel = "VOICE" }
    end
  end
  return { type = "connect_routing_profile", arn = a, name = id, region = REGION, data = data }
end

local CONFIG = { USER = "UserConfig", QUEUE = "QueueConfig", PHONE_NUMBER = "PhoneConfig", FLOW = "FlowConfig" }

function M.qc(id, qtype, cfg)
  local a = M.arn("transfer-destination", id)
  local c = { QuickConnectType = qtype }
  if CONFIG[qtype] then c[CONFIG[qtype]] = cfg end
  return { type = "connect_quick_connect", arn = a, name = id, region = REGION,
           data = { QuickConnect = { QuickConnectARN = a, QuickConnectId = id, Name = id, QuickConnectConfig = c } } }
end

function M.list_error(op)
  return { arn = M.INSTANCE, operation = op, code = "AccessDeniedException", message = "not authorized" }
end

return M
