-- campaigns: one reading of an outbound campaign of either API generation
-- (docs/snapshot.md: connect_campaign_v2 {Campaign, State} from
-- connectcampaignsv2:DescribeCampaign, connect_campaign_v1 from the older
-- connectcampaigns API), for the BASE-CMP rules.
--
-- API:
--   campaigns.TYPES                 {"connect_campaign_v2", "connect_campaign_v1"}
--   campaigns.read(ctx, r) -> t     the campaign's voice settings (ctx:need on data.Campaign:
--                                   not collected -> the check stops with `error`):
--     t.name, t.version (1|2), t.c (the Campaign view)
--     t.instance_id, t.instance_arn (built from the campaign ARN's partition, region, account)
--     t.telephony   false for a v2 campaign without a telephony channel (SMS, email, WhatsApp only)
--     t.mode        "progressive" | "predictive" | "agentless" | "preview" | nil (none set)
--     t.queue_id, t.flow_id, t.source_number, t.amd (boolean or nil), t.bandwidth, t.capacity,
--     t.ring_timeout, t.preview_timeout: the values (nil when absent)
--     t.path.X      the JSON pointer (relative to the resource) of each of those members
--   campaigns.agent_mode(mode)      true for the dialers that connect answered calls to agents
--   campaigns.queue_arn(t), campaigns.flow_arn(t)  the ARNs the campaign's IDs name (an ID that is
--                                   already an ARN is kept)
--   campaigns.voice(ctx, r, agents_only) -> t, or nil once it recorded the finding: `skipped` for a
--                                   campaign without telephony (or, agents_only, an agentless one),
--                                   `error` for a telephony campaign with no dialer mode
--   campaigns.flow(ctx, t) -> the flow resource the campaign runs, or nil once it recorded `error`
--   campaigns.queue_profiles(ctx, t) -> list of {rp, entries = {{entry, path}…}}: the instance's
--                                   routing profiles whose Queues hold the campaign's queue; nil once
--                                   it recorded `error` (profiles or their Queues not collected, or
--                                   no profile of the instance at all: every instance has one)
--   campaigns.config_missing(ctx, inst) records the `error` for an instance whose CampaignInstanceConfig
--                                   was not collected, quoting its own entries and the region's
--                                   (a version the region does not serve, or denies, is asked nowhere)
--   campaigns.instance_campaigns(ctx, instance_arn) -> list of campaign resources of the instance
local arn = require "arn"
local collection = require "collection"
local refs = require "flowrefs"

local M = {}

M.TYPES = { "connect_campaign_v2", "connect_campaign_v1" }

local MODES = { "progressive", "predictive", "agentless", "preview" }
local AGENT = { progressive = true, predictive = true, preview = true }

function M.agent_mode(mode) return AGENT[mode] == true end

local function num(v) return type(v) == "number" and v or nil end
local function str(v) return type(v) == "string" and v or nil end

