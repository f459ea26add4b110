-- inventory: an instance's Amazon Connect objects of one kind, and whether the
-- snapshot holds all of them -- what the "X points at a Y that does not
-- exist" and "X is assigned to nothing" rules need before they may fail
-- (BASE-QC-*, BASE-QUE-001, BASE-RP-001, BASE-TEL-011).
--
-- A list is complete when the Search (or its List fallback) of that kind
-- succeeded for the instance -- no errors[] entry of those operations against
-- the instance's ARN -- and holds at least one object of the kind: every
-- instance has flows, queues and users, so an empty list says the kind was
-- not collected (an `import` folder without the file), not that none exists.
-- A Describe that failed leaves its object in the snapshot (name only), so
-- it still counts as existing.
--
-- API:
--   inventory.KINDS[kind]                 -> {type, segment, ops, what}
--   inventory.of(ctx, kind, inst_arn)     -> {by = {arn -> resource}, list = resources in ARN
--                                            order} of the instance (ctx:once: never change it)
--   inventory.complete(ctx, kind, inst_arn)
--                                         -> true, or false and why (the errors[] entries,
--                                            or "holds no …"), for messages
--   inventory.arn(inst_arn, kind, ref)    -> the ARN a bare ID or an ARN names (nil for
--                                            a non-string or a JSONPath)
--   inventory.check_held(ctx, r, o)       -> the finding "r is in some holder's list":
--       o.holders (a kind), o.member (the holders' data member listing r), o.keys (the
--       list items' ID and ARN members), o.list_op (what collects o.member), o.where
--       ("queue"), o.held ("offered on"), o.consequence (the fail's tail); pass naming
--       the first holder (ARN order), fail when every holder's list is known and none
--       names r, else error
local collection = require "collection"
local refs = require "flowrefs"

local M = {}

M.KINDS = {
  users = { type = "connect_user", segment = "agent", what = "users",
            ops = { "connect:SearchUsers", "connect:ListUsers" } },
  queues = { type = "connect_queue", segment = "queue", what = "standard queues",
             ops = { "connect:SearchQueues", "connect:ListQueues" } },
  flows = { type = "connect_contact_flow", segment = "contact-flow", what = "contact flows",
            ops = { "connect:SearchContactFlows", "connect:ListContactFlows" } },
  routing_profiles = { type = "connect_routing_profile", segment = "routing-profile", what = "routing profiles",
                       ops = { "connect:SearchRoutingProfiles", "connect:ListRoutingProfiles" } },
  quick_connects = { type = "connect_quick_connect", segment = "transfer-destination", what = "quick connects",
                     ops = { "connect:SearchQuickConnects", "connect:ListQuickConnects" } },
}

local function kind_of(kind)
  local k = M.KINDS[kind]
  if not k then error("inventory: unknown kind " .. tostring(kind)) end
  return k
end

function M.of(ctx, kind, inst_arn)
  local k = kind_of(kind)
  return ctx:once("inventory:" .. kind .. ":" .. inst_arn, function()
    local by, list, prefix = {}, {}, inst_arn .. "/" .. k.segment .. "/"
    for a, res in ctx:resources(k.type) do   -- ARN order
      if a:sub(1, #prefix) == prefix then by[a] = res; list[#list + 1] = res end
    end
    return { by = by, list = list }
  end)
end

function M.complete(ctx, kind, inst_arn)
  local k = kind_of(kind)
  local errs = {}
  for _, op in ipairs(k.ops) do
    for _, e in ipairs(collection.errors_for(ctx, inst_arn, op)) do errs[#errs + 1] = e end
  end
  if #errs > 0 then
    return false, ("the instance's %s were not all collected (%s)"):format(k.what, collection.summary(errs))
  end
  if #M.of(ctx, kind, inst_arn).list == 0 then
    return false, ("the snapshot holds no %s of the instance, so they were not collected (an instance always "
      .. "has some)"):format(k.what)
  end
  return true
end

function M.arn(inst_arn, kind, ref)
  if type(ref) ~= "string" or ref == "" or ref:sub(1, 1) == "$" then return nil end
  if ref:sub(1, 4) == "arn:" then return ref end
  return inst_arn .. "/" .. kind_of(kind).segment .. "/" .. ref
end

function M.check_held(ctx, r, o)
  local name = r.name or r.arn
  local inst_arn = refs.instance_arn(r.arn)
  if not inst_arn or not ctx:lookup("connect_instance", inst_arn) then
    refs.missing_instance(ctx, r, inst_arn)
    return
  end
  local held = ctx:once("held:" .. o.holders .. ":" .. o.member .. ":" .. inst_arn, function()
    local by, gaps = {}, {}
    for _, h in ipairs(M.of(ctx, o.holders, inst_arn).list) do
      local list = h.data[o.member]
      if list == nil or list == false then
        gaps[#gaps + 1] = h
      else
        for i, item in ipairs(list) do
          for _, k in ipairs(o.keys) do
            local v = item[k]
            if type(v) == "string" and not by[v] then by[v] = { holder = h, index = i } end
          end
        end
      end
    end
    return { by = by, gaps = gaps }
  end)
  local id = r.arn:match("/([^/]+)$")
  local h = held.by[r.arn] or (id and held.by[id])
  if h then
    ctx:pass(("%s is %s %s %s"):format(name, o.held, o.where, h.holder.name or h.holder.arn),
      { path = ("%s/data/%s/%d"):format(refs.container_ptr(h.holder), o.member, h.index - 1),
        expected = name .. " listed" })
    return
  end
  local what = M.KINDS[o.holders].what
  local ok, why = M.complete(ctx, o.holders, inst_arn)
  if not ok then
    ctx:error(("%s: %s none of the %s in the snapshot, and %s"):format(name, o.held, what, why),
      { path = refs.container_ptr(r), expected = ("%s a %s"):format(o.held, o.where) })
    return
  end
  if #held.gaps > 0 then
    local g = held.gaps[1]
    ctx:error(("%s: %s none of the %s whose %s are known, but %s %s's were not collected (%s)")
      :format(name, o.held, what, o.member, o.where, g.name or g.arn, collection.explain(ctx, g.arn, o.list_op)),
      { path = refs.container_ptr(g) .. "/data/" .. o.member, expected = o.list_op .. " as collected" })
    return
  end
  ctx:fail(("%s is %s none of the instance's %s: %s"):format(name, o.held, what, o.consequence),
    { path = refs.container_ptr(r), expected = ("%s at least one %s"):format(o.held, o.where),
      note = ("no %s's data.%s lists it"):format(o.where, o.member) })
end

return M
