/* scan over an estate (--org-role, --accounts, --regions, --shard) through
 * the fake AWS endpoint: tests/fake_aws/world_estate.json is three ACTIVE
 * accounts (one whose role does not trust the caller) and a SUSPENDED one,
 * instances in us-east-1 and eu-west-2, af-south-1 enabled in 111122223333
 * only (222233334444 has an instance there the fake would serve). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define MGMT_AK "AKIAESTATEMGMT000001"
#define MGMT_SK "estateMgmtSecret/EXAMPLE+abcdefghijklmn"
#define A1 "111122223333"
#define A2 "222233334444"
#define DENIED "333344445555"

static void setup(void) {
  fa_setup("estate", 0);
  setenv("AWS_ACCESS_KEY_ID", MGMT_AK, 1);
  setenv("AWS_SECRET_ACCESS_KEY", MGMT_SK, 1);
}

static cJSON *world(void) { return tu_load(FA_DIR "/world_estate.json"); }

/* The summary's unit of account/region/instance ("" = null), or NULL. */
static const cJSON *unit_of(const cJSON *sum, const char *acct, const char *region, const char *inst) {
  const cJSON *u;
  cJSON_ArrayForEach(u, cJSON_GetObjectItem(sum, "units")) {
    const char *a = cJSON_GetStringValue(cJSON_GetObjectItem(u, "account"));
    const char *r = cJSON_GetStringValue(cJSON_GetObjectItem(u, "region"));
    const char *i = cJSON_GetStringValue(cJSON_GetObjectItem(u, "instance"));
    if (!strcmp(a, acct) && !strcmp(r ? r : "", region) && (!inst || !strcmp(i ? i : "", inst))) return u;
  }
  return NULL;
}

static const char *outcome(const cJSON *sum, const char *acct, const char *region, const char *inst) {
  const cJSON *u = unit_of(sum, acct, region, inst);
  return u ? cJSON_GetStringValue(cJSON_GetObjectItem(u, "outcome")) : "(missing)";
}

static int count_outcome(const cJSON *sum, const char *want) {
  int n = 0;
  const cJSON *u;
  cJSON_ArrayForEach(u, cJSON_GetObjectItem(sum, "units"))
    n += !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(u, "outcome")), want);
  return n;
}

