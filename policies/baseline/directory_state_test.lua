local ak = require "testkit.attest"

local function inst(kind)
  return ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN, InstanceAlias = "acme-prod",
                                    IdentityManagementType = kind } })
end
local function dir(id, stage, region)
  region = region or "us-east-1"
  local a = "arn:aws:ds:" .. region .. ":111122223333:directory/" .. id
  return { type = "ds_directory", arn = a, name = id, region = region,
           data = { Directory = { DirectoryId = id, Name = "corp.acme.example", Stage = stage,
                                  StageReason = stage ~= "Active" and "domain controllers unreachable" or nil } } }
end

return {
  { name = "an Active directory passes", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-1", "Active") }, expect = "pass", message = "is Active" },
  { name = "an Impaired directory fails with its reason", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-1", "Impaired") }, expect = "fail", message = "domain controllers unreachable" },
  { name = "one of two directories Inoperable fails", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-1", "Active"), dir("d-2", "Inoperable") }, expect = "fail", message = "d-2" },
  { name = "a directory in another region does not count", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-9", "Active", "eu-west-1") }, expect = "error", message = "no ds_directory" },
  { name = "no directory collected: error quoting DescribeDirectories",
    resource = inst("EXISTING_DIRECTORY"),
    errors = { { arn = "arn:aws:ds:us-east-1:111122223333:directory/*", operation = "ds:DescribeDirectories",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "a directory without its Stage is an error", resource = inst("EXISTING_DIRECTORY"),
    others = { { type = "ds_directory", arn = "arn:aws:ds:us-east-1:111122223333:directory/d-3", name = "d-3",
                 region = "us-east-1", data = { Directory = { DirectoryId = "d-3" } } } },
    expect = "error", message = "no collected Stage" },
  { name = "SAML uses no directory: skipped", resource = inst("SAML"), expect = "skipped" },
  { name = "CONNECT_MANAGED uses no directory: skipped", resource = inst("CONNECT_MANAGED"), expect = "skipped" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
}
