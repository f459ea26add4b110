local I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
local SLR = "arn:aws:iam::111122223333:role/aws-service-role/connect-campaigns.amazonaws.com/AWSServiceRoleForConnectCampaigns_X"
local C = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/c1"
local function inst(over, drop)
  local d = { Instance = { Id = "4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", OutboundCallsEnabled = true },
              Attributes = { { AttributeType = "OUTBOUND_CALLS", Value = "true" } },
              CampaignsV2 = { { id = "c1", arn = C, name = "Renewals", connectInstanceId = "x" } },
              CampaignsV1 = {},
              CampaignInstanceConfig = { connectInstanceId = "x", serviceLinkedRoleArn = SLR,
                                         encryptionConfig = { enabled = false } } }
  for k, v in pairs(over or {}) do d[k] = v end
  for _, k in ipairs(drop or {}) do d[k] = nil end
  return { arn = I, name = "acme-prod", region = "us-east-1", data = d }
end

return {
  { name = "campaigns, outbound on, onboarded passes", resource = inst(), expect = "pass", message = "1 outbound campaign" },
  { name = "outbound calling off fails",
    resource = inst({ Attributes = { { AttributeType = "OUTBOUND_CALLS", Value = "false" } } }),
    expect = "fail", message = "outbound calling is disabled" },
  { name = "the attribute missing falls back to DescribeInstance",
    resource = inst({ Attributes = {}, Instance = { OutboundCallsEnabled = false } }), expect = "fail" },
  { name = "not onboarded (null config) with campaigns fails",
    resource = inst({ CampaignInstanceConfig = null }), expect = "fail", message = "not onboarded" },
  { name = "a config without a service-linked role fails",
    resource = inst({ CampaignInstanceConfig = { connectInstanceId = "x", serviceLinkedRoleArn = "" } }),
    expect = "fail", message = "no service-linked role" },
  { name = "no campaign is not applicable, whatever the outbound setting",
    resource = inst({ CampaignsV2 = {}, Attributes = { { AttributeType = "OUTBOUND_CALLS", Value = "false" } },
                      CampaignInstanceConfig = null }),
    expect = "skipped" },
  { name = "v1 campaigns count too",
    resource = inst({ CampaignsV2 = {}, CampaignsV1 = { { id = "c2", arn = C .. "2", name = "Old", connectInstanceId = "x" } } }),
    expect = "pass" },
  { name = "a v1 endpoint that does not serve the region: v2's campaigns still judged, the gap named",
    resource = inst(nil, { "CampaignsV1" }),
    errors = { { arn = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/*",
                 operation = "connectcampaigns:ListCampaigns", code = "UnknownOperationException", message = "no v1" } },
    expect = "pass", message = "UnknownOperationException" },
  { name = "no list at all is an error quoting the region's entry",
    resource = inst(nil, { "CampaignsV1", "CampaignsV2" }),
    errors = { { arn = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/*",
                 operation = "connectcampaignsv2:ListCampaigns", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the config not collected is an error",
    resource = inst(nil, { "CampaignInstanceConfig" }),
    errors = { { arn = I, operation = "connectcampaignsv2:GetConnectInstanceConfig", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
