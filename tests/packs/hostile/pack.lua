-- Rules that attack the sandbox or its limits; tests/check_sandbox.c expects
-- each to end as `error` with a precise reason, and the audit to go on.
return { name = "hostile", version = "0.0.0", framework = "BASELINE",
         description = "escape and exhaustion attempts \xff", params = { n = 1, s = "v\xfe" } }
