-- USR-1 for users: what an agent can do is the union of every security profile
-- the user holds (Connect grants each permission of each profile in
-- User.SecurityProfileIds), so an agent profile that passes BASE-USR-001 gives
-- no assurance when the same user also holds the Admin profile, or a second
-- profile that adds SecurityProfiles.View to the first one's Users.View.
--
-- Agent and administrator profiles, and what an agent must not hold, are
-- lib/profiles.lua's (the baseline parameters admin_profile_names,
-- agent_profile_names, agent_permission_signature, agent_forbidden_permissions,
-- agent_forbidden_together). A user is an agent when one of its profiles is an
-- agent profile; it then fails when another profile is an administrator
-- profile, or when the union grants what an agent must not hold. A user of
-- administrator (or other non-agent) profiles alone is skipped: BASE-USR-001
-- judges profiles, this rule agents.
--
-- Profiles are found by Id among the user's instance's connect_security_profile
-- resources. One that is not in the snapshot, or whose Permissions or name were
-- not collected, can only add permissions: a failure the others show stands
-- (and says what was not seen); a pass or a skip would rest on a guess, so the
-- user is then `error`.
local profiles = require "profiles"
local collection = require "collection"

local MAX_EV = 40

local function instance_of(user_arn)
  return user_arn:match("^(arn:[^:]+:connect:[^:]+:[^:]+:instance/[^/]+)/agent/")
end

-- instance ARN -> profile Id -> {arn, res}, once per rule process. An
-- entry's judgement (name, permissions, agent or administrator) is added the
-- first time a user holds the profile, not here: a finding names the pack
-- parameters read so far, and judging reads them when the rule did before.
local function index(ctx)
  return ctx:once("profiles.by_id", function()
    local by = {}
    for a, p in ctx:resources("connect_security_profile") do
      local inst, id = a:match("^(arn:[^:]+:connect:[^:]+:[^:]+:instance/[^/]+)/security%-profile/(.+)$")
      if inst then
        by[inst] = by[inst] or {}
        by[inst][id] = { arn = a, res = p }
      end
    end
    return by
  end)
end

