/*
 * libFuzzer target: the small input files -- waivers (first byte 0 mod 3),
 * attestations (1) and --params (2, parsed as audit parses it; its check
 * against the packs runs in the Lua pack loader) -- then waivers and
 * attestations applied to a results document (tests/fuzz/results-seed.json,
 * read once), so their globs and dates meet real findings.
 */
#include <stdio.h>

#include <cjson/cJSON.h>

#include "results/accept.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "fuzz.h"

static cJSON *results;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  char *t;
  size_t n;
  ca_err err = {0};
  if (ca_read_file(CA_FUZZ_SRC "/tests/fuzz/results-seed.json", 1 << 20, &t, &n, &err) ||
      !(results = cJSON_ParseWithLength(t, n))) {
    fprintf(stderr, "fuzz_accept: %s\n", err.msg[0] ? err.msg : "results-seed.json is not JSON");
    abort();
  }
  free(t);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size) return 0;
  char *text = fuzz_text(data + 1, size - 1);
  ca_err err = {0};
  int kind = data[0] % 3;
  if (kind == 2) {
    cJSON *p = NULL;
    if (ca_json_parse("params.json", text, size - 1, &p, &err) == 0) cJSON_Delete(p);
    else if (!err.msg[0]) abort();
  } else {
    ca_accept *a = NULL;
    int rc = kind == 0 ? ca_waivers_parse("waivers.json", text, size - 1, &a, &err)
                       : ca_attestations_parse("attestations.json", text, size - 1, &a, &err);
    if (rc == 0) {
      cJSON *r = cJSON_Duplicate(results, 1);
      if (!r) abort();
      ca_err e = {0};
      if (kind == 0) ca_results_apply_waivers(r, a, &e);
      else ca_results_apply_attestations(r, a, &e);
      cJSON_Delete(r);
    } else if (!err.msg[0]) {
      abort();
    }
    ca_accept_free(a);
  }
  free(text);
  return 0;
}
