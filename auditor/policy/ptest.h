/*
 * ptest.h -- `policy test`: every rule's tests (<rule>_test.lua beside it,
 * docs/policies.md) run through the real engine, each case on a snapshot
 * made from it and checked by the snapshot loader like any other.
 */
#ifndef CA_PTEST_H
#define CA_PTEST_H
#include <stdio.h>
#include "policy/engine.h"

typedef struct ca_ptest_totals {
  long passed, failed;
} ca_ptest_totals;

/* Writes a line per failure (and per pass when verbose) to out. */
int ca_policy_test(const ca_packset *ps, const ca_run_opts *o, int verbose, FILE *out,
                   ca_ptest_totals *t, ca_err *err);

#endif
