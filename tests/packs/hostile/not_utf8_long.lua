return {
  id = "HOSTILE-UTF8-003", title = "not_utf8_long", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- the second resource's message grows threefold when made UTF-8 (each
  -- \xff a U+FFFD): the line the parent prints again is longer than all it
  -- has read so far, after a first finding it kept
  check = function(r, ctx)
    ctx:fail(r.arn:sub(-4) .. ("\xff"):rep(r.arn:find("1111$") and 1 or 2000))
  end,
}
