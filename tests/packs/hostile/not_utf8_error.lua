return {
  id = "HOSTILE-UTF8-002", title = "not_utf8_error", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  -- an error message that is not UTF-8
  check = function(r, ctx)
    error("raised \xff\xfe")
  end,
}
