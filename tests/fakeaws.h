/*
 * fakeaws.h -- what the suites that run against the fake AWS endpoint
 * (tests/fake_aws/fake_aws.py) share: an AWS environment of the test's own,
 * the fake started on a world (tu_dir/world.json) with its request log
 * (tu_dir/requests), that log read back, collect run and its snapshot read
 * (resources, errors[]), and audit's findings.  Linked into every suite with
 * testutil.c (tests/CMakeLists.txt).
 */
#ifndef CA_FAKEAWS_H
#define CA_FAKEAWS_H
#include <cjson/cJSON.h>

/* The fake and its worlds. */
#define FA_DIR CA_TEST_SRC "/tests/fake_aws"
/* The stock world's first credentials (tests/fake_aws/world.json). */
#define FA_AKID "AKIAFAKEEXAMPLE00001"
#define FA_SECRET "fakeSecretKey/EXAMPLE+abcdefghijklmnopqrst"

/* While a fake runs, its URL, "http://127.0.0.1:PORT" (AWS_ENDPOINT_URL too). */
extern char fa_endpoint[64];

/* tu_setup(suite), then none of the developer's own AWS setup (keys,
 * profile, region, endpoints, config files) and HOME at tu_dir, so that
 * ~/.aws is the test's; with keys FA_KEYS, the test keys (fa_keys), with 0
 * none.  Call from the suite's setup; fa_teardown stops the fake, if one
 * runs, and tu_teardown. */
#define FA_KEYS 1
void fa_setup(const char *suite, int keys);
void fa_teardown(void);
/* AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: FA_AKID and FA_SECRET. */
void fa_keys(void);

/* The stock world with every member of FA_DIR/extra (a world_*.json) added
 * to it (extra NULL: none), for a test to change; the caller owns it. */
cJSON *fa_world(const char *extra);
/* world's faults replaced by faults_json (a test failure if it does not
 * parse; NULL: the stock ones kept); returns world. */
cJSON *fa_faults(cJSON *world, const char *faults_json);
/* Starts the fake on world (saved as tu_dir/world.json, then deleted), its
 * request log tu_dir/requests; fa_endpoint and AWS_ENDPOINT_URL point at it.
 * One that runs already is stopped first.  A test failure if it has not told
 * its port within 10 s. */
void fa_start(cJSON *world);
/* Stops the fake, empties its log, and starts a fresh one on world (as fa_start). */
void fa_restart(cJSON *world);

/* Logged requests of op (NULL: any) whose log line holds line_has (NULL: any). */
int fa_count(const char *op, const char *line_has);
/* The n-th logged request of op (NULL: any), from 0 (n < 0: the last), or
 * NULL; the caller deletes it. */
cJSON *fa_request(const char *op, int n);

/* Runs `collect --region us-east-1 ARGS -o tu_dir/snap.json` (args
 * NULL-terminated, at most 24): exit 0, FA_SECRET not in its stderr.  The
 * snapshot; the caller deletes it. */
cJSON *fa_collect(const char *const *args);

/* A snapshot's resources of type (an object by ARN), the one of arn, or
 * NULL; fa_data: its data, a test failure when the resource is not there. */
const cJSON *fa_type(const cJSON *snap, const char *type);
const cJSON *fa_res(const cJSON *snap, const char *type, const char *arn);
const cJSON *fa_data(const cJSON *snap, const char *type, const char *arn);
/* errors[] entries of operation ("s3:GetBucketAcl"; one that ends in ':',
 * "s3:", is every operation of that service), on arn, with code; NULL: any. */
int fa_errors(const cJSON *snap, const char *operation, const char *arn, const char *code);

/* fa_audit's how: also check the snapshot against the JSON Schema
 * (tests/schema_check.py); run audit with --quiet. */
#define FA_SCHEMA 1
#define FA_QUIET 2
/* Runs `audit snapshot -o tu_dir/audit`: exit 0 or 1.  Its results.json;
 * the caller deletes it. */
cJSON *fa_audit(const char *snapshot, int how);
/* The results' first finding of rule on arn, or NULL. */
const cJSON *fa_finding(const cJSON *results, const char *rule, const char *arn);
/* A test failure unless there is such a finding and its status is want. */
void fa_status_is(const cJSON *results, const char *rule, const char *arn, const char *want);

#endif
