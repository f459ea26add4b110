-- profiles: Amazon Connect security profiles as USR-1 judges them -- which
-- profiles are agent or administrator profiles, and which permissions an agent
-- must not hold (BASE-USR-001 for one profile, BASE-USR-002 for the union of a
-- user's profiles: Connect grants a user every permission of every profile it
-- holds, Administrator Guide "Security profiles").
--
-- Permission names are the API names ListSecurityProfilePermissions returns
-- (Administrator Guide, "List of security profile permissions"). The baseline
-- pack's parameters decide:
--   admin_profile_names         exact SecurityProfileNames of administrator
--                               profiles (never agent profiles)
--   agent_profile_names         exact names of agent profiles, whatever they grant
--   agent_permission_signature  a profile granting every one of these is an agent
--                               profile (default {"BasicAgentAccess"}: the CCP)
--   agent_forbidden_permissions an agent holding any one is a finding (user and
--                               security-profile administration)
--   agent_forbidden_together    lists of permissions an agent must not hold all
--                               of (default Users.View with SecurityProfiles.View:
--                               together they show who holds which permissions --
--                               USR-1's "read users or security profiles" -- while
--                               Users.View alone is what a team lead's
--                               profile often needs)
--
-- API:
--   profiles.is_admin(params, name)          -> boolean
--   profiles.is_agent(params, name, perms)   -> boolean, why ("named in
--                                               agent_profile_names" / "grants
--                                               BasicAgentAccess"); perms a list
--   profiles.forbidden(params, grants)       -> list of problems, each
--                                               {perms = {p, ...}, text = "..."}:
--     grants maps a permission to the list of profile names granting it and
--     grants.order lists the permissions in the order first seen; with
--     name_profiles, each permission in text is followed by its profiles
--     ("Users.Edit (Agent)"); problems come in grants.order, combinations last
--   profiles.grants_of(list_of {name, perms}) -> grants, for forbidden()
local profiles = {}

local function has(list, v)
  for _, x in ipairs(list or {}) do if x == v then return true end end
  return false
end

function profiles.is_admin(params, name)
  return has(params.admin_profile_names, name)
end

function profiles.is_agent(params, name, perms)
  if profiles.is_admin(params, name) then return false end
  if has(params.agent_profile_names, name) then return true, "named in agent_profile_names" end
  local sig = params.agent_permission_signature or {}
  if #sig == 0 then return false end
  local set = {}
  for _, p in ipairs(perms) do set[p] = true end
  for _, p in ipairs(sig) do
    if not set[p] then return false end
  end
  return true, "grants " .. table.concat(sig, " + ")
end

function profiles.grants_of(list)
  local grants = { order = {} }
  for _, prof in ipairs(list) do
    for _, p in ipairs(prof.perms) do
      local g = grants[p]
      if not g then
        g = {}
        grants[p] = g
        grants.order[#grants.order + 1] = p
      end
      if g[#g] ~= prof.name then g[#g + 1] = prof.name end
    end
  end
  return grants
end

local function label(grants, p, name_profiles)
  if not name_profiles then return p end
  return p .. " (" .. table.concat(grants[p], ", ") .. ")"
end

function profiles.forbidden(params, grants, name_profiles)
  local out = {}
  local single = {}
  for _, p in ipairs(params.agent_forbidden_permissions or {}) do single[p] = true end
  for _, p in ipairs(grants.order) do
    if single[p] then out[#out + 1] = { perms = { p }, text = label(grants, p, name_profiles) } end
  end
  for _, combo in ipairs(params.agent_forbidden_together or {}) do
    local all = #combo > 0
    for _, p in ipairs(combo) do
      if not grants[p] or single[p] then all = false end
    end
    if all then
      local parts, perms = {}, {}
      for i, p in ipairs(combo) do
        parts[i] = label(grants, p, name_profiles)
        perms[i] = p
      end
      out[#out + 1] = { perms = perms, text = table.concat(parts, " with ") }
    end
  end
  return out
end

return profiles
