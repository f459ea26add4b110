-- BASE-CMP-009: every routing profile that takes an agent dialer's queue
-- takes it on the VOICE channel only. A chat, task or email entry for the
-- campaign's queue lets other contacts occupy the agents the dialer counts
-- as free for its calls. As the public config rule
-- campaigns-queue-rp-non-voice-enabled, from the profiles' queue lists, with
-- a profile whose queues were not collected `error`.
local campaigns = require "campaigns"

return {
  id = "BASE-CMP-009",
  title = "Routing profiles take an agent-dialed campaign's queue on voice only",
  severity = "low",
  practice = "FLOW-9",
  controls = { BASELINE = { "FLOW-9" } },
  resource = campaigns.TYPES,
  rationale = "The dialer paces its calls on agents free in the campaign's queue; a routing profile that also "
    .. "routes chats, tasks or emails of that queue to them makes the dialer place calls no agent is free to take.",
  remediation = "Amazon Connect console > Routing profiles > the profile: remove the non-voice channels of the "
    .. "campaign's queue (aws connect disassociate-routing-profile-queues --queue-references "
    .. "QueueId=Q,Channel=CHAT).",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, true)
    if not t then return end
    if not t.queue_id then return ctx:skip(("campaign %s names no queue (BASE-CMP-007)"):format(t.name)) end
    local hits = campaigns.queue_profiles(ctx, t)
    if not hits then return end
    if #hits == 0 then
      return ctx:skip(("campaign %s: no routing profile takes its queue (BASE-CMP-007)"):format(t.name))
    end
    local bad_ev, ok_ev, names = { { path = t.path.queue } }, { { path = t.path.queue } }, {}
    for _, h in ipairs(hits) do
      for _, e in ipairs(h.entries) do
        local item = { path = e.path .. "/Channel", expected = "VOICE" }
        if e.entry.Channel ~= "VOICE" then
          names[#names + 1] = ("%s (%s)"):format(h.rp.name or h.rp.arn, tostring(e.entry.Channel))
          bad_ev[#bad_ev + 1] = item
        else
          ok_ev[#ok_ev + 1] = item
        end
      end
    end
    if #names > 0 then
      return ctx:fail(("campaign %s: its queue is routed on other channels too: %s"):format(t.name,
        table.concat(names, ", ")), bad_ev)
    end
    ctx:pass(("campaign %s: %d routing profile(s) take its queue on voice only"):format(t.name, #hits), ok_ev)
  end,
}
