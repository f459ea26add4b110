/*
 * libFuzzer target: a results.json as report, diff and verify read it.  The
 * digest a fuzzer cannot forge is checked (ca_results_parse); the document is
 * then also taken past it, as ca_results_check accepts it, through every
 * renderer and through diff against itself -- what a results.json that
 * passes the check can reach.
 */
#include <cjson/cJSON.h>

#include "report/report.h"
#include "results/diff.h"
#include "results/load.h"
#include "util/buf.h"
#include "util/jsonfile.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  ca_err err = {0};
  cJSON *doc = NULL;
  ca_results_digest d;
  if (ca_results_parse("fuzz.json", text, size, &doc, &d, &err) == 0) cJSON_Delete(doc);
  else if (!err.msg[0]) abort();
  doc = NULL;
  ca_err_clear(&err);
  if (ca_json_parse("fuzz.json", text, size, &doc, &err) == 0 && ca_results_check(doc, "fuzz.json", &err) == 0) {
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "digest");
    size_t n;
    const ca_format *f = ca_formats(&n);
    for (size_t i = 0; i < n; i++) {
      ca_buf out;
      ca_buf_init(&out, 64 << 20);
      ca_err e = {0};
      f[i].render(doc, &out, &e);
      ca_buf_free(&out);
    }
    ca_diff_opts o = {"old.json", "new.json", 0, 2, 0};
    cJSON *diff = NULL;
    long gate = 0;
    ca_err e = {0};
    if (ca_diff_results(doc, doc, &o, &diff, &gate, &e) == 0) {
      ca_buf out;
      ca_buf_init(&out, 64 << 20);
      ca_diff_render_text(diff, &out, &e);
      ca_buf_free(&out);
      if (gate < 0) abort();
    }
    cJSON_Delete(diff);
  } else if (!err.msg[0]) {
    abort();   /* a refusal always says why */
  }
  cJSON_Delete(doc);
  free(text);
  return 0;
}
