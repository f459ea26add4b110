-- BASE-CMP-007: an agent dialer's queue is staffed: at least one routing
-- profile of the instance takes the queue on the VOICE channel and at least
-- one user holds such a profile. The public config rules count routing
-- profiles by a regular-expression search of each profile's text for the
-- queue ID (campaigns-queue-routingprofile-count) and sum their
-- NumberOfAssociatedUsers (campaigns-user-count, which never reports
-- non-compliant); here the profiles' queue lists (ListRoutingProfileQueues)
-- and the users' RoutingProfileId decide, on the VOICE channel, and missing
-- evidence is `error`.
local campaigns = require "campaigns"
local collection = require "collection"
local refs = require "flowrefs"

return {
  id = "BASE-CMP-007",
  title = "An agent-dialed campaign's queue is taken on voice by a routing profile that users hold",
  severity = "medium",
  practice = "FLOW-9",
  controls = { BASELINE = { "FLOW-9" } },
  resource = campaigns.TYPES,
  rationale = "A progressive, predictive or preview dialer dials only as agents of its queue become free: with "
    .. "no routing profile taking the queue on voice, or no user on such a profile, the campaign never dials, or "
    .. "(predictive) connects answered calls to nobody.",
  remediation = "Amazon Connect console > Routing profiles: add the campaign's queue with the Voice channel to the "
    .. "outbound agents' routing profile (aws connect associate-routing-profile-queues), and assign that profile "
    .. "to the agents (aws connect update-user-routing-profile).",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, true)
    if not t then return end
    if not t.queue_id then
      return ctx:fail(("campaign %s (%s dialer) names no queue"):format(t.name, t.mode),
        { path = t.path.queue, expected = "the agents' queue" })
    end
    local hits = campaigns.queue_profiles(ctx, t)
    if not hits then return end
    local voice = {}
    local ev = { { path = t.path.queue } }
    for _, h in ipairs(hits) do
      for _, e in ipairs(h.entries) do
        if e.entry.Channel == "VOICE" then
          voice[h.rp.data.RoutingProfile and h.rp.data.RoutingProfile.RoutingProfileId or h.rp.arn:match("[^/]+$")] = h.rp
          ev[#ev + 1] = { path = e.path .. "/Channel", expected = "VOICE" }
        end
      end
    end
    if next(voice) == nil then
      return ctx:fail(("campaign %s: no routing profile of the instance takes its queue on voice (%d take it at all)")
        :format(t.name, #hits), { path = t.path.queue, expected = "a routing profile taking the queue on VOICE" })
    end
    local user_errs = {}
    for _, e in ipairs(collection.errors_for(ctx, t.instance_arn)) do
      if tostring(e.operation):find("User", 1, true) then user_errs[#user_errs + 1] = e end
    end
    if #user_errs > 0 then
      return ctx:error(("campaign %s: the instance's users are not in the snapshot (%s)"):format(t.name,
        collection.summary(user_errs)), ev)
    end
    local prefix = t.instance_arn .. "/agent/"
    local n = 0
    for uarn, u in ctx:resources("connect_user") do
      if uarn:sub(1, #prefix) == prefix then
        local usr = u.data.User
        if usr == nil then
          return ctx:error(("campaign %s: user %s is not described (%s)"):format(t.name, u.name or uarn,
            collection.explain(ctx, uarn)), { path = refs.container_ptr(u) .. "/data/User" })
        end
        if voice[usr.RoutingProfileId] then
          n = n + 1
          if n <= 20 then ev[#ev + 1] = { path = refs.container_ptr(u) .. "/data/User/RoutingProfileId" } end
        end
      end
    end
    if n == 0 then
      return ctx:fail(("campaign %s: no user holds a routing profile that takes its queue on voice"):format(t.name), ev)
    end
    ctx:pass(("campaign %s: %d user(s) on routing profile(s) taking its queue on voice"):format(t.name, n), ev)
  end,
}
