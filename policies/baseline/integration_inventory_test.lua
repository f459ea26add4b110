local iv = require "testkit.inventory"

return iv.cases("CW-4")
