local T = require "testkit.storage"
local I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
local function inst(enc)
  return { arn = I, name = "acme-prod", region = "us-east-1",
           data = { CampaignInstanceConfig = { connectInstanceId = "4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33",
             serviceLinkedRoleArn = "arn:aws:iam::111122223333:role/aws-service-role/connect-campaigns.amazonaws.com/X",
             encryptionConfig = enc } } }
end

return {
  { name = "a customer managed key passes", resource = inst({ enabled = true, encryptionType = "KMS", keyArn = T.CMK }),
    others = T.keys(), expect = "pass", message = "Outbound campaign data of instance acme-prod" },
  { name = "an AWS managed key fails", resource = inst({ enabled = true, encryptionType = "KMS", keyArn = T.AWSKEY }),
    others = T.keys(), expect = "fail" },
  { name = "encryption not enabled is AWS's own key: fails", resource = inst({ enabled = false }),
    others = T.keys(), expect = "fail", message = "AWS owned key" },
  { name = "campaign_key_level external fails a customer managed key",
    resource = inst({ enabled = true, encryptionType = "KMS", keyArn = T.CMK }), others = T.keys(),
    params = { campaign_key_level = "external" }, expect = "fail" },
  { name = "a key not in the snapshot is an error", resource = inst({ enabled = true, encryptionType = "KMS", keyArn = T.CMK }),
    expect = "error", message = "not in the snapshot" },
  { name = "not onboarded is not applicable",
    resource = { arn = I, name = "acme-prod", region = "us-east-1", data = { CampaignInstanceConfig = null } },
    expect = "skipped" },
  { name = "the config not collected is an error",
    resource = { arn = I, name = "acme-prod", region = "us-east-1", data = object{} },
    errors = { { arn = I, operation = "connectcampaignsv2:GetConnectInstanceConfig", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "neither version served in the region: the config's error quotes the region's entries",
    resource = { arn = I, name = "acme-prod", region = "us-east-1", data = object{} },
    errors = { { arn = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/*",
                 operation = "connectcampaignsv2:ListCampaigns", code = "UnknownOperationException", message = "no v2" },
               { arn = "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/*",
                 operation = "connectcampaigns:ListCampaigns", code = "ConnectionError", message = "no host" } },
    expect = "error", message = "connectcampaigns:ListCampaigns failed: ConnectionError" },
  { name = "enabled without a keyArn is an error (the model requires a key with KMS)",
    resource = inst({ enabled = true, encryptionType = "KMS" }), others = T.keys(), expect = "error",
    message = "keyArn" },
}
