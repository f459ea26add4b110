return {
  id = "HOSTILE-PRINT-001", title = "print_stdout", severity = "low", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance",
  rationale = "attack", remediation = "none",
  check = function(r, ctx)
    print("pwned") ctx:pass("printed")
  end,
}
