local ck = require "testkit.campaigns"

return {
  { name = "Running passes", resource = ck.v2(), expect = "pass", message = "is Running" },
  { name = "Paused on purpose passes", resource = ck.v1({ state = "Paused" }), expect = "pass", message = "is Paused" },
  { name = "Failed fails", resource = ck.v2({ state = "Failed" }), expect = "fail", message = "state Failed" },
  { name = "an unknown state is an error", resource = ck.v2({ state = "Exploded" }), expect = "error" },
  { name = "the state not collected is an error",
    resource = { type = "connect_campaign_v2", arn = ck.ARN, name = "Renewals", region = "us-east-1",
                 data = { Campaign = ck.v2().data.Campaign } },
    errors = { { arn = ck.ARN, operation = "connectcampaignsv2:GetCampaignState", code = "ThrottlingException",
                 message = "slow down" } },
    expect = "error", message = "ThrottlingException" },
}
