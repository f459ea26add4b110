-- DEV-2: instance aliases carry a stage suffix (acme-prod, acme-dev, acmeQA).
--
-- The stage names come from the `stage_suffixes` parameter (compared without
-- case). A suffix counts when it ends the alias and either follows a
-- separator (- _ .) or starts a capitalised word (camelCase "acmeStaging"):
-- "acme-prod" and "acmeProd" pass, "acmeprod" does not (the stage cannot be
-- told from a run-on word: "reprod"), and neither does a bare "prod" (no name
-- to go with the stage) -- lib/stage.lua. The alias is DescribeInstance
-- Instance.InstanceAlias.
local stage = require "stage"

return {
  id = "BASE-DEV-001",
  title = "The instance alias carries a stage suffix",
  severity = "low",
  practice = "DEV-2",
  controls = { BASELINE = {"DEV-2"} },
  resource = "connect_instance",
  rationale = "With one instance per stage, the alias is what people see in the console, the CCP URL "
    .. "and the logs; a stage suffix keeps a change meant for dev from being made in prod, and lets "
    .. "deployment scripts check they target the right stage.",
  remediation = "The alias is fixed at creation (it is part of https://ALIAS.my.connect.aws). Create "
    .. "new instances with a stage suffix (aws connect create-instance --instance-alias acme-prod "
    .. "--identity-management-type SAML --inbound-calls-enabled --outbound-calls-enabled), or add "
    .. "this stage's name to the stage_suffixes parameter if the convention uses another word.",
  check = function(r, ctx)
    local alias = ctx:need(r.data, "Instance", "InstanceAlias")
    local suffixes = ctx.params.stage_suffixes
    local ev = { path = "data/Instance/InstanceAlias",
                 expected = "ends with a stage: " .. table.concat(suffixes, ", ") }
    if type(alias) ~= "string" or alias == "" then
      ctx:fail("instance " .. r.name .. " has no alias, so no stage suffix", ev)
      return
    end
    local found, how = stage.of(alias, suffixes)
    if found then
      ctx:pass("instance alias " .. alias .. " ends with stage " .. found .. " (" .. how .. ")", ev)
    else
      ctx:fail("instance alias " .. alias .. " carries no stage suffix (parameter stage_suffixes, after - _ . "
        .. "or as a capitalised word)", ev)
    end
  end,
}
