/*
 * aws.h -- the AWS layer: credentials, region and endpoints found as the AWS
 * CLI finds them, and one request function over libcurl (CURLOPT_AWS_SIGV4)
 * with pacing, retries and AWS error parsing.
 *
 * Secrets: the secret access key and the session token live only in a
 * ca_aws_creds and in the request libcurl signs (the tokens the sources use
 * -- web identity, container authorization, SSO, IMDS -- only while a source
 * fetches, wiped after); no message, error or log this layer produces
 * contains any of them (tests/check_collect.c and tests/check_creds.c check it).
 */
#ifndef CA_AWS_H
#define CA_AWS_H
#include <stddef.h>
#include "util/buf.h"
#include "util/err.h"

/* ---- Credentials and region (aws/creds.c, aws/sources.c) ---- */
typedef struct ca_aws_creds {
  char access_key[128];
  char secret_key[128];
  char session_token[4096];   /* "" when none; STS tokens with session tags run past 2 KiB */
  char region[64];            /* "" when none was found */
  char source[512];           /* where the credentials came from, for messages */
  long long expiration;       /* Unix time the keys expire (temporary credentials); 0 = never */
  /* Settings of the environment, else the profile (AWS CLI names): */
  int use_fips;               /* AWS_USE_FIPS_ENDPOINT / use_fips_endpoint */
  int use_dualstack;          /* AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint */
  int sts_legacy;             /* AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints = legacy */
  int max_attempts;           /* AWS_MAX_ATTEMPTS / max_attempts; 0 = not set */
  char retry_mode[16];        /* AWS_RETRY_MODE / retry_mode: legacy, standard, adaptive; "" = not set */
  char ca_bundle[1024];       /* AWS_CA_BUNDLE / ca_bundle; "" = libcurl's default */
  /* What was asked, so that ca_aws_creds_refresh finds them again. */
  char want_profile[200];     /* --profile; "" = none */
  char want_region[64];       /* --region; "" = none */
  char want_role[256];        /* --role-arn; "" = none */
  char want_then_role[256];   /* scan's estate: the account's role, assumed last; "" = none */
} ca_aws_creds;

/* Finds credentials, region and settings as the AWS CLI (botocore 1.43) does,
 * in its order (docs/collect.md lists each source's variables):
 *   1. the environment's keys (AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
 *      [+ AWS_SESSION_TOKEN]) -- skipped for an explicit --profile;
 *   2. the profile's role (role_arn without web_identity_token_file): STS
 *      AssumeRole with the credentials of its source_profile (which may itself
 *      assume a role, use SSO, a process, ...) or its credential_source
 *      (Environment, EcsContainer, Ec2InstanceMetadata); external_id,
 *      role_session_name, duration_seconds; mfa_serial only with a terminal;
 *   3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
 *      [+ AWS_ROLE_SESSION_NAME], or the profile's web_identity_token_file +
 *      role_arn: STS AssumeRoleWithWebIdentity (unsigned);
 *   4. IAM Identity Center (sso_session / sso_start_url + sso_account_id +
 *      sso_role_name): the AWS CLI's cached token, the portal's GetRoleCredentials;
 *   5. the shared credentials file's keys; 6. credential_process;
 *   7. the config file's keys;
 *   8. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI);
 *   9. EC2 instance metadata (IMDSv2).
 * Region: region (--region), AWS_REGION, AWS_DEFAULT_REGION, the profile's
 * `region`.  role_arn (--role-arn, may be NULL) is then assumed with what was
 * found.  Temporary credentials carry their expiration.
 * No credentials: an error (CA_EXIT_RUN) naming every place looked in; a
 * source that is configured but fails: an error naming it (never a secret);
 * a setting with a value the CLI would refuse: CA_EXIT_USAGE. */
int ca_aws_creds_resolve(const char *profile, const char *region, const char *role_arn, ca_aws_creds *out,
                         ca_err *err);
/* ca_aws_creds_resolve without a role to assume last. */
int ca_aws_creds_find(const char *profile, const char *region, ca_aws_creds *out, ca_err *err);
/* Finds c's credentials again, as they were found (the same profile, region
 * and role), replacing them on success; on failure c is unchanged.  For
 * temporary credentials close to their expiration. */
int ca_aws_creds_refresh(ca_aws_creds *c, ca_err *err);
/* Assumes role_arn (STS AssumeRole) with base's credentials, in base's
 * region and settings: *out is base's settings with the role's keys, and
 * refreshes as base was found, then the role again (scan's estates: each
 * account's role from the chain's credentials). */
