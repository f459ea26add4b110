local iv = require "testkit.inventory"

return iv.cases("PII-1")
