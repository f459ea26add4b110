return {
  id = "HOSTILE-SYN-001", title = "syntax", severity = "low",
  check = function( end
