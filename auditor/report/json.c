#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "results/stream.h"

/* Any document (a diff, verify's answer): cJSON's formatted printing (keys
 * in insertion order, so the bytes are deterministic), with a final newline. */
int ca_render_json(const cJSON *doc, ca_buf *out, ca_err *err) {
  char *text = cJSON_Print(doc);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  int rc = ca_buf_adds(out, text) || ca_buf_adds(out, "\n");
  free(text);
  return rc ? -1 : 0;
}

static int to_buf(void *arg, const char *data, size_t len) { return ca_buf_add(arg, data, len); }

/* results.json: printed the same way, one finding at a time, and sealed with
 * its digest as the last member (results/stream.h): the bytes a reader
 * hashes are the bytes written here. */
int ca_render_results_json(const cJSON *results, ca_buf *out, ca_err *err) {
  return ca_results_print(results, NULL, NULL, to_buf, out, (size_t)-1, err);
}