function M.read(ctx, r)
  local c = ctx:need(r.data, "Campaign")
  local t = { c = c, name = str(c.name) or r.name or r.arn, path = {} }
  local p = arn.parse(r.arn) or {}
  t.instance_id = str(c.connectInstanceId)
  if t.instance_id and p.region and p.account then
    t.instance_arn = ("arn:%s:connect:%s:%s:instance/%s"):format(p.partition or "aws", p.region, p.account,
      t.instance_id)
  end
  t.path.instance = "data/Campaign/connectInstanceId"
  if r.type == "connect_campaign_v1" then
    t.version = 1
    t.telephony = true
    local d = c.dialerConfig
    local o = c.outboundCallConfig
    for _, m in ipairs(MODES) do
      local cfg = d and d[m .. "DialerConfig"]
      if cfg then
        t.mode = m
        local base = "data/Campaign/dialerConfig/" .. m .. "DialerConfig"
        t.path.mode = base
        t.bandwidth, t.path.bandwidth = num(cfg.bandwidthAllocation), base .. "/bandwidthAllocation"
        t.capacity, t.path.capacity = num(cfg.dialingCapacity), base .. "/dialingCapacity"
        break
      end
    end
    t.path.mode = t.path.mode or "data/Campaign/dialerConfig"
    local ob = "data/Campaign/outboundCallConfig"
    t.queue_id, t.path.queue = str(o and o.connectQueueId), ob .. "/connectQueueId"
    t.flow_id, t.path.flow = str(o and o.connectContactFlowId), ob .. "/connectContactFlowId"
    t.source_number, t.path.source = str(o and o.connectSourcePhoneNumber), ob .. "/connectSourcePhoneNumber"
    local amd = o and o.answerMachineDetectionConfig
    if amd then t.amd = amd.enableAnswerMachineDetection == true end
    t.path.amd = ob .. "/answerMachineDetectionConfig/enableAnswerMachineDetection"
    t.path.config = ob
    return t
  end
  t.version = 2
  local tel = c.channelSubtypeConfig and c.channelSubtypeConfig.telephony
  t.telephony = tel and true or false
  local base = "data/Campaign/channelSubtypeConfig/telephony"
  t.path.config = base
  if not tel then return t end
  local om = tel.outboundMode
  for _, m in ipairs(MODES) do
    local cfg = om and om[m]
    if cfg then
      t.mode = m
      t.path.mode = base .. "/outboundMode/" .. m
      t.bandwidth, t.path.bandwidth = num(cfg.bandwidthAllocation), t.path.mode .. "/bandwidthAllocation"
      if m == "preview" and cfg.timeoutConfig then
        t.preview_timeout = num(cfg.timeoutConfig.durationInSeconds)
      end
      t.path.preview_timeout = t.path.mode .. "/timeoutConfig/durationInSeconds"
      break
    end
  end
  t.path.mode = t.path.mode or base .. "/outboundMode"
  t.capacity, t.path.capacity = num(tel.capacity), base .. "/capacity"
  t.queue_id, t.path.queue = str(tel.connectQueueId), base .. "/connectQueueId"
  local d = tel.defaultOutboundConfig
  local db = base .. "/defaultOutboundConfig"
  t.flow_id, t.path.flow = str(d and d.connectContactFlowId), db .. "/connectContactFlowId"
  t.source_number, t.path.source = str(d and d.connectSourcePhoneNumber), db .. "/connectSourcePhoneNumber"
  local amd = d and d.answerMachineDetectionConfig
  if amd then t.amd = amd.enableAnswerMachineDetection == true end
  t.path.amd = db .. "/answerMachineDetectionConfig/enableAnswerMachineDetection"
  t.ring_timeout, t.path.ring = num(d and d.ringTimeout), db .. "/ringTimeout"
  return t
end

local function under(t, id, kind)
  if not id then return nil end
  if id:sub(1, 4) == "arn:" then return id end
  if not t.instance_arn then return nil end
  return t.instance_arn .. "/" .. kind .. "/" .. id
end

function M.queue_arn(t) return under(t, t.queue_id, "queue") end
function M.flow_arn(t) return under(t, t.flow_id, "contact-flow") end

function M.voice(ctx, r, agents_only)
  local t = M.read(ctx, r)
  if not t.telephony then
    ctx:skip(("campaign %s has no telephony channel (SMS, email or WhatsApp only)"):format(t.name))
    return nil
  end
  if not t.mode then
    ctx:error(("campaign %s names no dialer mode (progressive, predictive, agentless or preview)"):format(t.name),
      { path = t.path.mode, expected = "one dialer mode" })
    return nil
  end
  if agents_only and not M.agent_mode(t.mode) then
    ctx:skip(("campaign %s dials %s: no agent takes its calls"):format(t.name, t.mode))
    return nil
  end
  return t
end