-- The profile of entry e judged, once a process: e.known false when its
-- Permissions or name were not collected (e.what says which), else its name,
-- perms (a list), view (the Permissions view), agent, why and admin. Its
-- pointers (e.ptr, e.ptrs[j] for item j) and e.first[perm] (the position of a
-- permission's first grant) are kept for the evidence of every user holding it.
local function judged(ctx, e)
  if e.known ~= nil then return e end
  local d = e.res.data
  local name = d and d.SecurityProfile and d.SecurityProfile.SecurityProfileName
  if d.Permissions == nil or type(name) ~= "string" then
    e.what = d.Permissions == nil and "Permissions were" or "name was"
    e.known = false
    return e
  end
  local perms, first = {}, {}
  for j, x in ipairs(d.Permissions) do
    perms[j] = x
    if first[x] == nil then first[x] = j end
  end
  e.name, e.perms, e.view, e.first, e.ptrs = name, perms, d.Permissions, first, {}
  e.agent, e.why = profiles.is_agent(ctx.params, name, perms)
  e.admin = profiles.is_admin(ctx.params, name)
  e.known = true
  return e
end

local function names(list)
  local out = {}
  for i, p in ipairs(list) do out[i] = p.name end
  return table.concat(out, ", ")
end

return {
  id = "BASE-USR-002",
  title = "An agent's security profiles together cannot manage users or security profiles",
  severity = "high",
  practice = "USR-1",
  controls = { BASELINE = {"USR-1"}, ["PCI-DSS-4.0"] = {"7.2.1", "7.2.2"},
               HIPAA = {"164.308(a)(4)(ii)(B)", "164.312(a)(1)"} },
  resource = "connect_user",
  rationale = "A user's permissions are the union of all its security profiles: an agent given the "
    .. "Admin profile as a second profile, or two profiles that each look harmless (one lets it view "
    .. "users, the other security profiles), can do together what no single profile shows, and a "
    .. "review of profiles alone misses it.",
  remediation = "Amazon Connect console > Users > User management > the user > Edit: remove the "
    .. "administrator profile (give administrators a separate account) or the profile that adds the "
    .. "permission, Save; or: aws connect update-user-security-profiles --instance-id ID --user-id "
    .. "USER_ID --security-profile-ids <the agent profiles only>. If the user is an administrator, "
    .. "list its profiles in the baseline pack parameter admin_profile_names.",
  check = function(r, ctx)
    local ids = ctx:need(r.data, "User", "SecurityProfileIds")
    local user = r.data.User.Username or r.name or r.arn
    local inst = instance_of(r.arn)
    if not inst then
      ctx:error("user " .. user .. ": its ARN names no instance, so its security profiles cannot be found")
      return
    end
    if #ids == 0 then
      ctx:skip("user " .. user .. " holds no security profile: no permissions")
      return
    end
    local by = index(ctx)[inst] or {}
    -- known: the judged profiles, at[k] the position of known[k] in ids
    local known, at, missing = {}, {}, {}
    for i, id in ipairs(ids) do
      local e = by[id]
      if not e then
        missing[#missing + 1] = ("profile %s is not in the snapshot (%s)"):format(tostring(id),
          collection.explain(ctx, inst .. "/security-profile/" .. tostring(id)))
      elseif not judged(ctx, e).known then
        missing[#missing + 1] = ("profile %s: its %s not collected (%s)"):format(tostring(id), e.what,
          collection.explain(ctx, e.arn))
      else
        known[#known + 1] = e
        at[#known] = i
      end
    end

    local agents, admins = {}, {}
    for k, p in ipairs(known) do
      if p.agent then agents[#agents + 1] = k end
      if p.admin then admins[#admins + 1] = k end
    end
    local unseen = #missing > 0 and ("; not seen: " .. table.concat(missing, "; ")) or ""
    if #agents == 0 then
      if #missing > 0 then
        ctx:error("user " .. user .. ": whether it is an agent cannot be decided" .. unseen)
      else
        ctx:skip("user " .. user .. " is not an agent: none of its profiles (" .. names(known)
          .. ") is an agent profile")
      end
      return
    end

    -- the profile list first, whatever the verdict: diff pairs a user's findings by it
    local held = names(known)
    local ev = { { path = "data/User/SecurityProfileIds", expected = "agent profiles only, together "
      .. "granting no user or security-profile administration", note = "profiles: " .. held } }
    -- known[k]'s place in the user's list: the pointer ctx:ptr(ids, at[k]) gives
    local function cite(k, expected, text)
      if #ev < MAX_EV then
        ev[#ev + 1] = { path = "data/User/SecurityProfileIds/" .. (at[k] - 1), expected = expected,
                        note = known[k].name .. ": " .. text }
      end
    end
    local problems = {}
    if #admins > 0 then
      local agent_names = {}
      for i, k in ipairs(agents) do agent_names[i] = known[k].name end
      agent_names = table.concat(agent_names, ", ")
      for _, k in ipairs(admins) do
        problems[#problems + 1] = "administrator profile " .. known[k].name .. " beside agent profile "
          .. agent_names
        cite(k, "no administrator profile on an agent", "in admin_profile_names")
      end
    end
    -- an administrator profile beside an agent one is the finding already; what the
    -- other profiles grant together is judged without it
    local rest, by_name = {}, {}
    for _, p in ipairs(known) do
      if not p.admin then rest[#rest + 1] = p end
      by_name[p.name] = p
    end
    local grants = profiles.grants_of(rest)
    for _, b in ipairs(profiles.forbidden(ctx.params, grants, true)) do
      problems[#problems + 1] = b.text
      for _, perm in ipairs(b.perms) do
        for _, pname in ipairs(grants[perm]) do
          local p = by_name[pname]
          local j = p.first[perm]
          if j and #ev < MAX_EV then
            local path = p.ptrs[j]
            if not path then
              path = ctx:ptr(p.view, j)
              p.ptrs[j] = path
            end
            ev[#ev + 1] = { path = path, expected = "absent for an agent", note = "granted by " .. p.name }
          end
        end
      end
    end
    for _, k in ipairs(agents) do cite(k, "agent profile", known[k].why) end

    if #problems > 0 then
      ctx:fail("agent " .. user .. " holds " .. held .. ": " .. table.concat(problems, "; ")
        .. unseen, ev)
      return
    end
    if #missing > 0 then
      ctx:error("agent " .. user .. " holds " .. held .. " and more that cannot be judged" .. unseen, ev)
      return
    end
    for _, p in ipairs(known) do
      if #ev < MAX_EV then
        local path = p.ptr
        if not path then
          path = ctx:ptr(p.view)
          p.ptr = path
        end
        ev[#ev + 1] = { path = path, expected = "no user or security-profile administration", note = p.name }
      end
    end
    ctx:pass("agent " .. user .. " holds " .. held
      .. ": together they cannot manage users or security profiles", ev)
  end,
}
