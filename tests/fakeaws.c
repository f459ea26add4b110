/* fakeaws.c -- see fakeaws.h. */
#include "fakeaws.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

extern char **environ;

char fa_endpoint[64];
static pid_t fake_pid;   /* 0: no fake runs */

void fa_setup(const char *suite, int keys) {
  tu_setup(suite);
  fake_pid = 0;
  fa_endpoint[0] = '\0';
  /* Nothing from the developer's own AWS setup may leak in. */
  static const char *const vars[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                     "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
                                     "AWS_ENDPOINT_URL_CONNECT", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_S3",
                                     "AWS_ENDPOINT_URL_KMS", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                                     "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ENDPOINT_URL_SSO",
                                     "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
                                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                     "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                                     "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                                     "AWS_METADATA_SERVICE_TIMEOUT", "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                                     "AWS_CA_BUNDLE", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_STS_REGIONAL_ENDPOINTS",
                                     "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", NULL};
  for (int i = 0; vars[i]; i++) unsetenv(vars[i]);
  /* Not on EC2 (nor waiting a second to find out): a test that wants
   * instance metadata points AWS_EC2_METADATA_SERVICE_ENDPOINT at the fake
   * and unsets this. */
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  setenv("HOME", tu_dir, 1);
  if (keys) fa_keys();
}

static void stop(void) {
  if (fake_pid > 0) {
    kill(fake_pid, SIGTERM);
    waitpid(fake_pid, NULL, 0);
  }
  fake_pid = 0;
}

void fa_teardown(void) {
  stop();
  tu_teardown();
}

void fa_keys(void) {
  setenv("AWS_ACCESS_KEY_ID", FA_AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", FA_SECRET, 1);
}

cJSON *fa_world(const char *extra) {
  cJSON *w = tu_load(FA_DIR "/world.json");
  if (!extra) return w;
  char path[256];
  ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", FA_DIR, extra), (int)sizeof path);
  cJSON *more = tu_load(path);
  while (more->child) {
    cJSON *m = cJSON_DetachItemViaPointer(more, more->child);
    cJSON_AddItemToObject(w, m->string, m);
  }
  cJSON_Delete(more);
  return w;
}

cJSON *fa_faults(cJSON *world, const char *faults_json) {
  if (faults_json) {
    cJSON *f = cJSON_Parse(faults_json);
    ck_assert_msg(f != NULL, "faults do not parse: %s", faults_json);
    if (cJSON_GetObjectItem(world, "faults")) cJSON_ReplaceItemInObject(world, "faults", f);
    else cJSON_AddItemToObject(world, "faults", f);   /* a world without faults of its own */
  }
  return world;
}

void fa_start(cJSON *world) {
  stop();   /* one fake at a time: none is left running unseen */
  /* copies: tu_path's buffers are reused */
  char path[256], log[256], portfile[256];
  snprintf(path, sizeof path, "%s", tu_path("world.json"));
  snprintf(log, sizeof log, "%s", tu_path("requests"));
  snprintf(portfile, sizeof portfile, "%s", tu_path("port"));
  tu_save(path, world);
  cJSON_Delete(world);
  const char *argv[] = {"/usr/bin/python3", FA_DIR "/fake_aws.py", path, "--log", log, NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, portfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  ck_assert_msg(rc == 0, "cannot run %s", argv[1]);
  fake_pid = pid;   /* only a fake that runs is stopped later */
  for (int i = 0; i < 200; i++) {   /* up to 10 s for the port line */
    char *t = tu_slurp(portfile, NULL);
    int port = t && strchr(t, '\n') ? atoi(t) : 0;
    free(t);
    if (port) {
      snprintf(fa_endpoint, sizeof fa_endpoint, "http://127.0.0.1:%d", port);
      setenv("AWS_ENDPOINT_URL", fa_endpoint, 1);
      return;
    }
    usleep(50000);
  }
  ck_abort_msg("the fake AWS endpoint did not start");
}

void fa_restart(cJSON *world) {
  stop();
  unlink(tu_path("requests"));
  fa_start(world);
}

/* Walks the request log: the lines of op (NULL: any) holding line_has (NULL:
 * any) are counted; with hit, the n-th of them (n < 0: the last) is kept
 * there, parsed, and the walk stops at it. */
static int walk_log(const char *op, const char *line_has, int n, cJSON **hit) {
  char *text = tu_slurp(tu_path("requests"), NULL);
  int seen = 0;
  char *save = NULL;
  for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
    cJSON *req = cJSON_Parse(line);
    const char *its = cJSON_GetStringValue(cJSON_GetObjectItem(req, "op"));
    int match = req && (!op || (its && !strcmp(its, op))) && (!line_has || strstr(line, line_has));
    if (match && hit) {
      cJSON_Delete(*hit);
      *hit = req;
      if (seen++ == n) break;
      continue;
    }
    seen += match;
    cJSON_Delete(req);
  }
  free(text);
  return seen;
}

int fa_count(const char *op, const char *line_has) { return walk_log(op, line_has, -1, NULL); }

cJSON *fa_request(const char *op, int n) {
  cJSON *hit = NULL;
  int seen = walk_log(op, NULL, n, &hit);
  if (n >= 0 && seen <= n) {   /* fewer than n + 1: no n-th */
    cJSON_Delete(hit);
    hit = NULL;
  }
  return hit;
}

cJSON *fa_collect(const char *const *args) {
  const char *argv[32] = {"collect", "--region", "us-east-1"};
  int n = 3;
  for (int i = 0; args[i]; i++) {
    ck_assert_msg(i < 24, "too many arguments");
    argv[n++] = args[i];
  }
  argv[n++] = "-o";
  argv[n++] = tu_path("snap.json");
  argv[n] = NULL;
  tu_out o = tu_run(argv);
  ck_assert_msg(o.code == 0, "collect exit %d: %s", o.code, o.err);
  LACKS(o.err, FA_SECRET);
  tu_done(&o);
  return tu_load(tu_path("snap.json"));
}

const cJSON *fa_type(const cJSON *snap, const char *type) {
  return cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "resources"), type);
}

