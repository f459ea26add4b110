/* bundle RESULTS_DIR -o evidence.tar [--sign KEY.pem]: the evidence an
 * auditor files, in one archive they can check with standard tools
 * (docs/evidence.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/bundle.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor bundle RESULTS_DIR -o evidence.tar [--sign KEY.pem] [--snapshot FILE]\n"
  "                       [--waivers FILE] [--attestations FILE]";

static const char help[] =
  "Writes one tar archive (atomically) holding the audited snapshot (snapshot.json),\n"
  "RESULTS_DIR/results.json, the reports beside it, MANIFEST.sha256 (every file's\n"
  "SHA-256, as sha256sum writes them) and, with --sign, MANIFEST.sha256.sig: the\n"
  "Ed25519 signature of the manifest.  Check it with 'verify --bundle FILE --pubkey\n"
  "PUB.pem', or with tar, sha256sum -c and openssl pkeyutl (docs/evidence.md).\n\n"
  "  -o, --output FILE     the bundle to write\n"
  "  --sign KEY.pem        an unencrypted PEM Ed25519 private key\n"
  "                        (openssl genpkey -algorithm ed25519 -out KEY.pem)\n"
  "  --snapshot FILE       the snapshot audited (default RESULTS_DIR/snapshot.json);\n"
  "                        its SHA-256 must be the one results.json records\n"
  "  --waivers FILE, --attestations FILE\n"
  "                        the files the audit applied (their SHA-256s must be the\n"
  "                        recorded ones), so the bundle holds all verify --reaudit needs\n";

int cmd_bundle(int argc, char **argv) {
  ca_bundle_in in = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      NEEDV();
      in.output = v;
    } else if (!strcmp(a, "--sign")) {
      NEEDV();
      in.sign_key = v;
    } else if (!strcmp(a, "--snapshot")) {
      NEEDV();
      in.snapshot = v;
    } else if (!strcmp(a, "--waivers")) {
      NEEDV();
      in.waivers = v;
    } else if (!strcmp(a, "--attestations")) {
      NEEDV();
      in.attestations = v;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!in.results_dir) {
      in.results_dir = a;
    } else {
      return cli_usage(usage, "one results folder at a time (got %s and %s)", in.results_dir, a);
    }
#undef NEEDV
  }
  if (!in.results_dir || !in.output) return cli_usage(usage, "needs RESULTS_DIR and -o FILE");
  ca_err err = {0};
  size_t n;
  /* an output never replaces an input: the named files, and every file of
   * RESULTS_DIR (the bundle reads results.json and the reports there) */
  const char *inputs[] = {in.snapshot, in.waivers, in.attestations, in.sign_key};
  char **names = NULL, path[4096];
  if (ca_output_not_input(in.output, inputs, 4, &err)) return cli_fail(&err);
  if (!ca_list_dir(in.results_dir, &names, &n, &err))
    for (size_t k = 0; k < n && !err.code; k++) {
      const char *p = path;
      snprintf(path, sizeof path, "%s/%s", in.results_dir, names[k]);
      ca_output_not_input(in.output, &p, 1, &err);
    }
  ca_free_list(names);
  if (err.code) return cli_fail(&err);
  if (ca_bundle_write(&in, &n, &err)) return cli_fail(&err);
  fprintf(stderr, "connect-auditor: wrote %s: %zu files%s\n", in.output, n,
          in.sign_key ? ", the manifest signed" : ", unsigned");
  return CA_EXIT_OK;
}
