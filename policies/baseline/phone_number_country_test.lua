local tk = require "testkit.telephony"

return {
  { name = "a number in a listed country passes",
    resource = tk.number("pn1", { country = "US" }), params = { phone_number_countries = { "CA", "US" } },
    expect = "pass", message = "a US number" },
  { name = "a number in another country fails",
    resource = tk.number("pn1", { country = "GB", number = "+442071838750" }), params = { phone_number_countries = { "US" } },
    expect = "fail", message = "not a country the contact center serves" },
  { name = "countries not stated: manual",
    resource = tk.number("pn1", { country = "US" }),
    expect = "manual", message = "phone_number_countries" },
  { name = "DescribePhoneNumber denied is an error",
    resource = tk.number("pn1", { unread = true }), params = { phone_number_countries = { "US" } },
    errors = { { arn = tk.number_arn("pn1"), operation = "connect:DescribePhoneNumber", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "no country code is an error",
    resource = tk.number("pn1", { drop = { "PhoneNumberCountryCode" } }), params = { phone_number_countries = { "US" } },
    expect = "error" },
}
