return { name = "brokenpack", version = 1 }   -- version must be a string
