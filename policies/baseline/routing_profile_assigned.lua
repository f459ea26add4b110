-- BASE-RP-001 (DEV-1): every routing profile is assigned to at least one
-- user. A profile nobody holds is configuration no contact reaches through
-- -- left over, or agents the business expects on a channel who are not
-- there (aws-samples/amazon-connect-config-rules unassigned-routing-profiles).
-- Evidence, strongest first: the profile's own NumberOfAssociatedUsers
-- (SearchRoutingProfiles / DescribeRoutingProfile); else the users'
-- RoutingProfileId, when the snapshot holds every user of the instance and
-- each user's record; else `error`.
local inventory = require "inventory"
local refs = require "flowrefs"
local collection = require "collection"

return {
  id = "BASE-RP-001",
  title = "Every routing profile is assigned to at least one user",
  severity = "low",
  practice = "DEV-1",
  controls = { BASELINE = { "DEV-1" } },
  resource = "connect_routing_profile",
  rationale = "A routing profile no user holds routes no contact: its queues and channels are staffed by "
    .. "nobody through it, and unused profiles make the per-stage configuration harder to keep right.",
  remediation = "Assign the profile to the agents who need it (Users > User management > user > Routing "
    .. "profile; aws connect update-user-routing-profile), or delete it.",
  check = function(r, ctx)
    local name = r.name or r.arn
    local rp = ctx:need(r.data, "RoutingProfile")
    local n = rp.NumberOfAssociatedUsers
    if type(n) == "number" then
      local ev = { path = ctx:ptr(rp, "NumberOfAssociatedUsers"), expected = "at least 1" }
      if n > 0 then
        ctx:pass(("%s is assigned to %d user(s)"):format(name, n), ev)
      else
        ctx:fail(("%s is assigned to no user (NumberOfAssociatedUsers 0)"):format(name), ev)
      end
      return
    end
    local inst_arn = refs.instance_arn(r.arn)
    if not inst_arn or not ctx:lookup("connect_instance", inst_arn) then
      refs.missing_instance(ctx, r, inst_arn)
      return
    end
    local id = r.arn:match("/routing%-profile/([^/]+)$")
    -- RoutingProfileId -> first user holding it (ARN order), once per instance
    local held = ctx:once("rp-users:" .. inst_arn, function()
      local by, unread = {}, nil
      for _, u in ipairs(inventory.of(ctx, "users", inst_arn).list) do
        local rec = u.data.User
        local uid = rec and rec.RoutingProfileId
        if type(uid) ~= "string" then unread = unread or u
        elseif not by[uid] then by[uid] = u end
      end
      return { by = by, unread = unread }
    end)
    local unread = held.unread
    local u = held.by[id] or held.by[r.arn]
    if u then
      ctx:pass(("%s is the routing profile of user %s"):format(name, u.name or u.arn),
        { path = refs.container_ptr(u) .. "/data/User/RoutingProfileId", expected = id })
      return
    end
    local ok, why = inventory.complete(ctx, "users", inst_arn)
    if not ok then
      ctx:error(("%s: NumberOfAssociatedUsers not collected, no user in the snapshot holds it, and %s")
        :format(name, why), { path = ctx:ptr(rp) .. "/NumberOfAssociatedUsers", expected = "a count" })
      return
    end
    if unread then
      ctx:error(("%s: no user read holds it, but user %s's routing profile is not known (%s)")
        :format(name, unread.name or unread.arn, collection.explain(ctx, unread.arn)),
        { path = refs.container_ptr(unread) .. "/data/User/RoutingProfileId", expected = "RoutingProfileId" })
      return
    end
    ctx:fail(("%s is the routing profile of none of the instance's users"):format(name),
      { path = refs.container_ptr(r), expected = "some user's RoutingProfileId",
        note = "no collected user's RoutingProfileId names it" })
  end,
}
