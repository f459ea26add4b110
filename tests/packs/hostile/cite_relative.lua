return {
  id = "HOSTILE-REL-001", title = "cite_relative", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "reference", remediation = "none",
  -- relative evidence paths (a string, a list of keys) beside the same
  -- pointers written out in full: check_sandbox.c expects each pair to give
  -- the same item (ctx.c resolves the relative ones in the resource's own
  -- container, the absolute ones through the snapshot's index)
  check = function(r, ctx)
    local abs = "/resources/connect_instance/" .. r.arn:gsub("~", "~0"):gsub("/", "~1")
    local ev = {}
    for _, rel in ipairs({ "", "name", "data", "data/Instance", "data/Instance/IdentityManagementType",
                           "data/Instance/nope", "nope/deeper" }) do
      ev[#ev + 1] = { path = rel, note = "relative" }
      ev[#ev + 1] = { path = rel == "" and abs or abs .. "/" .. rel, note = "relative" }
    end
    ev[#ev + 1] = { path = { "data", "Instance", "InstanceAlias" }, note = "keys" }
    ev[#ev + 1] = { path = abs .. "/data/Instance/InstanceAlias", note = "keys" }
    ctx:pass("relative and absolute", ev)
  end,
}
