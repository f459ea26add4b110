return {
  id = "HOSTILE-WITNESS-001", title = "witness", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    assert(string.format and ("%d"):format(7) == "7", "string.format changed")
    assert(pairs and ipairs and table.insert ~= error and math.floor, "globals changed")
    assert(io == nil and os == nil and debug == nil and load == nil and string.dump == nil, "dangerous globals present")
    assert(r.data.Instance.InstanceAlias == "acme-test", "snapshot changed")
    ctx:pass("untouched", { path = "data/Instance/InstanceAlias", expected = "acme-test" })
  end,
}
