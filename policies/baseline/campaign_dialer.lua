-- BASE-CMP-003: an outbound campaign's dialer settings are within sane
-- bounds: one dialer mode; an agent dialer (progressive, predictive, preview)
-- gives its calls a share of the agents (bandwidthAllocation above 0 -- at 0
-- it never dials) and names a queue; the campaign's share of the instance's
-- outbound capacity (v2 capacity, v1 dialingCapacity) at most the pack's
-- campaign_max_capacity; the ring time before an unanswered call is dropped
-- (v2 ringTimeout) at least campaign_min_ring_seconds; a preview dialer's
-- preview time at least campaign_min_preview_seconds. A setting left to
-- AWS's default is named, not failed.
local campaigns = require "campaigns"
local refs = require "flowrefs"

return {
  id = "BASE-CMP-003",
  title = "An outbound campaign's dialer settings are within the pack's bounds",
  severity = "medium",
  practice = "TEL-4",
  controls = { BASELINE = { "TEL-4", "REG-4" } },
  resource = campaigns.TYPES,
  rationale = "A dialer that takes all of the instance's outbound capacity starves other campaigns and agents' "
    .. "own calls; one at bandwidth 0 never dials; a ring time shorter than the regulatory floor drops calls people "
    .. "were about to answer (US: 15 seconds or four rings) and counts as abandoned.",
  remediation = "Amazon Connect console > Outbound campaigns > the campaign > Edit > Dialer and Communication "
    .. "settings; or aws connectcampaignsv2 update-campaign-channel-subtype-config --id ID "
    .. "--channel-subtype-config file://telephony.json (capacity, outboundMode.*.bandwidthAllocation, "
    .. "defaultOutboundConfig.ringTimeout).",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, false)
    if not t then return end
    local p = ctx.params
    local items = {}
    local function add(ok, text, path, expected)
      items[#items + 1] = { status = ok and "pass" or "fail", text = text, ev = { { path = path, expected = expected } } }
    end
    if campaigns.agent_mode(t.mode) then
      if t.bandwidth == nil then
        items[#items + 1] = { status = "error", text = ("%s dialer without bandwidthAllocation"):format(t.mode),
                              ev = { { path = t.path.bandwidth, expected = "a number in (0, 1]" } } }
      else
        add(t.bandwidth > 0 and t.bandwidth <= 1, ("%s dialer bandwidth %s"):format(t.mode, tostring(t.bandwidth)),
          t.path.bandwidth, "more than 0, at most 1")
      end
      add(t.queue_id ~= nil, t.queue_id and "queue set" or "no queue for the agents", t.path.queue, "a queue")
    end
    if t.capacity ~= nil then
      add(t.capacity > 0 and t.capacity <= p.campaign_max_capacity,
        ("capacity %s"):format(tostring(t.capacity)), t.path.capacity,
        ("more than 0, at most campaign_max_capacity %s"):format(tostring(p.campaign_max_capacity)))
    else
      items[#items + 1] = { status = "pass", text = "capacity left to AWS's default",
                            ev = { { path = t.path.config, note = "no capacity: AWS's default share" } } }
    end
    if t.version == 2 then
      if t.ring_timeout ~= nil then
        add(t.ring_timeout >= p.campaign_min_ring_seconds, ("ring time %ss"):format(tostring(t.ring_timeout)),
          t.path.ring, ("at least campaign_min_ring_seconds %s"):format(tostring(p.campaign_min_ring_seconds)))
      else
        items[#items + 1] = { status = "pass", text = "ring time left to AWS's default",
                              ev = { { path = t.path.config, note = "no ringTimeout: AWS's default" } } }
      end
    end
    if t.mode == "preview" then
      if t.preview_timeout == nil then
        items[#items + 1] = { status = "error", text = "preview dialer without timeoutConfig",
                              ev = { { path = t.path.preview_timeout, expected = "durationInSeconds" } } }
      else
        add(t.preview_timeout >= p.campaign_min_preview_seconds, ("preview time %ss"):format(tostring(t.preview_timeout)),
          t.path.preview_timeout, ("at least campaign_min_preview_seconds %s"):format(tostring(p.campaign_min_preview_seconds)))
      end
    end
    refs.report(ctx, ("campaign %s (%s dialer)"):format(t.name, t.mode), items,
      { words = { pass = "within bounds", fail = "out of bounds", error = "unreadable" } })
  end,
}
