-- Loops only the instruction budget can stop; tests/check_sandbox.c audits
-- them under a deadline far beyond what the budget needs, so on a loaded
-- machine the budget, not the clock, is what stops them.
return { name = "budget", version = "0.0.0", framework = "BASELINE",
         description = "loops the instruction budget must stop", params = {} }
