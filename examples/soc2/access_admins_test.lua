local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001/security-profile/p1"
local function profile(name, perms)
  return { arn = ARN, name = name, region = "us-east-1", data = { SecurityProfile = { SecurityProfileName = name }, Permissions = perms } }
end

return {
  { name = "a profile that cannot grant access passes",
    resource = profile("Agent", { "BasicAgentAccess", "OutboundCallAccess" }),
    expect = "pass", message = "cannot grant access" },
  { name = "the approved admin profile passes",
    resource = profile("Admin", { "Users.View", "SecurityProfiles.Edit", "Users.EditPermission" }),
    expect = "pass", message = "approved" },
  { name = "another profile that edits security profiles fails",
    resource = profile("Supervisor", { "SecurityProfiles.View", "SecurityProfiles.Edit" }),
    expect = "fail", message = "SecurityProfiles.Edit) but is not in access_admin_profiles" },
  { name = "changing users' permissions is granting access",
    resource = profile("Helpdesk", { "Users.EditPermission", "Users.Edit", "SecurityProfiles.Create" }),
    expect = "fail", message = "Users.EditPermission and 1 more" },
  { name = "the approved list is a parameter",
    resource = profile("Supervisor", { "SecurityProfiles.Edit" }),
    params = { access_admin_profiles = { "Admin", "Supervisor" } },
    expect = "pass" },
  { name = "permissions not collected is an error",
    resource = { arn = ARN, name = "Agent", region = "us-east-1", data = { SecurityProfile = { SecurityProfileName = "Agent" } } },
    errors = { { arn = ARN, operation = "connect:ListSecurityProfilePermissions", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
}
