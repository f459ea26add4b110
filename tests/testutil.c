/* testutil.c -- see testutil.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/jsonfile.h"

extern char **environ;

char tu_dir[64];

void tu_setup(const char *name) {
  snprintf(tu_dir, sizeof tu_dir, "/tmp/ca-%s-XXXXXX", name);
  ck_assert_ptr_nonnull(mkdtemp(tu_dir));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

void tu_teardown(void) { nftw(tu_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS); }

const char *tu_path(const char *name) {
  static char paths[8][256];
  static int k;
  char *p = paths[k++ % 8];
  ck_assert_int_lt(snprintf(p, sizeof paths[0], "%s/%s", tu_dir, name), (int)sizeof paths[0]);
  return p;
}

char *tu_slurp(const char *path, size_t *len) {
  char *t;
  size_t n;
  ca_err e = {0};
  if (ca_read_file(path, 1L << 30, &t, &n, &e)) return NULL;
  if (len) *len = n;
  return t;
}

char *tu_read(const char *path, size_t *len) {
  char *t = tu_slurp(path, len);
  ck_assert_msg(t != NULL, "cannot read %s", path);
  return t;
}

void tu_spit(const char *path, const char *text) {
  ca_err e = {0};
  ck_assert_msg(!ca_write_atomic(path, text, strlen(text), &e), "%s", e.msg);
}

const char *tu_put(const char *name, const char *text) {
  const char *p = tu_path(name);
  tu_spit(p, text);
  return p;
}

cJSON *tu_load(const char *path) {
  cJSON *j = NULL;
  ca_err e = {0};
  ck_assert_msg(!ca_json_load(path, 1L << 30, &j, &e), "%s", e.msg);
  return j;
}

void tu_save(const char *path, const cJSON *j) {
  char *t = cJSON_Print(j);
  ck_assert_ptr_nonnull(t);
  tu_spit(path, t);
  free(t);
}

int tu_spawn(const char *const *argv, const char *const *env, const char *out, const char *err) {
  char *envp[256];
  int n = 0;
  for (int i = 0; env && env[i] && n < 255; i++) envp[n++] = (char *)env[i];
  for (char **e = environ; *e && n < 255; e++) envp[n++] = *e;
  envp[n] = NULL;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err) posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  else posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, envp);
  posix_spawn_file_actions_destroy(&fa);
  ck_assert_msg(rc == 0, "cannot run %s", argv[0]);
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *text_of(const char *path) {
  char *t = tu_slurp(path, NULL);
  return t ? t : strdup("");
}

tu_out tu_run(const char *const *args) {
  const char *argv[64] = {CA_TEST_BIN};
  int n = 1;
  for (; args[n - 1]; n++) {
    ck_assert_msg(n < 63, "too many arguments");
    argv[n] = args[n - 1];
  }
  argv[n] = NULL;
  setenv("SOURCE_DATE_EPOCH", TU_NOW, 1);
  char so[256], se[256];   /* not tu_path's: a caller's paths stay valid */
  snprintf(so, sizeof so, "%s/stdout", tu_dir);
  snprintf(se, sizeof se, "%s/stderr", tu_dir);
  int code = tu_spawn(argv, NULL, so, se);
  return (tu_out){code, text_of(so), text_of(se)};
}

void tu_done(tu_out *o) {
  free(o->out);
  free(o->err);
  o->out = o->err = NULL;
}

void tu_schema(const char *schema, int invalid, const char *const *paths) {
  static const char py[] = "/usr/bin/python3";
  char out[256], sch[512];
  snprintf(out, sizeof out, "%s/schema_check.out", tu_dir);
  if (tu_spawn((const char *[]){py, "-c", "import jsonschema", NULL}, NULL, out, NULL)) {
    const char *req = getenv("CA_REQUIRE_TOOLS");
    ck_assert_msg(!(req && !strcmp(req, "1")), "python3-jsonschema is missing and CA_REQUIRE_TOOLS=1");
    fprintf(stderr, "\n*** SKIPPED: the %s check: python3-jsonschema is missing (scripts/install-deps --tests) ***\n\n",
            schema);
    return;
  }
  snprintf(sch, sizeof sch, CA_TEST_SRC "/schema/%s", schema);
  const char *argv[32] = {py, CA_TEST_SRC "/tests/schema_check.py", sch, "--ref", CA_TEST_SRC "/schema/results.v1.schema.json"};
  int n = 5;
  if (invalid) argv[n++] = "--invalid";
  for (int i = 0; paths[i]; i++) {
    ck_assert_msg(n < 30, "too many files");
    argv[n++] = paths[i];
  }
  argv[n] = NULL;
  int code = tu_spawn(argv, NULL, out, NULL);
  char *said = text_of(out);
  ck_assert_msg(code == 0, "schema_check.py %s (exit %d):\n%.4000s", schema, code, said);
  free(said);
}

int tu_run_suite(Suite *s) {
  SRunner *r = srunner_create(s);
  srunner_run_all(r, CK_NORMAL);
  int failed = srunner_ntests_failed(r);
  srunner_free(r);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