const cJSON *fa_res(const cJSON *snap, const char *type, const char *arn) {
  return cJSON_GetObjectItem(fa_type(snap, type), arn);
}

const cJSON *fa_data(const cJSON *snap, const char *type, const char *arn) {
  const cJSON *r = fa_res(snap, type, arn);
  ck_assert_msg(r != NULL, "%s %s not collected", type, arn);
  return cJSON_GetObjectItem(r, "data");
}

/* want NULL, or s equal to it (s a prefix of it, when want is a service "svc:") */
static int is(const char *s, const char *want) {
  if (!want) return 1;
  size_t k = strlen(want);
  return s && (k && want[k - 1] == ':' ? !strncmp(s, want, k) : !strcmp(s, want));
}

int fa_errors(const cJSON *snap, const char *operation, const char *arn, const char *code) {
  int count = 0;
  for (const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(snap, "errors"), 0); e; e = e->next)
    count += is(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), operation) &&
             is(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), arn) &&
             is(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), code);
  return count;
}

cJSON *fa_audit(const char *snapshot, int how) {
  char snap[256];
  snprintf(snap, sizeof snap, "%s", snapshot);
  if (how & FA_SCHEMA) {
    const char *argv[] = {"/usr/bin/python3", CA_TEST_SRC "/tests/schema_check.py",
                          CA_TEST_SRC "/schema/snapshot.v1.schema.json", snap, NULL};
    ck_assert_int_eq(tu_spawn(argv, NULL, tu_path("schema.out"), NULL), 0);
  }
  const char *args[] = {"audit", snap, "-o", tu_path("audit"), (how & FA_QUIET) ? "--quiet" : NULL, NULL};
  tu_out o = tu_run(args);
  ck_assert_msg(o.code == 0 || o.code == 1, "audit exit %d: %s", o.code, o.err);
  tu_done(&o);
  return tu_load(tu_path("audit/results.json"));
}

const cJSON *fa_finding(const cJSON *results, const char *rule, const char *arn) {
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) {
    const char *r = cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule_id"));
    const char *a = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(f, "resource"), "arn"));
    if (r && a && !strcmp(r, rule) && !strcmp(a, arn)) return f;
  }
  return NULL;
}

void fa_status_is(const cJSON *results, const char *rule, const char *arn, const char *want) {
  const cJSON *f = fa_finding(results, rule, arn);
  ck_assert_msg(f != NULL, "no %s finding on %s", rule, arn);
  const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(f, "status"));
  ck_assert_msg(st && !strcmp(st, want), "%s on %s: %s (want %s): %s", rule, arn, st ? st : "(none)", want,
                cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")));
}
