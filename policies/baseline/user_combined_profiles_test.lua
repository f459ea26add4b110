local INST = "arn:aws:connect:us-east-1:111122223333:instance/4f1c"
local USER = INST .. "/agent/u-1"

local function profile(id, name, perms)
  local arn = INST .. "/security-profile/" .. id
  return { type = "connect_security_profile", arn = arn, name = name, region = "us-east-1", data = {
    SecurityProfile = { Id = id, Arn = arn, SecurityProfileName = name }, Permissions = perms } }
end
local function user(ids)
  return { arn = USER, name = "sam", region = "us-east-1",
           data = { User = { Id = "u-1", Arn = USER, Username = "sam", SecurityProfileIds = ids } } }
end

local AGENT = profile("p-agent", "Agent", { "BasicAgentAccess", "OutboundCallAccess", "Users.View" })
local ADMIN = profile("p-admin", "Admin", { "BasicAgentAccess", "Users.Create", "SecurityProfiles.Edit" })
local SUPER = profile("p-super", "Supervisor", { "BasicAgentAccess", "SecurityProfiles.View" })
local QA = profile("p-qa", "QualityAnalyst", { "AccessMetrics", "ListenCallRecordings" })
local EDITOR = profile("p-edit", "UserEditor", { "Users.Edit" })

return {
  { name = "an agent whose profiles together grant no administration passes",
    resource = user({ "p-agent", "p-qa" }), others = { AGENT, QA },
    expect = "pass", message = "agent sam holds Agent, QualityAnalyst: together they cannot" },
  { name = "an agent holding the Admin profile as a second profile fails, naming both",
    resource = user({ "p-agent", "p-admin" }), others = { AGENT, ADMIN },
    expect = "fail", message = "administrator profile Admin beside agent profile Agent" },
  { name = "Users.View from one profile and SecurityProfiles.View from another fail together",
    resource = user({ "p-agent", "p-super" }), others = { AGENT, SUPER },
    expect = "fail", message = "Users.View (Agent) with SecurityProfiles.View (Supervisor)" },
  { name = "a second profile without CCP access that edits users fails the agent",
    resource = user({ "p-agent", "p-edit" }), others = { AGENT, EDITOR },
    expect = "fail", message = "Users.Edit (UserEditor)" },
  { name = "a user of the Admin profile alone is not an agent: skipped",
    resource = user({ "p-admin" }), others = { ADMIN },
    expect = "skipped", message = "none of its profiles (Admin)" },
  { name = "a user without an agent profile is skipped",
    resource = user({ "p-qa", "p-edit" }), others = { QA, EDITOR },
    expect = "skipped" },
  { name = "admin_profile_names decides: a listed Supervisor is an administrator beside Agent",
    resource = user({ "p-agent", "p-super" }), others = { AGENT, SUPER },
    params = { admin_profile_names = { "Admin", "Supervisor" } },
    expect = "fail", message = "administrator profile Supervisor beside agent profile Agent" },
  { name = "agent_profile_names makes a profile without CCP access an agent's",
    resource = user({ "p-qa", "p-edit" }), others = { QA, EDITOR },
    params = { agent_profile_names = { "QualityAnalyst" } },
    expect = "fail", message = "Users.Edit (UserEditor)" },
  { name = "profiles of another instance with the same Id are not the user's",
    resource = user({ "p-agent" }),
    others = { { type = "connect_security_profile",
                 arn = "arn:aws:connect:us-east-1:111122223333:instance/other/security-profile/p-agent",
                 name = "Agent", region = "us-east-1",
                 data = { SecurityProfile = { Id = "p-agent", SecurityProfileName = "Agent" },
                          Permissions = { "BasicAgentAccess" } } } },
    expect = "error", message = "profile p-agent is not in the snapshot" },
  { name = "a profile not collected is an error when the rest shows no failure",
    resource = user({ "p-agent", "p-gone" }), others = { AGENT },
    errors = { { arn = INST .. "/security-profile/p-gone", operation = "connect:DescribeSecurityProfile",
                 code = "AccessDeniedException", message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a failure the collected profiles show stands, naming what was not seen",
    resource = user({ "p-agent", "p-admin", "p-gone" }), others = { AGENT, ADMIN },
    expect = "fail", message = "not seen: profile p-gone" },
  { name = "whether a user is an agent cannot be decided when its only profile is missing",
    resource = user({ "p-gone" }), others = { AGENT },
    expect = "error", message = "whether it is an agent cannot be decided" },
  { name = "permissions not collected are an error",
    resource = user({ "p-agent", "p-qa" }),
    others = { AGENT, { type = "connect_security_profile", arn = INST .. "/security-profile/p-qa",
                        name = "QualityAnalyst", region = "us-east-1",
                        data = { SecurityProfile = { Id = "p-qa", SecurityProfileName = "QualityAnalyst" } } } },
    errors = { { arn = INST .. "/security-profile/p-qa", operation = "connect:ListSecurityProfilePermissions",
                 code = "ThrottlingException", message = "Rate exceeded" } },
    expect = "error", message = "its Permissions were not collected" },
  { name = "SecurityProfileIds not collected is an error",
    resource = { arn = USER, name = "sam", region = "us-east-1", data = { User = { Id = "u-1", Username = "sam" } } },
    others = { AGENT },
    expect = "error", message = "SecurityProfileIds" },
}
