/*
 * libFuzzer target for the snapshot loader, the part that reads untrusted
 * input.  Build and run (clang from Debian):
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCA_FUZZ=ON && cmake --build build-fuzz
 *   build-fuzz/tests/fuzz/fuzz_snapshot -max_total_time=60 tests/fuzz/corpus/fuzz_snapshot
 * (scripts/fuzz-smoke builds and runs every target).
 * Any input must load or be refused with a message; never crash or leak;
 * and the text check's fast scan never accepts what its byte loop refuses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../textcheck_ref.h"
#include "snapshot/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char why[256];
  if (ca_json_text_plain(text, size) && ref_check_text(text, size, why, sizeof why)) abort();
  ca_err err = {0};
  ca_snapshot *s = NULL;
  if (ca_snapshot_parse("fuzz.json", text, size, &s, &err) == 0) {
    size_t n;
    const ca_resource *all = ca_snapshot_all(s, &n);
    for (size_t i = 0; i < n; i++)
      if (ca_snapshot_lookup(s, all[i].type, all[i].arn) != &all[i]) abort();
  } else if (!err.msg[0] || err.code != CA_EXIT_USAGE) {
    abort();                       /* a refusal always says why, as an input error */
  }
  ca_snapshot_free(s);
  free(text);
  return 0;
}
