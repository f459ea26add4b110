-- BASE-CMP-008: the agents a progressive or predictive dialer connects
-- answered calls to accept them automatically: every user whose routing
-- profile takes the campaign's queue on voice has auto-accept on for voice
-- (User.AutoAcceptConfigs' VOICE entry, else PhoneConfig.AutoAccept). As
-- the public config rule campaigns-users-auto-accept, with the profiles
-- found by their queue lists rather than a text search, and users the
-- snapshot could not describe `error`. A preview dialer is not applicable:
-- the agent accepts the preview on purpose.
local campaigns = require "campaigns"
local refs = require "flowrefs"

local function auto_accept(u, base)
  for i, c in ipairs(u.AutoAcceptConfigs or {}) do
    if c.Channel == "VOICE" and type(c.AutoAccept) == "boolean" then
      return c.AutoAccept, base .. ("/AutoAcceptConfigs/%d/AutoAccept"):format(i - 1)
    end
  end
  local pc = u.PhoneConfig
  if pc and type(pc.AutoAccept) == "boolean" then return pc.AutoAccept, base .. "/PhoneConfig/AutoAccept" end
  return nil, base .. "/PhoneConfig"
end

return {
  id = "BASE-CMP-008",
  title = "Agents taking a progressive or predictive campaign's calls have auto-accept on",
  severity = "low",
  practice = "FLOW-9",
  controls = { BASELINE = { "FLOW-9" } },
  resource = campaigns.TYPES,
  rationale = "A progressive or predictive dialer calls the customer first: every second an agent takes to click "
    .. "Accept is silence after the customer's hello, and a missed accept abandons an answered call.",
  remediation = "Amazon Connect console > Users > the agent > Settings: Auto-accept calls; or aws connect "
    .. "update-user-phone-config --phone-config PhoneType=SOFT_PHONE,AutoAccept=true --user-id ID --instance-id ID.",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, true)
    if not t then return end
    if t.mode == "preview" then
      return ctx:skip(("campaign %s dials preview: agents accept on purpose"):format(t.name))
    end
    if not t.queue_id then return ctx:skip(("campaign %s names no queue (BASE-CMP-007)"):format(t.name)) end
    local hits = campaigns.queue_profiles(ctx, t)
    if not hits then return end
    local voice = {}
    for _, h in ipairs(hits) do
      for _, e in ipairs(h.entries) do
        if e.entry.Channel == "VOICE" then voice[h.rp.arn:match("[^/]+$")] = true end
      end
    end
    local prefix = t.instance_arn .. "/agent/"
    local items = {}
    for uarn, u in ctx:resources("connect_user") do
      if uarn:sub(1, #prefix) == prefix then
        local usr = u.data.User
        local base = refs.container_ptr(u) .. "/data/User"
        if usr == nil then
          items[#items + 1] = { status = "error", text = ("user %s not described"):format(u.name or uarn),
                                ev = { { path = base } } }
        elseif voice[usr.RoutingProfileId] then
          local on, path = auto_accept(usr, base)
          local who = usr.Username or u.name or uarn
          if on == nil then
            items[#items + 1] = { status = "error", text = ("user %s has no auto-accept setting"):format(who),
                                  ev = { { path = path } } }
          else
            items[#items + 1] = { status = on and "pass" or "fail", text = ("%s auto-accept %s"):format(who, on and "on" or "off"),
                                  ev = { { path = path, expected = true } } }
          end
        end
      end
    end
    refs.report(ctx, ("campaign %s (%s dialer): agents on its queue"):format(t.name, t.mode), items,
      { none = "no user holds a routing profile taking its queue on voice (BASE-CMP-007)",
        words = { pass = "auto-accept", fail = "do not auto-accept", error = "cannot be read" } })
  end,
}