int ca_aws_creds_assume(const ca_aws_creds *base, const char *role_arn, ca_aws_creds *out, ca_err *err);
/* Seconds before expiration at which temporary credentials are refreshed. */
#define CA_AWS_REFRESH_BEFORE_S 300
/* 1 when r is a region name the AWS CLI accepts (a host label: letters,
 * digits, '-'); the region goes into every host name. */
int ca_aws_valid_region(const char *r);
/* The shared credentials and config files, as ca_aws_creds_find reads them. */
void ca_aws_shared_files(char *credfile, char *cfgfile, size_t n);
/* Overwrites the secrets with zeros. */
void ca_aws_creds_wipe(ca_aws_creds *c);

/* Endpoint of a service: AWS_ENDPOINT_URL_<SERVICE> (service id upper-cased,
 * '-' and ' ' as '_'), else AWS_ENDPOINT_URL, else the AWS endpoint
 * https://<prefix>.<region>.amazonaws.com (-fips with use_fips, .api.aws with
 * use_dualstack; S3's own forms; amazonaws.com.cn in China; STS global
 * https://sts.amazonaws.com for sts_legacy in the legacy regions), with
 * settings from s (NULL: the environment's).  Written without a trailing '/'. */
int ca_aws_endpoint_for(const ca_aws_creds *s, const char *service_env, const char *prefix, const char *region,
                        char *out, size_t outsz);
int ca_aws_endpoint(const char *service_env, const char *prefix, const char *region,
                    char *out, size_t outsz);
/* The region a request to that endpoint is signed for: us-east-1 for STS's
 * global endpoint, else region. */
const char *ca_aws_signing_region(const ca_aws_creds *s, const char *service_env, const char *region);

/* ---- Requests (aws/http.c) ---- */
typedef struct ca_aws_param { const char *key, *value; } ca_aws_param;

typedef struct ca_aws_req {
  const char *service_env;   /* "CONNECT", "STS": AWS_ENDPOINT_URL_<this> */
  const char *prefix;        /* endpoint prefix: "connect", "sts" */
  const char *signing;       /* signing name: "connect", "sts" */
  const char *operation;     /* "ListInstances": pacing bucket and messages */
  const char *method;        /* "GET" or "POST" */
  const char *path;          /* already encoded (ca_aws_path_add), starts with '/' */
  const ca_aws_param *query; /* sorted and encoded here */
  size_t nquery;
  const char *content_type;  /* POST bodies */
  const char *target;        /* X-Amz-Target (json 1.1), or NULL */
  const char *body;
  size_t body_len;
} ca_aws_req;

typedef struct ca_aws_resp {
  long status;               /* HTTP status; 0 when no answer came */
  ca_buf body;               /* the last answer's body */
  char code[128];            /* AWS error code ("AccessDeniedException"), "" on success */
  char message[512];         /* its message; never holds a secret */
  int attempts;              /* tries made */
} ca_aws_resp;

void ca_aws_resp_init(ca_aws_resp *r);
void ca_aws_resp_free(ca_aws_resp *r);

typedef struct ca_aws_opts {
  double rate;               /* requests per second per API (service:Operation); 0 = default */
  double burst;              /* the API's burst quota; 0 = default.  The client's bucket holds one less
                              * (a reserve for calls that arrive closer together than they were sent) */
  int max_attempts;          /* tries per call, including the first; 0 = default */
  int retry_budget;          /* retries per client over its life; 0 = default */
  long connect_timeout_ms, timeout_ms;   /* 0 = defaults */
  long backoff_base_ms, backoff_cap_ms;  /* 0 = defaults */
  int max_inflight;          /* calls on the wire together; 0 = default (10) */
  struct ca_aws_slots *slots; /* shared by clients in several threads (scan's estates): calls on the wire
                              * together across all of them; NULL = this client's max_inflight only */
} ca_aws_opts;

/* Slots for calls on the wire, shared by clients that run in threads of
 * their own (one per account-region): --max-concurrency over the whole run.
 * CONSTRUCTOR / DESTRUCTOR (NULL harmless). */
typedef struct ca_aws_slots ca_aws_slots;
ca_aws_slots *ca_aws_slots_new(int n);
void ca_aws_slots_free(ca_aws_slots *s);
/* libcurl's global initialisation, once, before any thread starts a client. */
int ca_aws_global_init(ca_err *err);

