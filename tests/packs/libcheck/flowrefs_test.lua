local function res(items)
  return { arn = "arn:aws:connect:us-east-1:111122223333:instance/abc/contact-flow/f1", name = "f1", region = "us-east-1",
           data = { ContactFlow = { Content = { Version = "2019-10-30", StartAction = "a", Actions = {} } }, Items = items } }
end
local function it(status, text) return { status = status, text = text } end
return {
  { name = "helpers hold; no items: skip with the none text",
    resource = res({}), expect = "skipped", message = "subject: none here" },
  { name = "all pass: pass with the pass word and count",
    resource = res({ it("pass", "a"), it("pass", "b") }), expect = "pass", message = "subject: 2 of 2 good: a; b" },
  { name = "fail outranks error, manual and pass; only failing texts listed",
    resource = res({ it("pass", "a"), it("manual", "m"), it("error", "e"), it("fail", "f") }),
    expect = "fail", message = "subject: 1 of 4 bad: f" },
  { name = "error outranks manual",
    resource = res({ it("manual", "m"), it("error", "e") }), expect = "error", message = "1 of 2 error: e" },
  { name = "manual outranks pass",
    resource = res({ it("pass", "a"), it("manual", "m") }), expect = "manual", message = "1 of 2 manual: m" },
  { name = "more than three texts are counted, not listed",
    resource = res({ it("fail", "1"), it("fail", "2"), it("fail", "3"), it("fail", "4"), it("fail", "5") }),
    expect = "fail", message = "5 of 5 bad: 1; 2; 3; and 2 more" },
}
