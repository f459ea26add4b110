-- Benchmark-only pack (bench/README.md, "jq"): the four built-in rules that
-- bench/jq/checks.jq also decides, as symlinks to the rules themselves (not
-- copies), with the baseline pack's defaults for the parameters they read.
-- Loaded only by bench/run.sh (--policies bench/packs --pack jqcmp); the rule
-- IDs are the built-in ones, so never load it beside the built-in packs.
return {
  name = "jqcmp",
  version = "0.1.0",
  framework = "BASELINE",
  description = "Four built-in rules, for the comparison with jq (not a pack to audit with)",
  params = {
    admin_profile_names = { "Admin" },
    agent_profile_names = {},
    agent_permission_signature = { "BasicAgentAccess" },
    agent_forbidden_permissions = { "Users.Create", "Users.Edit", "Users.Delete", "Users.EditPermission",
      "Users.EnableAndDisable", "SecurityProfiles.Create", "SecurityProfiles.Edit", "SecurityProfiles.Delete" },
    agent_forbidden_together = { { "Users.View", "SecurityProfiles.View" } },
    flow_max_actions = 100,
    flow_name_pattern = "^%l[%a%d]*$",
  },
}
