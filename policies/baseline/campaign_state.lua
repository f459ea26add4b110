-- BASE-CMP-006: no outbound campaign is in state Failed (GetCampaignState).
-- The public config rule campaigns-state calls every campaign that is not
-- Running non-compliant -- a campaign paused or stopped on purpose, or not
-- yet started, included, and one whose state could not be read as well.
-- Here Failed fails, any other state the API knows passes with the state as
-- evidence, and a state not collected is `error`.
local campaigns = require "campaigns"

local KNOWN = { Initialized = true, Running = true, Paused = true, Stopped = true, Completed = true }

return {
  id = "BASE-CMP-006",
  title = "No outbound campaign is in state Failed",
  severity = "low",
  practice = "CW-3",
  controls = { BASELINE = { "CW-3" } },
  resource = campaigns.TYPES,
  rationale = "A campaign in state Failed places no calls: customers who were due a reminder or a callback get "
    .. "none, and nothing else in Amazon Connect says so.",
  remediation = "Amazon Connect console > Outbound campaigns > the campaign: read the failure, fix its flow, queue, "
    .. "source number or instance onboarding, then start it again (aws connectcampaignsv2 start-campaign --id ID).",
  check = function(r, ctx)
    local name = (r.data.Campaign and r.data.Campaign.name) or r.name or r.arn
    local state = ctx:need(r.data, "State")
    local ev = { path = "data/State", expected = "not Failed" }
    if state == "Failed" then return ctx:fail(("campaign %s is in state Failed"):format(name), ev) end
    if not KNOWN[state] then
      return ctx:error(("campaign %s: state %s is not one GetCampaignState gives"):format(name, tostring(state)), ev)
    end
    ctx:pass(("campaign %s is %s"):format(name, state), ev)
  end,
}