-- errors[] entries of the instance for operations whose name holds `what`.
local function instance_errors(ctx, inst_arn, what)
  local out = {}
  for _, e in ipairs(collection.errors_for(ctx, inst_arn)) do
    if tostring(e.operation):find(what, 1, true) then out[#out + 1] = e end
  end
  return out
end

function M.flow(ctx, t)
  local farn = M.flow_arn(t)
  local f = farn and ctx:lookup("connect_contact_flow", farn)
  if f then return f end
  local errs = t.instance_arn and instance_errors(ctx, t.instance_arn, "ContactFlow") or {}
  if farn then for _, e in ipairs(collection.errors_for(ctx, farn)) do errs[#errs + 1] = e end end
  ctx:error(("campaign %s: its contact flow %s is not in the snapshot (%s)"):format(t.name,
    tostring(farn or t.flow_id), collection.summary(errs)),
    { path = t.path.flow, expected = "a contact flow of the instance in the snapshot" })
  return nil
end

function M.queue_profiles(ctx, t)
  local qarn = M.queue_arn(t)
  local errs = t.instance_arn and instance_errors(ctx, t.instance_arn, "RoutingProfile") or {}
  if #errs > 0 or not t.instance_arn then
    ctx:error(("campaign %s: the instance's routing profiles are not all in the snapshot (%s)"):format(t.name,
      collection.summary(errs)), { path = t.path.instance, expected = "the instance's routing profiles collected" })
    return nil
  end
  local prefix = t.instance_arn .. "/routing-profile/"
  local out, any = {}, false
  for rarn, rp in ctx:resources("connect_routing_profile") do
    if rarn:sub(1, #prefix) == prefix then
      any = true
      if rp.data.Queues == nil or rp.data.Queues == false then
        refs.need(ctx, rp, "Queues")
        return nil
      end
      local hit = { rp = rp, entries = {} }
      for i, q in ipairs(rp.data.Queues) do
        if (t.queue_id and q.QueueId == t.queue_id) or (qarn and q.QueueArn == qarn) then
          hit.entries[#hit.entries + 1] = { entry = q, path = refs.container_ptr(rp) .. ("/data/Queues/%d"):format(i - 1) }
        end
      end
      if #hit.entries > 0 then out[#out + 1] = hit end
    end
  end
  if not any then
    -- Every instance has a routing profile (the default one): none means they were not collected.
    ctx:error(("campaign %s: the snapshot holds no routing profile of instance %s (every instance has one: not "
      .. "collected)"):format(t.name, t.instance_arn), { path = t.path.instance, expected = "the instance's routing profiles" })
    return nil
  end
  return out
end

function M.config_missing(ctx, inst)
  local errs = {}
  for _, e in ipairs(collection.errors_for(ctx, inst.arn)) do
    if tostring(e.operation):find("^connectcampaigns") then errs[#errs + 1] = e end
  end
  for _, op in ipairs({ "connectcampaignsv2:ListCampaigns", "connectcampaigns:ListCampaigns" }) do
    for _, e in ipairs(collection.errors_for_op(ctx, op, inst.region)) do errs[#errs + 1] = e end
  end
  ctx:error(("Instance %s: its Outbound Campaigns config (GetConnectInstanceConfig) is not in the snapshot (%s)")
    :format(inst.name or inst.arn, collection.summary(errs)),
    { path = "data/CampaignInstanceConfig", expected = "the instance's Outbound Campaigns config, or null" })
end

-- The snapshot's campaigns (both types) whose connectInstanceId is the
-- instance's; a campaign not described (no Campaign) counts by its ARN's
-- listing on the instance instead (lists: the instance's CampaignsV1/V2).
function M.instance_campaigns(ctx, instance_arn)
  local out = {}
  for _, ty in ipairs(M.TYPES) do
    for _, r in ctx:resources(ty) do
      local c = r.data.Campaign
      local iid = c and c.connectInstanceId
      if type(iid) == "string" and instance_arn:sub(-#iid - 1) == "/" .. iid then out[#out + 1] = r end
    end
  end
  return out
end

return M