START_TEST(org_all_regions_every_account_reported) {
  fa_start(world());
  tu_out o = tu_run((const char *[]){"scan", "--org-role", "ConnectAuditor", "--regions", "all", "--all-instances",
                                     "-o", tu_path("out"), "--rate", "200", "--pack", "baseline", "--format", "json,md", NULL});
  ck_assert_msg(o.code == 3, "exit %d: %s", o.code, o.err);   /* an account could not be entered */
  LACKS(o.err, MGMT_SK);
  LACKS(o.err, "estateRoleSecret");
  HAS(o.err, "connect-auditor: scan: " DENIED " - -: error: cannot assume role arn:aws:iam::" DENIED ":role/ConnectAuditor: "
             "sts:AssumeRole: AccessDenied");
  HAS(o.err, "connect-auditor: scan: wrote ");
  tu_done(&o);
  tu_schema("scan-summary.v1.schema.json", 0, (const char *[]){tu_path("out/scan-summary.json"), NULL});   /* skipped units */
  cJSON *sum = tu_load(tu_path("out/scan-summary.json"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(sum, "schema")), "connect-auditor/scan-summary/v1");
  ck_assert_int_eq(cJSON_GetObjectItem(sum, "exit_code")->valueint, 3);
  const cJSON *d = unit_of(sum, DENIED, "", "");
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "stage")), "assume-role");
  ck_assert_int_eq(cJSON_GetObjectItem(d, "exit_code")->valueint, 3);
  ck_assert_ptr_null(unit_of(sum, "999988887777", "", NULL));   /* SUSPENDED: not an ACTIVE account */
  /* af-south-1: enabled in A1 (scanned), not in A2 (skipped, though the fake has an instance there) */
  ck_assert_str_eq(outcome(sum, A1, "af-south-1", "e0001111-0000-4000-8000-000000000003"), "ok");
  ck_assert_str_eq(outcome(sum, A2, "af-south-1", ""), "skipped");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(unit_of(sum, A2, "af-south-1", ""), "why")), "opt-in region not enabled");
  ck_assert_int_eq(count_outcome(sum, "ok"), 6);
  ck_assert_int_eq(count_outcome(sum, "error"), 1);
  ck_assert_ptr_null(unit_of(sum, A1, "us-gov-west-1", NULL));   /* another partition's region */
  /* one snapshot, one results document and the reports per instance, named predictably */
  const char *dirs[] = {A1 "/us-east-1/e0001111-0000-4000-8000-000000000001", A1 "/us-east-1/e0001111-0000-4000-8000-000000000004",
                        A1 "/eu-west-2/e0001111-0000-4000-8000-000000000002", A1 "/af-south-1/e0001111-0000-4000-8000-000000000003",
                        A2 "/us-east-1/e0002222-0000-4000-8000-000000000005", A2 "/eu-west-2/e0002222-0000-4000-8000-000000000006"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    char p[512];
    snprintf(p, sizeof p, "out/%s/snapshot.json", dirs[i]);
    cJSON *s = tu_load(tu_path(p));
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(s, "account_id")), strncmp(dirs[i], A1, 12) ? A2 : A1);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_instance")), 1);
    cJSON_Delete(s);
    snprintf(p, sizeof p, "out/%s/results.json", dirs[i]);
    ck_assert_msg(access(tu_path(p), R_OK) == 0, "%s", p);
    snprintf(p, sizeof p, "out/%s/report.md", dirs[i]);
    ck_assert_msg(access(tu_path(p), R_OK) == 0, "%s", p);
  }
  cJSON_Delete(sum);
  /* Organizations ListAccounts paged (4 accounts, 2 a page), signed for us-east-1 */
  ck_assert_int_eq(fa_count("ListAccounts", NULL), 2);
  /* each account entered once from the chain's keys; A2's calls signed with A2's role keys */
  ck_assert_int_eq(fa_count("AssumeRole", NULL), 3);
  ck_assert_int_gt(fa_count("SearchUsers", "ASIAESTATE2222333344"), 0);
  ck_assert_int_eq(fa_count("ListRegions", NULL), 30);   /* 29 regions, 2 a page: 15 pages for each of 2 accounts */
}
END_TEST

/* The accounts are listed side by side (AssumeRole, ListRegions, ListInstances
 * of one account do not wait for another's): with every AssumeRole answered
 * a second late, the three accounts' are at the fake together.  One account
 * after another, an AssumeRole is alone in flight but for the call before it
 * whose thread at the fake has not yet counted its answer sent (so 2 can
 * happen by that race; 3 cannot). */
START_TEST(accounts_are_listed_side_by_side) {
  fa_start(fa_faults(world(), "{\"AssumeRole\": [{\"delay\": 1.0}]}"));
  tu_out o = tu_run((const char *[]){"scan", "--org-role", "ConnectAuditor", "--regions", "us-east-1", "--all-instances",
                                     "-o", tu_path("out"), "--rate", "200", "--pack", "baseline", "--format", "json", NULL});
  ck_assert_msg(o.code == 3, "exit %d: %s", o.code, o.err);   /* the denied account, as above */
  tu_done(&o);
  int most = 0;
  cJSON *req;
  for (int i = 0; (req = fa_request("AssumeRole", i)) != NULL; i++) {
    const cJSON *f = cJSON_GetObjectItem(req, "inflight");
    if (cJSON_IsNumber(f) && f->valueint > most) most = f->valueint;
    cJSON_Delete(req);
  }
  ck_assert_int_eq(fa_count("AssumeRole", NULL), 3);
  ck_assert_msg(most >= 3, "at most %d AssumeRole in flight together: the accounts were listed one after another", most);
  /* and the summary is the one a one-at-a-time listing gives: in account order */
  cJSON *sum = tu_load(tu_path("out/scan-summary.json"));
  const cJSON *units = cJSON_GetObjectItem(sum, "units");
  for (int i = 1; i < cJSON_GetArraySize(units); i++)
    ck_assert_int_le(strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(units, i - 1), "account")),
                            cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(units, i), "account"))), 0);
  ck_assert_str_eq(outcome(sum, DENIED, "", ""), "error");
  cJSON_Delete(sum);
}
END_TEST

