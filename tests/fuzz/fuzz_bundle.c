/*
 * libFuzzer target for what `verify --bundle` reads from an untrusted
 * archive: the ustar reader (util/tar.c), the manifest (report/bundle.c) and
 * the results.json inside (results/load.c: the check and the digest).
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCA_FUZZ=ON && cmake --build build-fuzz
 *   build-fuzz/tests/fuzz/fuzz_bundle -max_total_time=60 tests/fuzz/corpus/fuzz_bundle
 * Any input must be read or refused with a message; never crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/bundle.h"
#include "results/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ca_tar_member m[CA_TAR_MAX_MEMBERS];
  size_t n;
  ca_err err = {0};
  cJSON *info = NULL, *mism = cJSON_CreateArray();
  if (ca_bundle_check("fuzz.tar", (const char *)data, size, NULL, m, &n, &info, mism, &err) == 0) {
    const ca_tar_member *r = ca_bundle_member(m, n, CA_BUNDLE_RESULTS);
    if (r) {
      if ((const uint8_t *)r->data < data || (const uint8_t *)r->data + r->len > data + size) abort();
      char *text = malloc(r->len + 1);
      memcpy(text, r->data, r->len);
      text[r->len] = '\0';
      cJSON *doc = NULL;
      ca_results_digest d;
      ca_err e2 = {0};
      if (ca_results_parse("fuzz.tar:results.json", text, r->len, &doc, &d, &e2) && (!e2.msg[0] || e2.code != CA_EXIT_USAGE))
        abort();
      cJSON_Delete(doc);
      free(text);
    }
  } else if (!err.msg[0] || err.code != CA_EXIT_USAGE) {
    abort();                       /* a refusal always says why, as an input error */
  }
  cJSON_Delete(info);
  cJSON_Delete(mism);
  return 0;
}
