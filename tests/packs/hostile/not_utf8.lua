return {
  id = "HOSTILE-UTF8-001", title = "not_utf8 \xff title", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none \xfe",
  -- bytes that are not UTF-8 in every string a rule can emit
  check = function(r, ctx)
    local _ = ctx.params.s     -- a pack parameter that was not UTF-8 in pack.lua
    ctx:fail("bad \xff\xfe bytes \xc3 cut \xed\xa0\x80 surrogate",
      { path = "data/Instance/Bad\xffKey", expected = { ["k\xff"] = "v\xfe" }, note = "n\xc0\xaf" })
  end,
}
