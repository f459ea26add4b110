local ek = require "testkit.eligibility"

return ek.cases("pci_in_scope_extra")
