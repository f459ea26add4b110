-- BASE-CMP-001: an instance that runs outbound campaigns can dial out and is
-- onboarded to them: outbound calling enabled (OUTBOUND_CALLS attribute, else
-- DescribeInstance OutboundCallsEnabled), and Outbound Campaigns' instance
-- config present with its service-linked role (GetConnectInstanceConfig).
-- The public config rules (aws-samples/amazon-connect-config-rules,
-- campaigns.yml) fail every instance without outbound calling or without an
-- onboarding, and one created before 2022-05-01; here an instance with no
-- campaign is not applicable, the onboarding itself is read instead of the
-- creation date it stands for, and a list that could not be read is `error`.
local campaigns = require "campaigns"
local collection = require "collection"
local flow = require "flow"

local function outbound(r)
  local attrs = r.data.Attributes
  if flow.is_view(attrs) then
    for i, a in ipairs(attrs) do
      if flow.is_view(a) and a.AttributeType == "OUTBOUND_CALLS" then
        return flow.truthy(a.Value), ("data/Attributes/%d/Value"):format(i - 1)
      end
    end
  end
  local di = r.data.Instance
  if flow.is_view(di) and type(di.OutboundCallsEnabled) == "boolean" then
    return di.OutboundCallsEnabled, "data/Instance/OutboundCallsEnabled"
  end
  return nil
end

local LISTS = { { "CampaignsV2", "connectcampaignsv2:ListCampaigns" }, { "CampaignsV1", "connectcampaigns:ListCampaigns" } }

return {
  id = "BASE-CMP-001",
  title = "An instance with outbound campaigns has outbound calling enabled and is onboarded to Outbound Campaigns",
  severity = "medium",
  practice = "TEL-2",
  controls = { BASELINE = { "TEL-2" } },
  resource = "connect_instance",
  rationale = "Outbound campaigns place their calls through the instance: with outbound calling disabled, or "
    .. "without the instance's Outbound Campaigns configuration and its service-linked role "
    .. "(AWSServiceRoleForConnectCampaigns), no campaign call is placed, silently.",
  remediation = "Amazon Connect console > the instance > Telephony: enable Make outbound calls (aws connect "
    .. "update-instance-attribute --attribute-type OUTBOUND_CALLS --value true); Amazon Connect console > the "
    .. "instance > Outbound campaigns: enable (aws connectcampaignsv2 start-instance-onboarding-job "
    .. "--connect-instance-id ID --encryption-config enabled=true,encryptionType=KMS,keyArn=KEY_ARN).",
  check = function(r, ctx)
    local name = r.name or r.arn
    local n, missing, ev = 0, {}, {}
    for _, l in ipairs(LISTS) do
      local list = r.data[l[1]]
      if flow.is_view(list) then
        n = n + #list
        ev[#ev + 1] = { path = "data/" .. l[1], note = ("%d campaign(s)"):format(#list) }
      else
        local errs = collection.errors_for(ctx, r.arn, l[2])
        for _, e in ipairs(collection.errors_for_op(ctx, l[2], r.region)) do errs[#errs + 1] = e end
        missing[#missing + 1] = ("%s not listed (%s)"):format(l[1], collection.summary(errs))
      end
    end
    if n == 0 and #missing > 0 then
      return ctx:error(("Instance %s: whether it runs outbound campaigns is not known: %s"):format(name,
        table.concat(missing, "; ")), { path = "data", expected = "CampaignsV2 and CampaignsV1 collected" })
    end
    if n == 0 then
      return ctx:skip(("Instance %s has no outbound campaign"):format(name))
    end
    local on, on_path = outbound(r)
    if on == nil then
      ctx:need(r.data, "Attributes")
      return ctx:error(("Instance %s: no OUTBOUND_CALLS attribute and no Instance.OutboundCallsEnabled"):format(name),
        { path = "data/Attributes", expected = "an OUTBOUND_CALLS entry" })
    end
    local cfg = r.data.CampaignInstanceConfig
    if cfg == nil then return campaigns.config_missing(ctx, r) end
    local problems = {}
    ev[#ev + 1] = { path = on_path, expected = true }
    if not on then problems[#problems + 1] = "outbound calling is disabled" end
    if cfg == false then
      problems[#problems + 1] = "it is not onboarded to Outbound Campaigns (GetConnectInstanceConfig: no config)"
      ev[#ev + 1] = { path = "data/CampaignInstanceConfig", expected = "the instance's campaign config" }
    else
      local slr = cfg.serviceLinkedRoleArn
      ev[#ev + 1] = { path = "data/CampaignInstanceConfig/serviceLinkedRoleArn", expected = "the service-linked role's ARN" }
      if type(slr) ~= "string" or slr == "" then
        problems[#problems + 1] = "its campaign config names no service-linked role"
      end
    end
    local more = #missing > 0 and (" (" .. table.concat(missing, "; ") .. ")") or ""
    if #problems > 0 then
      return ctx:fail(("Instance %s has %d outbound campaign(s) but %s%s"):format(name, n,
        table.concat(problems, " and "), more), ev)
    end
    ctx:pass(("Instance %s has %d outbound campaign(s), outbound calling enabled and its Outbound Campaigns config "
      .. "with a service-linked role%s"):format(name, n, more), ev)
  end,
}
