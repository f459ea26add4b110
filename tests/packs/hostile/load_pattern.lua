local s = ("a"):rep(50000)
s:find(".-.-.-.-.-.-.-b")
return {}
