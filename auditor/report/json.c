#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* results.json itself: cJSON's formatted printing (keys in insertion order,
 * so the bytes are deterministic), with a final newline. */
int ca_render_json(const cJSON *results, ca_buf *out, ca_err *err) {
  char *text = cJSON_Print(results);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory printing results");
  int rc = ca_buf_adds(out, text) || ca_buf_adds(out, "\n");
  free(text);
  return rc ? -1 : 0;
}
