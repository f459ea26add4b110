local ek = require "testkit.eligibility"

return ek.cases("hipaa_eligible_extra")
