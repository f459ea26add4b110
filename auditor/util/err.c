#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ca_errf(ca_err *err, int code, const char *fmt, ...) {
  if (!err || err->code) return -1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  err->code = code ? code : CA_EXIT_RUN;
  return -1;
}

void ca_err_prefix(ca_err *err, const char *fmt, ...) {
  if (!err || !err->code) return;
  char head[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(head, sizeof head, fmt, ap);
  va_end(ap);
  size_t h = strlen(head), m = strlen(err->msg);
  if (h >= sizeof err->msg) h = sizeof err->msg - 1;
  if (h + m >= sizeof err->msg) m = sizeof err->msg - 1 - h;   /* keep the start of the deeper message */
  memmove(err->msg + h, err->msg, m);
  memcpy(err->msg, head, h);
  err->msg[h + m] = '\0';
}

void ca_err_clear(ca_err *err) {
  if (!err) return;
  err->code = 0;
  err->msg[0] = '\0';
}
