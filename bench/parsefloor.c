/*
 * parsefloor.c -- the floor under `connect-auditor audit`: read the file,
 * parse it with cJSON, free it.  Nothing else, so that measure.c's figures for
 * this program are what any cJSON-based loader must pay for this input.
 *
 *   parsefloor SNAPSHOT.json
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#define MAX_BYTES (1024L * 1024 * 1024)   /* CA_MAX_SNAPSHOT_BYTES */

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  struct stat st;
  char *buf = NULL;
  if (!f) return NULL;
  if (fstat(fileno(f), &st) == 0 && st.st_size >= 0 && st.st_size <= MAX_BYTES) {
    buf = malloc((size_t)st.st_size + 1);
    if (buf && fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
      free(buf);
      buf = NULL;
    }
    if (buf) {
      buf[st.st_size] = '\0';
      *len = (size_t)st.st_size;
    }
  }
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: parsefloor SNAPSHOT.json\n");
    return 2;
  }
  size_t len = 0;
  char *text = read_all(argv[1], &len);
  if (!text) {
    fprintf(stderr, "parsefloor: cannot read %s: %s\n", argv[1], errno ? strerror(errno) : "too large");
    return 1;
  }
  cJSON *root = cJSON_ParseWithLength(text, len);
  free(text);
  if (!root) {
    fprintf(stderr, "parsefloor: %s: invalid JSON\n", argv[1]);
    return 1;
  }
  cJSON_Delete(root);
  return 0;
}
