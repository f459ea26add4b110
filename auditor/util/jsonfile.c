#include "util/jsonfile.h"

#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"

int ca_json_load(const char *path, long cap, cJSON **out, ca_err *err) {
  char *text;
  size_t len;
  *out = NULL;
  if (ca_read_file(path, cap, &text, &len, err)) return -1;
  const char *end = NULL;
  cJSON *j = len && strlen(text) == len ? cJSON_ParseWithLengthOpts(text, len + 1, &end, 1) : NULL;
  if (!j) {
    size_t off = end ? (size_t)(end - text) : 0;
    long line = 1, col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
      if (text[i] == '\n') { line++; col = 1; }
      else col++;
    }
    free(text);
    return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld: %s", path, line, col,
                   len == 0 ? "empty file; expected a JSON object"
                   : off >= len ? "unexpected end of file; expected more JSON (truncated?)"
                   : "invalid JSON; expected a JSON value");
  }
  free(text);
  *out = j;
  return 0;
}
