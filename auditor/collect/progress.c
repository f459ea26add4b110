/* progress.c -- what collect says while it runs, on stderr (never with
 * --quiet).  On a terminal: one live line, rewritten after every call
 * ("\r...ESC[K": calls made, in flight and queued, retries, throttled answers, failed calls, the
 * operation) and erased at the end or before any other line.  Otherwise
 * (a file, a pipe, CI logs): one plain line per resource kind collected, after
 * each phase (the instances and everything they name, then the remaining
 * buckets and the keys).  One collection runs per process, so the little
 * state there is lives here. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "collect/collect_int.h"

#define MAX_KINDS 64
static int tty = -1;                 /* -1: not asked yet */
static int shown;                    /* a live line is on the screen */
static const char *reported[MAX_KINDS];
static size_t nreported;

static int live(const ca_col *c) {
  if (c->o->quiet || !c->aws) return 0;
  if (tty < 0) tty = isatty(STDERR_FILENO) == 1;
  return tty;
}

void col_progress_call(ca_col *c, const char *operation) {
  if (!live(c)) return;
  long requests = 0, retries = 0, throttles = 0, queued = 0;
  int inflight = 0;
  ca_aws_stats(c->aws, &requests, &retries, &throttles);
  ca_aws_load(c->aws, &queued, &inflight, NULL);
  fprintf(stderr, "\rconnect-auditor: collect: %ld calls (%d in flight, %ld queued), %ld retried, %ld throttled, %ld failed; %s\033[K",
          requests, inflight, queued - inflight > 0 ? queued - inflight : 0, retries, throttles, c->failed, operation);
  fflush(stderr);
  shown = 1;
}

void col_progress_clear(ca_col *c) {
  if (!shown || !live(c)) return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  shown = 0;
}

void col_progress_kinds(ca_col *c, const cJSON *resources) {
  if (c->o->quiet) return;
  if (live(c)) return;   /* the live line says it */
  const cJSON *t;
  cJSON_ArrayForEach(t, resources) {
    int n = cJSON_GetArraySize(t), seen = 0;
    for (size_t i = 0; i < nreported; i++)
      if (!strcmp(reported[i], t->string)) seen = 1;
    if (seen || !n) continue;   /* an empty kind may fill in a later phase */
    if (nreported < MAX_KINDS) reported[nreported++] = t->string;
    fprintf(stderr, "connect-auditor: collect: %s: %d collected\n", t->string, n);
  }
}
