/* scan = collect + audit, through the fake AWS endpoint. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

static void setup(void) { fa_setup("scan", FA_KEYS); }

START_TEST(scan_collects_then_audits) {
  fa_start(fa_world("world_objects.json"));
  tu_out o = tu_run((const char *[]){"scan", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("out"),
                                     "--rate", "200", "--format", "md", "--pack", "baseline", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  LACKS(o.err, FA_SECRET);
  HAS(o.err, "connect-auditor: collect: wrote");
  HAS(o.err, "pass,");                              /* audit's summary */
  tu_done(&o);
  cJSON *s = tu_load(tu_path("out/snapshot.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_instance")), 1);
  cJSON_Delete(s);
  cJSON *r = tu_load(tu_path("out/results.json"));
  ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(r, "findings")), 0);
  cJSON_Delete(r);
  ck_assert_int_eq(access(tu_path("out/report.md"), R_OK), 0);
}
END_TEST

START_TEST(scan_quiet_snapshot_and_fail_on) {
  fa_start(fa_world("world_objects.json"));
  tu_out o = tu_run((const char *[]){"scan", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("out"),
                                     "--snapshot", tu_path("snap.json"), "--rate", "200", "--fail-on", "info",
                                     "--quiet", NULL});
  ck_assert_msg(o.code == 1, "exit %d: %s", o.code, o.err);   /* findings at or above info */
  ck_assert_str_eq(o.err, "");                                  /* --quiet: nothing on stderr */
  tu_done(&o);
  ck_assert_int_eq(access(tu_path("snap.json"), R_OK), 0);
  ck_assert_int_ne(access(tu_path("out/snapshot.json"), R_OK), 0);
  ck_assert_int_eq(access(tu_path("out/results.json"), R_OK), 0);
}
END_TEST

START_TEST(scan_without_snapshot_exits_as_collect) {
  fa_start(fa_world("world_objects.json"));
  tu_out o = tu_run((const char *[]){"scan", "--region", "us-east-1", "--instance", "nope", "-o", tu_path("out"),
                                     "--rate", "200", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no such Amazon Connect instance");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("out/results.json"), R_OK), 0);
  o = tu_run((const char *[]){"scan", "--bogus", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "usage: connect-auditor scan");
  tu_done(&o);
  o = tu_run((const char *[]){"scan", "--region", "us-east-1", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "which instance?");
  HAS(o.err, "usage: connect-auditor scan");
  tu_done(&o);
  o = tu_run((const char *[]){"scan", "--instance", "acme-prod", "--fail-on", "sometimes", "--region", "us-east-1",
                              "-o", tu_path("out2"), "--rate", "200", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--fail-on sometimes");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("out2/snapshot.json"), R_OK), 0);   /* refused before collecting */
}
END_TEST

START_TEST(progress_plain_lines_per_kind) {
  fa_start(fa_world("world_objects.json"));
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "connect-auditor: collect: connect_instance: 1 collected\n");
  HAS(o.err, "connect-auditor: collect: connect_queue: 3 collected\n");
  HAS(o.err, "connect-auditor: collect: s3_bucket: ");
  LACKS(o.err, "\r");                                 /* not a terminal: no live line */
  LACKS(o.err, "\033[K");
  tu_done(&o);
  o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                              tu_path("snap.json"), "--rate", "200", "--quiet", NULL});
  ck_assert_int_eq(o.code, 0);
  ck_assert_str_eq(o.err, "");
  tu_done(&o);
}
END_TEST

/* On a terminal (a pty): the live line, rewritten with \r, erased at the end. */
START_TEST(progress_live_line_on_a_tty) {
  fa_start(fa_world("world_objects.json"));
  int master;
  pid_t pid = forkpty(&master, NULL, NULL, NULL);
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    setenv("SOURCE_DATE_EPOCH", TU_NOW, 1);
    int fd = open("/dev/null", O_WRONLY);
    dup2(fd, 1);   /* stderr alone stays the terminal */
    execl(CA_TEST_BIN, CA_TEST_BIN, "collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
          tu_path("snap.json"), "--rate", "200", (char *)NULL);
    _exit(127);
  }
  char buf[1 << 16];
  size_t len = 0;
  for (;;) {
    ssize_t n = read(master, buf + len, sizeof buf - 1 - len);
    if (n > 0) len += (size_t)n;
    else if (n < 0 && errno == EINTR) continue;
    else break;   /* EIO: the child closed the terminal */
    if (len == sizeof buf - 1) len = 0;   /* keep the tail only */
  }
  buf[len] = '\0';
  close(master);
  int status;
  waitpid(pid, &status, 0);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  HAS(buf, "\rconnect-auditor: collect: ");
  HAS(buf, " in flight, ");
  HAS(buf, " queued), 0 retried, 0 throttled, 0 failed; connect:");
  HAS(buf, "\r\033[K");                              /* erased */
  HAS(buf, "\r\033[Kconnect-auditor: collect: instance acme-prod");   /* erased before another line */
  LACKS(buf, " collected\r\n");                      /* no plain per-kind lines */
  HAS(buf, "connect-auditor: collect: wrote");
  const char *wrote = strstr(buf, "connect-auditor: collect: wrote");
  ck_assert(wrote - buf >= 3 && !strncmp(wrote - 3, "\033[K", 3));   /* the line was erased right before */
  ck_assert_int_eq(access(tu_path("snap.json"), R_OK), 0);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("scan");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, scan_collects_then_audits);
  tcase_add_test(e, scan_quiet_snapshot_and_fail_on);
  tcase_add_test(e, scan_without_snapshot_exits_as_collect);
  tcase_add_test(e, progress_plain_lines_per_kind);
  tcase_add_test(e, progress_live_line_on_a_tty);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
