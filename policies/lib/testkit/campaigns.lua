-- testkit.campaigns -- builders for the outbound-campaign rules' tests
-- (BASE-CMP-*): campaigns of both API generations as the collector stores
-- them (docs/snapshot.md: connect_campaign_v2 / _v1 {Campaign, State}) and
-- the instance objects they name. For test files only (object{}).
--   ck.v2(o), ck.v1(o)   a campaign resource; o (all optional): mode ("progressive"), bandwidth (0.8),
--                        capacity (1.0), queue (ck.QUEUE; false: none), flow (ck.FLOW), source
--                        ("+18005550100"; false: none), amd (true; nil-able through o.no_amd),
--                        ring (20, v2), preview_timeout (30, preview), state ("Running"),
--                        no_telephony (v2: an SMS-only campaign), instance (ck.IID)
--   ck.instance()        the connect_instance ck.INSTANCE
--   ck.queue([id])       a connect_queue of it (default ck.QUEUE)
--   ck.flow([actions, start])  the campaign's contact flow (ck.FLOW); default: transfer to queue
--   ck.rp(id, queues)    a connect_routing_profile with Queues {{queue_id, channel}, …}
--   ck.user(id, rp, auto) a connect_user on routing profile rp, PhoneConfig.AutoAccept = auto
--   ck.number(e164)      a connect_phone_number claimed by the instance
--   ck.world()           { ck.instance(), ck.queue(), ck.flow() }
local fk = require "testkit.flow"

local M = {}

M.INSTANCE = fk.INSTANCE
M.IID = "4f1c2b7e-0d3a-4c55-9b61-5e2f8a9c0d11"
M.ARN = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/c1"
M.QUEUE = "e1d2c3b4-0000-4000-8000-000000000002"
M.FLOW = "campaignFlow"

local function pick(o, k, d)
  if o[k] == nil then return d end
  if o[k] == false then return nil end
  return o[k]
end

function M.v2(o)
  o = o or {}
  local mode = o.mode or "progressive"
  local om = {}
  if mode == "agentless" then om.agentless = object{}
  elseif mode == "preview" then
    om.preview = { bandwidthAllocation = o.bandwidth or 0.8,
                   timeoutConfig = { durationInSeconds = o.preview_timeout or 30 } }
  else om[mode] = { bandwidthAllocation = o.bandwidth or 0.8 } end
  local dc = { connectContactFlowId = o.flow or M.FLOW, connectSourcePhoneNumber = pick(o, "source", "+18005550100"),
               ringTimeout = pick(o, "ring", 20) }
  if not o.no_amd then dc.answerMachineDetectionConfig = { enableAnswerMachineDetection = o.amd ~= false } end
  local tel = { capacity = o.capacity or 1.0, connectQueueId = pick(o, "queue", mode ~= "agentless" and M.QUEUE or nil),
                outboundMode = om, defaultOutboundConfig = dc }
  local cst = o.no_telephony and { sms = { outboundMode = { agentless = object{} },
      defaultOutboundConfig = { connectSourcePhoneNumberArn = "arn:aws:sms-voice:us-east-1:111122223333:phone-number/p",
                                wisdomTemplateArn = "arn:aws:wisdom:us-east-1:111122223333:message-template/k/t" } } }
    or { telephony = tel }
  return { type = "connect_campaign_v2", arn = M.ARN, name = o.name or "Renewals", region = "us-east-1",
    data = { Campaign = { id = "c1", arn = M.ARN, name = o.name or "Renewals", connectInstanceId = o.instance or M.IID,
                          channelSubtypeConfig = cst, tags = object{} },
             State = o.state or "Running" } }
end

function M.v1(o)
  o = o or {}
  local mode = o.mode or "progressive"
  local dc = {}
  if mode == "agentless" then dc.agentlessDialerConfig = { dialingCapacity = o.capacity or 1.0 }
  else dc[mode .. "DialerConfig"] = { bandwidthAllocation = o.bandwidth or 0.8, dialingCapacity = o.capacity or 1.0 } end
  local oc = { connectContactFlowId = o.flow or M.FLOW, connectSourcePhoneNumber = pick(o, "source", "+18005550100"),
               connectQueueId = pick(o, "queue", mode ~= "agentless" and M.QUEUE or nil) }
  if not o.no_amd then oc.answerMachineDetectionConfig = { enableAnswerMachineDetection = o.amd ~= false } end
  return { type = "connect_campaign_v1", arn = M.ARN, name = o.name or "Renewals", region = "us-east-1",
    data = { Campaign = { id = "c1", arn = M.ARN, name = o.name or "Renewals", connectInstanceId = o.instance or M.IID,
                          dialerConfig = dc, outboundCallConfig = oc, tags = object{} },
             State = o.state or "Running" } }
end

function M.instance()
  return { type = "connect_instance", arn = M.INSTANCE, name = "acme-prod", region = "us-east-1",
           data = { Instance = { Id = M.IID, Arn = M.INSTANCE, OutboundCallsEnabled = true } } }
end

function M.queue(id)
  id = id or M.QUEUE
  local a = M.INSTANCE .. "/queue/" .. id
  return { type = "connect_queue", arn = a, name = "Outbound Sales", region = "us-east-1",
           data = { Queue = { QueueId = id, QueueArn = a, Name = "Outbound Sales", Status = "ENABLED" } } }
end

function M.flow(actions, start)
  local f = fk.flow(M.FLOW, start or "q", actions or {
    fk.act("q", "TransferContactToQueue", object{}, nil, { { "QueueAtCapacity", "bye" }, { "NoMatchingError", "bye" } }),
    fk.bye() })
  f.type = "connect_contact_flow"
  return f
end

function M.rp(id, queues)
  local a = M.INSTANCE .. "/routing-profile/" .. id
  local qs = {}
  for i, q in ipairs(queues or {}) do
    qs[i] = { QueueId = q[1], QueueArn = M.INSTANCE .. "/queue/" .. q[1], QueueName = "q", Priority = 1, Delay = 0,
              Channel = q[2] or "VOICE" }
  end
  return { type = "connect_routing_profile", arn = a, name = id, region = "us-east-1",
           data = { RoutingProfile = { RoutingProfileId = id, Name = id }, Queues = qs } }
end

function M.user(id, rp, auto)
  local a = M.INSTANCE .. "/agent/" .. id
  return { type = "connect_user", arn = a, name = id, region = "us-east-1",
           data = { User = { Id = id, Arn = a, Username = id, RoutingProfileId = rp,
                             PhoneConfig = { PhoneType = "SOFT_PHONE", AutoAccept = auto } } } }
end

function M.number(e164)
  local a = "arn:aws:connect:us-east-1:111122223333:phone-number/" .. e164:sub(2)
  return { type = "connect_phone_number", arn = a, name = e164, region = "us-east-1",
           data = { ClaimedPhoneNumberSummary = { PhoneNumber = e164, PhoneNumberArn = a, TargetArn = M.INSTANCE } } }
end

function M.world() return { M.instance(), M.queue(), M.flow() } end

return M
