/* cli.h -- the subcommands (a table in main.c, as git's commands[]). Only
 * cli/ prints; every command returns an exit code (util/err.h). */
#ifndef CA_CLI_H
#define CA_CLI_H
#include "util/err.h"

int cmd_audit(int argc, char **argv);
int cmd_policy(int argc, char **argv);

/* Prints "connect-auditor: <msg>" to stderr and returns err->code. */
int cli_fail(const ca_err *err);
/* Usage error: message plus the command's usage line. */
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parses a non-negative number option; -1 if malformed. */
double cli_number(const char *s);

#endif
