local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c/security-profile/aaaa-1111"
local function profile(name, perms)
  return { arn = ARN, name = name, data = {
    SecurityProfile = { Id = "aaaa-1111", Arn = ARN, SecurityProfileName = name }, Permissions = perms } }
end
local AGENT = { "BasicAgentAccess", "OutboundCallAccess", "TransferDestinations.View" }

return {
  { name = "plain agent profile passes",
    resource = profile("Agent", AGENT),
    expect = "pass", message = "Agent cannot manage" },
  { name = "agent profile able to create users fails",
    resource = profile("Agent", { "BasicAgentAccess", "Users.Create", "Users.View" }),
    expect = "fail", message = "Users.Create" },
  { name = "agent profile able to change user permissions fails",
    resource = profile("Agent", { "BasicAgentAccess", "Users.EditPermission" }),
    expect = "fail", message = "Users.EditPermission" },
  { name = "every forbidden permission is named, in list order",
    resource = profile("CallCenterManager", { "SecurityProfiles.Edit", "BasicAgentAccess",
                                             "Users.Delete", "SecurityProfiles.Create" }),
    expect = "fail", message = "SecurityProfiles.Edit, Users.Delete, SecurityProfiles.Create" },
  { name = "view-only user permissions are not forbidden",
    resource = profile("Agent", { "BasicAgentAccess", "Users.View", "SecurityProfiles.View" }),
    expect = "pass" },
  { name = "the Admin profile is an administrator profile: skipped",
    resource = profile("Admin", { "BasicAgentAccess", "Users.Create", "SecurityProfiles.Edit" }),
    expect = "skipped" },
  { name = "a lower-case 'admin' is not the Admin profile: judged as an agent profile",
    resource = profile("admin", { "BasicAgentAccess", "Users.Create" }),
    expect = "fail" },
  { name = "admin_profile_names parameter names extra administrator profiles",
    resource = profile("Supervisor", { "BasicAgentAccess", "Users.Edit" }),
    params = { admin_profile_names = { "Admin", "Supervisor" } },
    expect = "skipped" },
  { name = "profile without CCP access is not an agent profile: skipped",
    resource = profile("UserAdmins", { "Users.Create", "Users.Edit" }),
    expect = "skipped" },
  { name = "lower-case permission names are not real Connect permissions",
    resource = profile("Agent", { "BasicAgentAccess", "users.create" }),
    expect = "pass" },
  { name = "empty permission list passes",
    resource = profile("Empty", {}),
    expect = "pass", message = "grants no permissions" },
  { name = "permissions not collected is an error",
    resource = { arn = ARN, name = "Agent", data = {
      SecurityProfile = { Id = "aaaa-1111", SecurityProfileName = "Agent" } } },
    errors = { { arn = ARN, operation = "connect:ListSecurityProfilePermissions",
                 code = "AccessDeniedException", message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "profile name not collected is an error",
    resource = { arn = ARN, name = "Agent", data = { Permissions = AGENT } },
    expect = "error", message = "data/SecurityProfile is not in the snapshot" },
}