START_TEST(accounts_file_explicit_regions) {
  fa_start(world());
  tu_put("accounts.txt", "# the estate\n" A1 " ConnectAuditor   # management\n\n" A2 "\n");
  tu_out o = tu_run((const char *[]){"scan", "--accounts", tu_path("accounts.txt"), "--org-role", "ConnectAuditor",
                                     "--region", "us-east-1,af-south-1", "--all-instances", "-o", tu_path("out"),
                                     "--rate", "200", "--pack", "baseline", "--format", "json", "--quiet", NULL});
  ck_assert_msg(o.code == 3, "exit %d: %s", o.code, o.err);
  ck_assert_str_eq(o.err, "");
  tu_done(&o);
  cJSON *sum = tu_load(tu_path("out/scan-summary.json"));
  ck_assert_str_eq(outcome(sum, A1, "af-south-1", "e0001111-0000-4000-8000-000000000003"), "ok");
  ck_assert_str_eq(outcome(sum, A2, "af-south-1", ""), "error");   /* asked for by name: not enabled is an error */
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(unit_of(sum, A2, "af-south-1", ""), "why")), "region not enabled");
  ck_assert_str_eq(outcome(sum, A2, "us-east-1", "e0002222-0000-4000-8000-000000000005"), "ok");
  ck_assert_ptr_null(unit_of(sum, A1, "eu-west-2", NULL));
  ck_assert_int_eq(fa_count("ListAccounts", NULL), 0);
  cJSON_Delete(sum);
  /* bad files: file:line and exit 2, before any call */
  const char *bad[][2] = {{"12345 Role\n", "accounts.txt:1: expected a 12-digit account ID"},
                          {"# c\n" A1 " Bad/Role\n", "accounts.txt:2: expected a role name"},
                          {A1 " R x\n", "accounts.txt:1: expected an account ID and at most a role name"},
                          {A1 " R\n" A1 " R\n", "accounts.txt:2: account " A1 " is listed twice"},
                          {"# nothing\n", "accounts.txt: no account in it"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tu_put("accounts.txt", bad[i][0]);
    o = tu_run((const char *[]){"scan", "--accounts", tu_path("accounts.txt"), "--regions", "us-east-1",
                                "--all-instances", "-o", tu_path("out2"), NULL});
    ck_assert_msg(o.code == 2, "%s: exit %d", bad[i][0], o.code);
    HAS(o.err, bad[i][1]);
    tu_done(&o);
  }
  tu_put("accounts.txt", A1 "\n");
  o = tu_run((const char *[]){"scan", "--accounts", tu_path("accounts.txt"), "--regions", "us-east-1",
                              "--all-instances", "-o", tu_path("out2"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "accounts.txt:1: account " A1 " has no role name");
  tu_done(&o);
}
END_TEST

START_TEST(denied_listings_are_error_units) {
  cJSON *w = fa_faults(world(), "{\"ListRegions\": [{\"status\": 403, \"code\": \"AccessDeniedException\", "
                                "\"message\": \"not allowed\", \"match\": \"account=" A2 "\"}],"
                                "\"ListInstances\": [{\"status\": 403, \"code\": \"AccessDeniedException\", "
                                "\"message\": \"no\", \"match\": \"region=eu-west-2\\naccount=" A1 "\"}]}");
  fa_start(w);
  tu_out o = tu_run((const char *[]){"scan", "--org-role", "ConnectAuditor", "--regions", "all", "--all-instances",
                                     "-o", tu_path("out"), "--rate", "200", "--pack", "baseline", "--format", "json", NULL});
  ck_assert_msg(o.code == 3, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  tu_schema("scan-summary.v1.schema.json", 0, (const char *[]){tu_path("out/scan-summary.json"), NULL});   /* error units */
  cJSON *sum = tu_load(tu_path("out/scan-summary.json"));
  const cJSON *u = unit_of(sum, A2, "", "");
  ck_assert_ptr_nonnull(u);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(u, "stage")), "list-regions");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(u, "why")), "account:ListRegions: AccessDeniedException: not allowed");
  ck_assert_ptr_null(unit_of(sum, A2, "af-south-1", NULL));   /* unknown: said in the account's entry */
  ck_assert_str_eq(outcome(sum, A2, "us-east-1", "e0002222-0000-4000-8000-000000000005"), "ok");   /* default regions still */
  u = unit_of(sum, A1, "eu-west-2", "");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(u, "outcome")), "error");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(u, "why")), "connect:ListInstances: AccessDeniedException");
  cJSON_Delete(sum);
}
END_TEST

