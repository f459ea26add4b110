-- USR-1: agent security profiles cannot manage users or security profiles.
--
-- Permission names are the API names ListSecurityProfilePermissions returns
-- (Amazon Connect Administrator Guide, "List of security profile
-- permissions"): "Users and permissions" section.
--
-- Which profiles are agent profiles: those granting "BasicAgentAccess" (the
-- Contact Control Panel) whose SecurityProfileName is not listed in the pack
-- parameter admin_profile_names (default {"Admin"}; exact, case-sensitive
-- names, so "admin" does not slip through as the Admin profile). Profiles
-- without CCP access are not agent profiles: skipped. List every profile that
-- is meant to administer users (admins, user-managing supervisors) in
-- admin_profile_names.
local FORBIDDEN = {
  ["Users.Create"] = true,
  ["Users.Edit"] = true,
  ["Users.Delete"] = true,
  ["Users.EditPermission"] = true,     -- change a user's security profiles
  ["Users.EnableAndDisable"] = true,   -- re-enable a disabled account
  ["SecurityProfiles.Create"] = true,
  ["SecurityProfiles.Edit"] = true,
  ["SecurityProfiles.Delete"] = true,
}
local FORBIDDEN_TEXT = "none of Users.Create/Edit/Delete/EditPermission/EnableAndDisable, "
  .. "SecurityProfiles.Create/Edit/Delete"

local function is_admin_name(ctx, name)
  for _, n in ipairs(ctx.params.admin_profile_names) do
    if n == name then return true end
  end
  return false
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
    .. "beyond their job; least privilege keeps user administration with administrators.",
  remediation = "Amazon Connect console > Users > Security profiles > the agent profile > Users and "
    .. "permissions: clear Users (Create, Edit, Delete, Edit permission, Enable/disable) and Security "
    .. "profiles (Create, Edit, Delete), Save; or: aws connect update-security-profile --instance-id ID "
    .. "--security-profile-id PROFILE_ID --permissions <the profile's current list without them>. "
    .. "If the profile is an administrator profile, add its name to the baseline pack parameter "
    .. "admin_profile_names.",
  check = function(r, ctx)
    local perms = ctx:need(r.data, "Permissions")
    local name = ctx:need(r.data, "SecurityProfile", "SecurityProfileName")
    if #perms == 0 then
      ctx:pass("security profile " .. name .. " grants no permissions",
        { path = "data/Permissions", expected = FORBIDDEN_TEXT })
      return
    end
    local agent_at, bad, bad_ev = nil, {}, {}
    for i, p in ipairs(perms) do
      if p == "BasicAgentAccess" then agent_at = agent_at or i end
      if FORBIDDEN[p] then
        bad[#bad + 1] = p
        if #bad_ev < 60 then bad_ev[#bad_ev + 1] = { path = ctx:ptr(perms, i), expected = "absent" } end
      end
    end
    if not agent_at then
      ctx:skip("security profile " .. name .. " has no BasicAgentAccess: not an agent profile")
      return
    end
    if is_admin_name(ctx, name) then
      ctx:skip("security profile " .. name .. " is an administrator profile (admin_profile_names)")
      return
    end
    local ev = {
      { path = "data/SecurityProfile/SecurityProfileName", expected = "not in admin_profile_names" },
      { path = ctx:ptr(perms, agent_at), expected = "BasicAgentAccess (agent profile)" },
    }
    if #bad == 0 then
      ev[#ev + 1] = { path = "data/Permissions", expected = FORBIDDEN_TEXT }
      ctx:pass("agent security profile " .. name .. " cannot manage users or security profiles", ev)
    else
      for _, e in ipairs(bad_ev) do ev[#ev + 1] = e end
      ctx:fail("agent security profile " .. name .. " can manage users or security profiles: "
        .. table.concat(bad, ", "), ev)
    end
  end,
}
