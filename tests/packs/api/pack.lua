-- Exercises the rule API (views, ctx methods, parameters); tests/check_sandbox.c.
return { name = "api", version = "0.0.0", framework = "BASELINE", params = { region = "us-east-1", unused = 0 } }
