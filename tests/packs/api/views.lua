return {
  id = "API-VIEW-001", title = "views", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"}, HIPAA = {"164.312(b)"} }, resource = "s3_bucket",
  rationale = "r", remediation = "m",
  check = function(r, ctx)
    local d = r.data
    assert(d.Policy == false, "JSON null reads as false")
    assert(d.NotCollected == nil, "absent reads as nil")
    assert(#d.Tags == 2 and d.Tags[2].Key == "b" and d.Tags[3] == nil, "arrays index from 1")
    local keys = {}
    for k in pairs(d.Versioning) do keys[#keys + 1] = k end
    assert(table.concat(keys, ",") == "Status,MFADelete", "pairs keeps JSON order")
    local n = 0
    for i, t in ipairs(d.Tags) do n = n + i end
    assert(n == 3, "ipairs")
    assert(d.Tags == r.data.Tags, "views of one node are equal")
    assert(ctx:ptr(d.Tags, 2, "Key") == "/resources/s3_bucket/arn:aws:s3:::acme-b/data/Tags/1/Key", ctx:ptr(d.Tags, 2, "Key"))
    assert(r.arn == "arn:aws:s3:::acme-b" and r.type == "s3_bucket" and r.region == "eu-west-1")
    ctx:pass("views behave", { { path = "data/Versioning/Status", expected = "Enabled" },
                               { path = { "data", "Tags", 1, "Value" }, expected = "x" },
                               { path = "data/NotCollected", expected = "anything" } })
  end,
}
