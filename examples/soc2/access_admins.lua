-- SOC2-ACC-001 (CC6.3): only the profiles named in access_admin_profiles may grant
-- access.  A security profile that can create or edit security profiles, or change
-- users' permissions (Users.EditPermission), lets whoever holds it give anyone any
-- access; SOC 2's segregation of duties wants that power in named, reviewed hands.
-- A profile without those permissions passes (it cannot grant access); its
-- Permissions not collected is an error.

local GRANTING = { ["SecurityProfiles.Create"] = true, ["SecurityProfiles.Edit"] = true,
                   ["Users.EditPermission"] = true }

return {
  id = "SOC2-ACC-001",
  title = "Only the approved security profiles can grant access",
  severity = "high",
  practice = "USR-1",
  controls = { SOC2 = {"CC6.3"}, BASELINE = {"USR-1"} },
  resource = "connect_security_profile",
  rationale = "A profile that edits security profiles or user permissions can grant any access, "
    .. "so who holds it decides every other control of access; it belongs to a short, named list.",
  remediation = "Remove SecurityProfiles.Create/Edit and Users.EditPermission from the profile "
    .. "(Amazon Connect console > Users > Security profiles), or add its name to the soc2 pack's "
    .. "access_admin_profiles parameter once the holders are approved.",
  check = function(r, ctx)
    local perms = ctx:need(r.data, "Permissions")
    local name = r.name
    local granting = {}
    for i, p in ipairs(perms) do
      if GRANTING[p] then granting[#granting + 1] = { path = ctx:ptr(perms, i), note = p } end
    end
    if #granting == 0 then
      ctx:pass("security profile " .. name .. " cannot grant access (" .. #perms .. " permissions)",
        { path = "data/Permissions", expected = "none of SecurityProfiles.Create, SecurityProfiles.Edit, Users.EditPermission" })
      return
    end
    for _, allowed in ipairs(ctx.params.access_admin_profiles) do
      if allowed == name then
        ctx:pass("security profile " .. name .. " can grant access and is an approved access-admin profile", granting)
        return
      end
    end
    ctx:fail("security profile " .. name .. " can grant access (" .. granting[1].note
      .. (#granting > 1 and (" and " .. (#granting - 1) .. " more") or "")
      .. ") but is not in access_admin_profiles", granting)
  end,
}