typedef struct ca_aws ca_aws;
/* CONSTRUCTOR. Copies creds; opts may be NULL (defaults). */
int ca_aws_new(const ca_aws_creds *creds, const ca_aws_opts *opts, ca_aws **out, ca_err *err);
/* DESTRUCTOR. NULL is harmless; wipes the secrets. */
void ca_aws_free(ca_aws *c);
const char *ca_aws_region(const ca_aws *c);
/* Counters since ca_aws_new: calls (HTTP requests sent), retries, throttled answers. */
void ca_aws_stats(const ca_aws *c, long *requests, long *retries, long *throttles);
/* Calls submitted and not yet done, those on the wire now, and the most
 * that were on the wire together. */
void ca_aws_load(const ca_aws *c, long *queued, int *inflight, int *peak);

/* Times the client's temporary credentials were found again before they
 * expired (ca_aws_creds_refresh, when a call starts within
 * CA_AWS_REFRESH_BEFORE_S of their expiration). */
long ca_aws_refreshes(const ca_aws *c);
/* Where the client's credentials come from (for progress lines). */
const char *ca_aws_source(const ca_aws *c);

/* ---- Calls in flight together (the curl multi interface) ----
 * ca_aws_submit queues a call (everything it needs is copied); ca_aws_run
 * sends the queued calls -- each API's calls in the order submitted, paced by
 * the API's token bucket, up to max_inflight at once over the multi handle's
 * reused connections, each retried as ca_aws_call describes -- and calls
 * `done` once for each as it ends, until none is left.  `done` may submit
 * more (the next page, the calls an answer makes necessary); it must not
 * call ca_aws_call.  resp is the call's answer (rc 0: 2xx; -1: code and
 * message set); done may take resp->body (leaving it re-initialised), the
 * rest is freed after it returns.  A call that cannot even be queued ends
 * at once: done is called from ca_aws_submit, which returns -1. */
typedef void (*ca_aws_done)(void *ud, int rc, ca_aws_resp *resp);
int ca_aws_submit(ca_aws *c, const char *region, const char *const *headers, const ca_aws_req *req,
                  ca_aws_done done, void *ud);
void ca_aws_run(ca_aws *c);

/* Sends one request (a queue of one, run to its end), paced by the API's token bucket, retrying throttling,
 * 5xx and transport failures with jittered exponential backoff while the
 * attempts and the client's retry budget last.  Returns 0 on a 2xx answer;
 * -1 otherwise with resp->code and resp->message set (an AWS error code, or
 * "RequestTimeout"/"ConnectionError"/... for transport failures). */
int ca_aws_call(ca_aws *c, const ca_aws_req *req, ca_aws_resp *resp);
/* The same in another region (endpoint and signature): a resource is called
 * in its own region.  region NULL or "" = the client's. */
int ca_aws_call_in(ca_aws *c, const char *region, const ca_aws_req *req, ca_aws_resp *resp);
/* The same with more header lines ("x-amz-content-sha256: ..." for S3), NULL-terminated; signed. */
int ca_aws_call_hdrs(ca_aws *c, const char *region, const char *const *headers, const ca_aws_req *req,
                     ca_aws_resp *resp);

/* Appends "/" + seg percent-encoded per SigV4 (unreserved kept, %XX upper-case). */
int ca_aws_path_add(ca_buf *b, const char *seg);
/* SigV4 percent-encoding of s, appended to b. */
int ca_aws_encode(ca_buf *b, const char *s);
/* Canonical query string: params sorted by key then value, every one k=v,
 * both encoded; appended to b (nothing for n == 0). */
int ca_aws_query(ca_buf *b, const ca_aws_param *p, size_t n);

/* Parses an AWS error body into code/message: JSON ({"__type": "ns#Code",
 * "message"|"Message"}, or x-amzn-ErrorType given as header_type) and XML
 * (<Error><Code>, <Message> -- STS, IAM, S3) with expat.  Returns 0 when a
 * code was found. */
int ca_aws_parse_error(const char *body, size_t len, const char *header_type,
                       char *code, size_t codesz, char *msg, size_t msgsz);

/* Text of the first element named `name` in an XML document (expat), into
 * out; 0 when found. */
int ca_xml_text(const char *xml, size_t len, const char *name, char *out, size_t outsz);

#endif
