-- Rules whose finalizers misbehave when their Lua state is closed, after every
-- finding was sent; tests/check_sandbox.c expects those findings flagged. A
-- pack of their own: two of them spin until the deadline, and would take CPU
-- from the budget tests of the hostile pack.
return { name = "closing", version = "0.0.0", framework = "BASELINE",
         description = "misbehaviour at close", params = {} }
