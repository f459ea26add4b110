/* fuzz.h -- what the libFuzzer targets share: the input as the
 * NUL-terminated text every parser here expects. */
#ifndef CA_FUZZ_H
#define CA_FUZZ_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline char *fuzz_text(const uint8_t *data, size_t size) {
  char *t = malloc(size + 1);
  if (!t) abort();
  memcpy(t, data, size);
  t[size] = '\0';
  return t;
}

#endif
