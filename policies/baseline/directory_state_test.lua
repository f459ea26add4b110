local ak = require "testkit.attest"

local function inst(kind)
  return ak.instance({ Instance = { Id = ak.ID, Arn = ak.ARN, InstanceAlias = "acme-prod",
                                    IdentityManagementType = kind } })
end
local function user(kind)
  local i = inst(kind)
  i.type = "connect_instance"
  return i
end
local function dir(id, stage, region)
  region = region or "us-east-1"
  local a = "arn:aws:ds:" .. region .. ":111122223333:directory/" .. id
  return { type = "ds_directory", arn = a, name = id, region = region,
           data = { Directory = { DirectoryId = id, Name = "corp.acme.example", Stage = stage,
                                  StageReason = stage ~= "Active" and "domain controllers unreachable" or nil } } }
end

return {
  -- the instance
  { name = "an existing directory: the instance is skipped, naming the directory", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-1", "Active") }, expect = "skipped", message = "directory/d-1" },
  { name = "a directory in another region does not count", resource = inst("EXISTING_DIRECTORY"),
    others = { dir("d-9", "Active", "eu-west-1") }, expect = "error", message = "no ds_directory" },
  { name = "no directory collected: error quoting DescribeDirectories",
    resource = inst("EXISTING_DIRECTORY"),
    errors = { { arn = "arn:aws:ds:us-east-1:111122223333:directory/*", operation = "ds:DescribeDirectories",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "SAML uses no directory: skipped", resource = inst("SAML"), expect = "skipped" },
  { name = "CONNECT_MANAGED uses no directory: skipped", resource = inst("CONNECT_MANAGED"), expect = "skipped" },
  { name = "DescribeInstance not collected is an error",
    resource = ak.instance(nil, { "Instance" }), errors = ak.denied("connect:DescribeInstance"),
    expect = "error", message = "AccessDeniedException" },
  -- the directory, linked to the instance
  { name = "an Active directory passes", resource = dir("d-1", "Active"),
    others = { user("EXISTING_DIRECTORY") }, expect = "pass", message = "is Active (used by instance acme-prod)" },
  { name = "an Impaired directory fails with its reason", resource = dir("d-1", "Impaired"),
    others = { user("EXISTING_DIRECTORY") }, expect = "fail", message = "domain controllers unreachable" },
  { name = "an Inoperable directory fails", resource = dir("d-2", "Inoperable"),
    others = { user("EXISTING_DIRECTORY") }, expect = "fail", message = "d-2" },
  { name = "a directory no instance signs in through is skipped", resource = dir("d-1", "Impaired"),
    others = { user("SAML") }, expect = "skipped" },
  { name = "a directory without its Stage is an error",
    resource = { type = "ds_directory", arn = "arn:aws:ds:us-east-1:111122223333:directory/d-3", name = "d-3",
                 region = "us-east-1", data = { Directory = { DirectoryId = "d-3" } } },
    others = { user("EXISTING_DIRECTORY") }, expect = "error", message = "no collected Stage" },
}
