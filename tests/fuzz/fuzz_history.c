/*
 * libFuzzer target: the history database reader (store/history.c) on a file
 * holding the input -- `history --db FILE` on whatever file a user names.
 * Read-only: the file is opened as history does and listed twice.
 */
#include <stdio.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "store/history.h"
#include "fuzz.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  snprintf(path, sizeof path, "/tmp/ca-fuzz-history-%ld.db", (long)getpid());
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  if (fclose(f)) abort();
  unlink(strcat(strcpy((char[80]){0}, path), "-journal"));   /* a hot journal is another input */
  ca_err err = {0};
  ca_history *h = NULL;
  if (ca_history_open(path, 0, &h, &err) == 0) {
    cJSON *scans = NULL;
    ca_err e = {0};
    if (ca_history_list(h, NULL, 20, &scans, &e) == 0 && !cJSON_IsArray(scans)) abort();
    cJSON_Delete(scans);
    scans = NULL;
    if (ca_history_list(h, "111122223333", 3, &scans, &e) == 0 && !cJSON_IsArray(scans)) abort();
    cJSON_Delete(scans);
  } else if (!err.msg[0]) {
    abort();
  }
  ca_history_close(h);
  unlink(path);
  return 0;
}
