/* err.h -- errors are values with context (curl's Curl_failf idea):
 * the deepest message wins, callers may prefix. Only cli/ prints. */
#ifndef CA_ERR_H
#define CA_ERR_H
#include <stddef.h>

/* Exit codes, one table (design.md). */
enum ca_exit {
  CA_EXIT_OK = 0,        /* nothing at or above --fail-on */
  CA_EXIT_FINDINGS = 1,  /* failing findings at or above --fail-on */
  CA_EXIT_USAGE = 2,     /* usage or input error */
  CA_EXIT_RUN = 3        /* the run could not complete */
};

typedef struct ca_err {
  int code;          /* an enum ca_exit; 0 while no error */
  char msg[2048];
} ca_err;

/* Sets the message only if none is set yet; returns -1 for `return ca_errf(...)`. */
int ca_errf(ca_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prefixes an existing message ("snapshot.json: " + msg). */
void ca_err_prefix(ca_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ca_err_clear(ca_err *err);

#endif
