-- USR-1: agent security profiles cannot manage users or security profiles.
--
-- Permission names are the API names ListSecurityProfilePermissions returns
-- (Amazon Connect Administrator Guide, "List of security profile
-- permissions"): "Users and permissions" section.
--
-- Which profiles are agent profiles, and what an agent must not hold:
-- lib/profiles.lua (baseline parameters admin_profile_names, agent_profile_names,
-- agent_permission_signature, agent_forbidden_permissions,
-- agent_forbidden_together). By default an agent profile grants
-- "BasicAgentAccess" (the Contact Control Panel) and its SecurityProfileName is
-- not in admin_profile_names (default {"Admin"}; exact, case-sensitive names, so
-- "admin" does not slip through as the Admin profile). Profiles without CCP
-- access are not agent profiles: skipped. List every profile that is meant to
-- administer users (admins, user-managing supervisors) in admin_profile_names.
-- What a user holds through several profiles together is BASE-USR-002's.
local profiles = require "profiles"

local function forbidden_text(ctx)
  local parts = {}
  for _, p in ipairs(ctx.params.agent_forbidden_permissions) do parts[#parts + 1] = p end
  local s = "none of " .. table.concat(parts, ", ")
  for _, combo in ipairs(ctx.params.agent_forbidden_together) do
    local c = {}
    for _, p in ipairs(combo) do c[#c + 1] = p end
    s = s .. "; not " .. table.concat(c, " with ")
  end
  return s
end

return {
  id = "BASE-USR-001",
  title = "Agent security profiles cannot manage users or security profiles",
  severity = "high",
  practice = "USR-1",
  controls = { BASELINE = {"USR-1"}, ["PCI-DSS-4.0"] = {"7.2.1", "7.2.2"},
               HIPAA = {"164.308(a)(4)(ii)(B)", "164.312(a)(1)"} },
  resource = "connect_security_profile",
  rationale = "An agent who can create users, change their permissions or edit security profiles "
    .. "can grant themselves (or an accomplice) access to recordings, transcripts and contact data "
    .. "beyond their job; one who can read both users and security profiles learns which accounts "
    .. "hold which permissions; least privilege keeps user administration with administrators.",
  remediation = "Amazon Connect console > Users > Security profiles > the agent profile > Users and "
    .. "permissions: clear Users (Create, Edit, Delete, Edit permission, Enable/disable) and Security "
    .. "profiles (Create, Edit, Delete), and View of users or of security profiles, Save; or: aws connect update-security-profile --instance-id ID "
    .. "--security-profile-id PROFILE_ID --permissions <the profile's current list without them>. "
    .. "If the profile is an administrator profile, add its name to the baseline pack parameter "
    .. "admin_profile_names.",
  check = function(r, ctx)
    local perms = ctx:need(r.data, "Permissions")
    local name = ctx:need(r.data, "SecurityProfile", "SecurityProfileName")
    if #perms == 0 then
      ctx:pass("security profile " .. name .. " grants no permissions",
        { path = "data/Permissions", expected = forbidden_text(ctx) })
      return
    end
    local list = {}
    for i, p in ipairs(perms) do list[i] = p end
    local agent, why = profiles.is_agent(ctx.params, name, list)
    if not agent then
      if profiles.is_admin(ctx.params, name) then
        ctx:skip("security profile " .. name .. " is an administrator profile (admin_profile_names)")
      else
        ctx:skip("security profile " .. name .. " is not an agent profile: it does not grant "
          .. table.concat(ctx.params.agent_permission_signature, " + ")
          .. " and is not in agent_profile_names")
      end
      return
    end
    local ev = {
      { path = "data/SecurityProfile/SecurityProfileName", expected = "not in admin_profile_names",
        note = "agent profile: " .. why },
    }
    local at = {}
    for i, p in ipairs(list) do at[p] = at[p] or i end
    for _, p in ipairs(ctx.params.agent_permission_signature) do
      if at[p] then ev[#ev + 1] = { path = ctx:ptr(perms, at[p]), expected = p .. " (agent profile)" } end
    end
    local bad = profiles.forbidden(ctx.params, profiles.grants_of({ { name = name, perms = list } }))
    if #bad == 0 then
      ev[#ev + 1] = { path = "data/Permissions", expected = forbidden_text(ctx) }
      ctx:pass("agent security profile " .. name .. " cannot manage users or security profiles", ev)
      return
    end
    local texts = {}
    for _, b in ipairs(bad) do
      texts[#texts + 1] = b.text
      for _, p in ipairs(b.perms) do
        if #ev < 60 then ev[#ev + 1] = { path = ctx:ptr(perms, at[p]), expected = "absent" } end
      end
    end
    ctx:fail("agent security profile " .. name .. " can manage users or security profiles: "
      .. table.concat(texts, ", "), ev)
  end,
}
