-- Benchmark-only pack (bench/README.md): never loaded unless bench/run.sh names
-- it with --policies bench/packs --pack bench.  Its rules walk the snapshot the
-- way bench/bridge.c's rules do, so the audit's figures and the bridge's can be
-- compared on the same work.
return {
  name = "bench",
  version = "0.1.0",
  framework = "BASELINE",
  description = "Benchmark traversals (not compliance rules)",
  params = {},
}
