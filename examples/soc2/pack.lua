-- An example of a pack of one's own (docs/policies.md, "Frameworks of your own"):
-- it declares a framework, SOC2, with its control catalogue (controls.json), maps
-- the built-in checks that decide those controls (controls.json's "rules"), and
-- adds one rule of its own.  Use it with --policies examples/soc2.
return {
  name = "soc2",
  version = "0.1.0",
  framework = "SOC2",
  description = "SOC 2 CC6/CC7 (an example): the built-in checks mapped to the Trust Services Criteria, and one more",
  params = {
    -- SOC2-ACC-001: the security profiles (Name) allowed to grant access: to create or edit
    -- security profiles, or to change a user's permissions
    access_admin_profiles = { "Admin" },
  },
}
