-- Every rule process starts from the engine's base state (ctx.c
-- ca_rule_base_new, built once in the parent and inherited by fork):
-- tests/check_sandbox.c audits these rules one at a time, in file order, and
-- checks that what the first does to its state reaches no later rule, and
-- that each gives, line for line, what it gives in a state of its own.
return { name = "fresh", version = "0.0.0", framework = "BASELINE",
         description = "one rule changes its state; the next must not see it", params = {} }
