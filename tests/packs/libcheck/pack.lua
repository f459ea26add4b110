-- Tests of the shared libraries in policies/lib (arn, iam, collection, streams),
-- each exercised through a small rule; run by ctest lib_test.
return { name = "libcheck", version = "0.0.0", framework = "BASELINE", params = {} }