/* The units of a summary, "account/region/instance" a line, sorted as written. */
static void unit_keys(const char *path, char *out, size_t n, int *count) {
  cJSON *sum = tu_load(path);
  const cJSON *u;
  size_t k = strlen(out);
  cJSON_ArrayForEach(u, cJSON_GetObjectItem(sum, "units")) {
    const char *r = cJSON_GetStringValue(cJSON_GetObjectItem(u, "region"));
    const char *i = cJSON_GetStringValue(cJSON_GetObjectItem(u, "instance"));
    k += (size_t)snprintf(out + k, n - k, "%s/%s/%s %s\n", cJSON_GetStringValue(cJSON_GetObjectItem(u, "account")),
                          r ? r : "-", i ? i : "-", cJSON_GetStringValue(cJSON_GetObjectItem(u, "outcome")));
    (*count)++;
  }
  cJSON_Delete(sum);
}

static int line_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void sort_lines(char *text) {
  char *lines[512], copy[16384];
  size_t n = 0;
  snprintf(copy, sizeof copy, "%s", text);
  for (char *s = NULL, *t = strtok_r(copy, "\n", &s); t && n < 512; t = strtok_r(NULL, "\n", &s)) lines[n++] = t;
  qsort(lines, n, sizeof *lines, line_cmp);
  text[0] = '\0';
  for (size_t i = 0; i < n; i++) strcat(strcat(text, lines[i]), "\n");
}

