/*
 * testutil.h -- what the Check suites share: a temporary directory per test
 * (tu_setup / tu_teardown), files in and out of it, and processes (the
 * binary, or a validator) run with their output captured.  Linked into every
 * suite (tests/CMakeLists.txt).
 */
#ifndef CA_TESTUTIL_H
#define CA_TESTUTIL_H
#include <stddef.h>

#include <check.h>
#include <cjson/cJSON.h>

/* The demo's clock (2026-11-20T09:30:00Z, as scripts/demo): tu_run sets
 * SOURCE_DATE_EPOCH to it. */
#define TU_NOW "1795167000"

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "\"%.300s\" lacks \"%s\"", (hay), (needle))
#define LACKS(hay, needle) ck_assert_msg(strstr((hay), (needle)) == NULL, "\"%.300s\" has \"%s\"", (hay), (needle))

/* The current test's temporary directory, /tmp/ca-<name>-XXXXXX. */
extern char tu_dir[64];
/* Creates tu_dir (name: the suite's, for the directory name).  Call from
 * the suite's setup; tu_teardown removes the directory and all in it. */
void tu_setup(const char *name);
void tu_teardown(void);
/* tu_dir/name, in one of 8 static buffers used in turn: valid until the
 * eighth call after this one. */
const char *tu_path(const char *name);

/* The bytes of path, NUL-terminated (*len, if len, gets their count without
 * the NUL); NULL when it cannot be read.  The caller frees. */
char *tu_slurp(const char *path, size_t *len);
/* The same, but a test failure when path cannot be read. */
char *tu_read(const char *path, size_t *len);
/* Writes text to path (atomically); a test failure if it cannot. */
void tu_spit(const char *path, const char *text);
/* Writes text to tu_dir/name; returns the path (as tu_path). */
const char *tu_put(const char *name, const char *text);
/* path parsed as JSON; a test failure when it cannot be read or parsed. */
cJSON *tu_load(const char *path);
/* j printed (formatted) to path, atomically. */
void tu_save(const char *path, const cJSON *j);

/* Runs argv (argv[0] a path, NULL-terminated) with env (NAME=VALUE,
 * NULL-terminated, may be NULL) ahead of this process's environment; stdout
 * to out, stderr to err, or (err NULL) to out as well.  The exit code, or
 * 128 + the signal that ended it. */
int tu_spawn(const char *const *argv, const char *const *env, const char *out, const char *err);

/* What a run of the binary did. */
typedef struct tu_out {
  int code;
  char *out, *err;   /* "" when it wrote nothing; tu_done frees them */
} tu_out;
/* Runs connect-auditor with args (NULL-terminated, at most 62) and
 * SOURCE_DATE_EPOCH at TU_NOW; stdout and stderr go through tu_dir/stdout
 * and tu_dir/stderr. */
tu_out tu_run(const char *const *args);
void tu_done(tu_out *o);

/* Validates each of paths (NULL-terminated, at most 16) against
 * schema/<schema> (schema/results.v1.schema.json given too, for the
 * definitions the estate's and the scan summary's refer to) with
 * tests/schema_check.py and Debian's python3-jsonschema; with invalid, each
 * must not validate.  A test failure naming what schema_check.py said.
 * Without python3-jsonschema: said on stderr and skipped, unless
 * CA_REQUIRE_TOOLS=1 (then a failure). */
void tu_schema(const char *schema, int invalid, const char *const *paths);

/* Runs every test of s (CK_NORMAL output) and frees it: the suite's exit
 * code, EXIT_FAILURE when a test failed.  Each suite's main returns it. */
int tu_run_suite(Suite *s);

#endif
