-- BASE-CMP-002: what an outbound campaign names exists, in its own
-- instance: the instance (connectInstanceId), the contact flow its calls run,
-- the queue its agents answer from (agentless campaigns have none), and its
-- source number -- E.164, and one of the instance's claimed numbers when the
-- snapshot holds them. A reference into another instance (an ARN of another
-- stage) fails like a missing one: the campaign dials into whatever that
-- names. A flow or queue the snapshot cannot have (their listing failed) is
-- `error`, never a dangling reference.
local campaigns = require "campaigns"
local collection = require "collection"
local refs = require "flowrefs"

local function listing_errors(ctx, inst_arn, what)
  local out = {}
  for _, e in ipairs(collection.errors_for(ctx, inst_arn)) do
    local op = tostring(e.operation)
    if op:find(what, 1, true) and (op:find("Search", 1, true) or op:find("List", 1, true)) then out[#out + 1] = e end
  end
  return out
end

local function ref_item(ctx, t, kind, rtype, target, path, listing)
  if not target then
    return { status = "fail", text = ("its %s %s is not an ID of the instance"):format(kind, tostring(t[kind .. "_id"])),
             ev = { { path = path, expected = "an ID or ARN under " .. t.instance_arn } } }
  end
  if refs.instance_arn(target) ~= t.instance_arn then
    return { status = "fail", text = ("its %s %s is in another instance"):format(kind, target),
             ev = { { path = path, expected = "a " .. kind .. " of " .. t.instance_arn } } }
  end
  local res = ctx:lookup(rtype, target)
  if res then
    return { status = "pass", text = ("%s %s"):format(kind, res.name or target),
             ev = { { path = path }, { path = refs.container_ptr(res) } } }
  end
  local errs = listing_errors(ctx, t.instance_arn, listing)
  for _, e in ipairs(collection.errors_for(ctx, target)) do errs[#errs + 1] = e end
  if #errs > 0 then
    return { status = "error", text = ("its %s %s is not in the snapshot (%s)"):format(kind, target,
      collection.summary(errs)), ev = { { path = path } } }
  end
  return { status = "fail", text = ("its %s %s does not exist in the instance"):format(kind, target),
           ev = { { path = path, expected = "a " .. kind .. " of the instance" } } }
end

return {
  id = "BASE-CMP-002",
  title = "An outbound campaign's instance, contact flow, queue and source number exist in its instance",
  severity = "medium",
  practice = "FLOW-10",
  controls = { BASELINE = { "FLOW-10", "DEV-4" } },
  resource = campaigns.TYPES,
  rationale = "A campaign whose flow or queue was deleted, or that names another instance's (a stage copied "
    .. "across), places calls that fail or reach the wrong agents; a source number the instance does not own is "
    .. "refused or shows a number the customer cannot call back.",
  remediation = "Amazon Connect console > Outbound campaigns > the campaign > Edit: choose a contact flow and "
    .. "queue of this instance and one of its claimed numbers; or aws connectcampaignsv2 "
    .. "update-campaign-channel-subtype-config --id ID --channel-subtype-config file://telephony.json.",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, false)
    if not t then return end
    local subject = ("campaign %s"):format(t.name)
    if not t.instance_arn then
      return ctx:error(subject .. ": it names no instance", { path = t.path.instance, expected = "connectInstanceId" })
    end
    local inst = ctx:lookup("connect_instance", t.instance_arn)
    if not inst then
      return ctx:fail(("%s: its instance %s is not in the snapshot (%s)"):format(subject, t.instance_arn,
        collection.explain(ctx, t.instance_arn)), { path = t.path.instance, expected = "a collected instance" })
    end
    local items = {}
    items[#items + 1] = ref_item(ctx, t, "flow", "connect_contact_flow", campaigns.flow_arn(t), t.path.flow, "ContactFlow")
    if campaigns.agent_mode(t.mode) or t.queue_id then
      if not t.queue_id then
        items[#items + 1] = { status = "fail", text = ("a %s dialer with no queue"):format(t.mode),
                              ev = { { path = t.path.queue, expected = "the queue whose agents take the calls" } } }
      else
        items[#items + 1] = ref_item(ctx, t, "queue", "connect_queue", campaigns.queue_arn(t), t.path.queue, "Queue")
      end
    end
    if t.source_number then
      if not refs.e164(t.source_number) then
        items[#items + 1] = { status = "fail", text = ("its source number %s is not E.164"):format(t.source_number),
                              ev = { { path = t.path.source, expected = "+ and 2-15 digits" } } }
      else
        local owned, any = nil, false
        for parn, pn in ctx:resources("connect_phone_number") do
          local s = pn.data.ClaimedPhoneNumberSummary
          if s and s.TargetArn == t.instance_arn then
            any = true
            if s.PhoneNumber == t.source_number then owned = pn end
          end
        end
        if owned then
          items[#items + 1] = { status = "pass", text = "source number " .. t.source_number,
            ev = { { path = t.path.source }, { path = refs.container_ptr(owned) .. "/data/ClaimedPhoneNumberSummary/PhoneNumber" } } }
        elseif any then
          items[#items + 1] = { status = "fail", text = ("its source number %s is not claimed by the instance"):format(t.source_number),
                                ev = { { path = t.path.source, expected = "one of the instance's claimed numbers" } } }
        else
          items[#items + 1] = { status = "pass", text = ("source number %s (E.164; the snapshot holds no claimed number of the instance to compare)"):format(t.source_number),
                                ev = { { path = t.path.source, expected = "E.164" } } }
        end
      end
    end
    refs.report(ctx, subject, items, { words = { pass = "resolve", fail = "do not resolve", error = "cannot be checked" } })
  end,
}