START_TEST(three_shards_cover_every_unit_once) {
  fa_start(world());
  char all[16384] = "", union_[16384] = "";
  int nall = 0, nunion = 0;
  tu_out o = tu_run((const char *[]){"scan", "--org-role", "ConnectAuditor", "--regions", "us-east-1,eu-west-2",
                                     "--all-instances", "-o", tu_path("one"), "--rate", "200", "--pack", "baseline",
                                     "--format", "json", "--quiet", NULL});
  ck_assert_int_eq(o.code, 3);
  tu_done(&o);
  unit_keys(tu_path("one/scan-summary.json"), all, sizeof all, &nall);
  ck_assert_int_eq(nall, 6);   /* A1: 3 instances, A2: 2, the denied account: 1 */
  for (int k = 0; k < 3; k++) {
    char shard[8], dir[16], sum[64];
    snprintf(shard, sizeof shard, "%d/3", k);
    snprintf(dir, sizeof dir, "s%d", k);
    o = tu_run((const char *[]){"scan", "--org-role", "ConnectAuditor", "--regions", "us-east-1,eu-west-2",
                                "--all-instances", "-o", tu_path(dir), "--rate", "200", "--pack", "baseline",
                                "--format", "json", "--quiet", "--shard", shard, NULL});
    ck_assert_int_le(o.code, 3);
    tu_done(&o);
    snprintf(sum, sizeof sum, "%s/scan-summary.json", dir);
    int before = nunion;
    unit_keys(tu_path(sum), union_, sizeof union_, &nunion);
    ck_assert_int_eq(nunion - before, 2);   /* 6 units, i mod 3 */
  }
  sort_lines(all);
  sort_lines(union_);
  tu_spit(tu_path("all.txt"), all);
  tu_spit(tu_path("union.txt"), union_);
  ck_assert_msg(!strcmp(union_, all), "the shards' units (union.txt) are not the single run's (all.txt)");   /* every unit exactly once */
  /* the same snapshot as the single run, byte for byte, and the same results
   * but for snapshot.file (the path the snapshot was audited at) and the
   * digest that covers it */
  const char *inst = A2 "/us-east-1/e0002222-0000-4000-8000-000000000005/";
  char p1[200], p2[200];
  int found = 0;
  for (int k = 0; k < 3 && !found; k++) {
    snprintf(p2, sizeof p2, "s%d/%ssnapshot.json", k, inst);
    found = access(tu_path(p2), R_OK) == 0;
  }
  ck_assert(found);
  snprintf(p1, sizeof p1, "one/%ssnapshot.json", inst);
  char *a = tu_read(tu_path(p1), NULL), *b = tu_read(tu_path(p2), NULL);
  ck_assert_msg(!strcmp(a, b), "a shard's snapshot differs from the single run's");
  free(a), free(b);
  strcpy(strstr(p1, "snapshot.json"), "results.json");
  strcpy(strstr(p2, "snapshot.json"), "results.json");
  cJSON *ra = tu_load(tu_path(p1)), *rb = tu_load(tu_path(p2));
  cJSON_DeleteItemFromObject(cJSON_GetObjectItem(ra, "snapshot"), "file");
  cJSON_DeleteItemFromObject(cJSON_GetObjectItem(rb, "snapshot"), "file");
  cJSON_DeleteItemFromObject(ra, "digest");   /* over the whole document, snapshot.file too */
  cJSON_DeleteItemFromObject(rb, "digest");
  a = cJSON_PrintUnformatted(ra), b = cJSON_PrintUnformatted(rb);
  ck_assert_msg(!strcmp(a, b), "a shard's results differ from the single run's");
  free(a), free(b);
  cJSON_Delete(ra), cJSON_Delete(rb);
  /* merge of the three shards is merge of the single run, byte for byte, in
   * every format (docs/merge.md: the estate is the same whichever way its
   * units were scanned) */
  o = tu_run((const char *[]){"merge", tu_path("one"), "-o", tu_path("est1"), "--format", "json", "--format", "md",
                              "--format", "csv", "--format", "sarif", "--format", "html", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "merge of the single run: exit %d: %s", o.code, o.err);
  tu_done(&o);
  o = tu_run((const char *[]){"merge", tu_path("s2"), tu_path("s0"), tu_path("s1"), "-o", tu_path("est3"), "--format",
                              "json", "--format", "md", "--format", "csv", "--format", "sarif", "--format", "html", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "merge of the shards: exit %d: %s", o.code, o.err);
  tu_done(&o);
  /* what scan and merge wrote, against their schemas (schema/scan-summary.v1, estate.v1) */
  tu_schema("scan-summary.v1.schema.json", 0,
            (const char *[]){tu_path("one/scan-summary.json"), tu_path("s0/scan-summary.json"),
                             tu_path("s1/scan-summary.json"), tu_path("s2/scan-summary.json"), NULL});
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est1/estate.json"), tu_path("est3/estate.json"), NULL});
  static const char *const outs[] = {"estate.json", "report.md", "results.sarif", "report.html", NULL};
  for (int i = 0; outs[i]; i++) {
    char e1[64], e3[64];
    snprintf(e1, sizeof e1, "est1/%s", outs[i]);
    snprintf(e3, sizeof e3, "est3/%s", outs[i]);
    size_t l1 = 0, l3 = 0;
    a = tu_read(tu_path(e1), &l1), b = tu_read(tu_path(e3), &l3);
    ck_assert_msg(a && b, "merge wrote no %s", outs[i]);
    ck_assert_msg(l1 == l3 && !memcmp(a, b, l1), "the shards' merged %s differs from the single run's", outs[i]);
    free(a), free(b);
  }
  /* --shard-from-env: the scheduler's index */
  const char *argv[] = {CA_TEST_BIN, "scan", "--org-role", "ConnectAuditor", "--regions", "us-east-1,eu-west-2",
                        "--all-instances", "-o", tu_path("env"), "--rate", "200", "--pack", "baseline", "--format",
                        "json", "--quiet", "--shard-from-env", "3", NULL};
  int rc = tu_spawn(argv, (const char *[]){"JOB_COMPLETION_INDEX=1", "SOURCE_DATE_EPOCH=1760000000", NULL},
                    tu_path("env.out"), NULL);
  ck_assert_int_le(rc, 3);
  char got[4096] = "", want[4096] = "";
  int n1 = 0, n2 = 0;
  unit_keys(tu_path("env/scan-summary.json"), got, sizeof got, &n1);
  unit_keys(tu_path("s1/scan-summary.json"), want, sizeof want, &n2);
  ck_assert_msg(!strcmp(got, want), "--shard-from-env 3 with index 1 is not --shard 1/3:\n%.300s\n%.300s", got, want);
  o = tu_run((const char *[]){"scan", "--org-role", "R", "--all-instances", "--shard", "3/3", "-o", tu_path("x"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--shard 3/3: expected K/N with 0 <= K < N");
  tu_done(&o);
  o = tu_run((const char *[]){"scan", "--org-role", "R", "--all-instances", "--shard-from-env", "3", "-o", tu_path("x"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "neither JOB_COMPLETION_INDEX nor AWS_BATCH_JOB_ARRAY_INDEX is set");
  tu_done(&o);
}
END_TEST

/* On a terminal: a line per account rewritten in place; otherwise (every
 * other test) only the per-unit lines. */
START_TEST(progress_per_account_on_a_tty) {
  fa_start(world());
  int master;
  pid_t pid = forkpty(&master, NULL, NULL, NULL);
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    setenv("SOURCE_DATE_EPOCH", TU_NOW, 1);
    int fd = open("/dev/null", O_WRONLY);
    dup2(fd, 1);
    execl(CA_TEST_BIN, CA_TEST_BIN, "scan", "--org-role", "ConnectAuditor", "--regions", "us-east-1,eu-west-2",
          "--all-instances", "-o", tu_path("out"), "--rate", "20", "--pack", "baseline", "--format", "json", (char *)NULL);
    _exit(127);
  }
  char buf[1 << 16];
  size_t len = 0;
  for (;;) {
    ssize_t n = read(master, buf + len, sizeof buf - 1 - len);
    if (n > 0) len += (size_t)n;
    else if (n < 0 && errno == EINTR) continue;
    else break;
    if (len == sizeof buf - 1) len = 0;
  }
  buf[len] = '\0';
  close(master);
  int status;
  waitpid(pid, &status, 0);
  ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 3);
  HAS(buf, "\033[2Kconnect-auditor: scan: " A1 ": 3/3 instances collected (");
  HAS(buf, "\033[2Kconnect-auditor: scan: " A2 ": 2/2 instances collected (");
  HAS(buf, "\033[2A");   /* the two accounts' lines rewritten */
  HAS(buf, "connect-auditor: scan: wrote ");
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("estate");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 240);
  tcase_add_test(e, org_all_regions_every_account_reported);
  tcase_add_test(e, accounts_file_explicit_regions);
  tcase_add_test(e, accounts_are_listed_side_by_side);
  tcase_add_test(e, denied_listings_are_error_units);
  tcase_add_test(e, three_shards_cover_every_unit_once);
  tcase_add_test(e, progress_per_account_on_a_tty);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
