/* creds.c -- credentials, region, settings and endpoints, found where the
 * AWS CLI finds them: botocore 1.43's credential chain in its order
 * (credentials.py create_credential_resolver), the sources that fetch in
 * sources.c. */
#include "aws/creds_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ca_limits.h"
#include "util/fsutil.h"

/* A shared credentials or config file is a page; a megabyte is a wrong file. */
#define CA_MAX_AWS_INI_BYTES (1024L * 1024)

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
  return s;
}

/* key NULL: 1 when the section is there at all. */
int ca_ini_get(const char *path, const char *section, const char *key, char *out, size_t outsz) {
  char *text;
  size_t len;
  ca_err e = {0};
  if (!path || ca_read_file(path, CA_MAX_AWS_INI_BYTES, &text, &len, &e)) return 0;
  int in = 0, found = 0;
  for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save)) {
    char *l = trim(line);
    if (!*l || *l == '#' || *l == ';') continue;
    if (*l == '[') {
      char *end = strchr(l, ']');
      if (!end) { in = 0; continue; }
      *end = '\0';
      in = !strcmp(trim(l + 1), section);
      if (in && !key) found = 1;
      continue;
    }
    if (!in || isspace((unsigned char)*line)) continue;   /* indented: a nested sub-section value */
    char *eq = strchr(l, '=');
    if (!eq) continue;
    *eq = '\0';
    if (strcmp(trim(l), key)) continue;
    snprintf(out, outsz, "%s", trim(eq + 1));
    found = 1;
  }
  free(text);
  return found;
}

static void home_path(const char *env, const char *rel, char *out, size_t outsz) {
  const char *v = getenv(env);
  if (v && *v) {
    if (v[0] == '~' && v[1] == '/' && getenv("HOME")) snprintf(out, outsz, "%s%s", getenv("HOME"), v + 1);
    else snprintf(out, outsz, "%s", v);
    return;
  }
  const char *home = getenv("HOME");
  snprintf(out, outsz, "%s/%s", home ? home : "", rel);
}

static const char *env(const char *name) {
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

void ca_aws_creds_wipe(ca_aws_creds *c) {
  if (!c) return;
  volatile char *p = (volatile char *)c->secret_key;
  for (size_t i = 0; i < sizeof c->secret_key; i++) p[i] = 0;
  p = (volatile char *)c->session_token;
  for (size_t i = 0; i < sizeof c->session_token; i++) p[i] = 0;
  p = (volatile char *)c->access_key;
  for (size_t i = 0; i < sizeof c->access_key; i++) p[i] = 0;
  c->expiration = 0;
}

static void section_of(const char *name, char *out, size_t outsz) {
  if (!strcmp(name, "default")) snprintf(out, outsz, "default");
  else snprintf(out, outsz, "profile %s", name);
}

int ca_prof_get(const ca_chain *ch, const char *name, const char *key, char *out, size_t outsz) {
  char section[300];
  section_of(name, section, sizeof section);
  return ca_ini_get(ch->credfile, name, key, out, outsz) || ca_ini_get(ch->cfgfile, section, key, out, outsz);
}

void ca_chain_note(ca_chain *ch, const char *fmt, ...) {
  size_t n = strlen(ch->tried);
  if (n + 3 >= sizeof ch->tried) return;
  if (n) strcpy(ch->tried + n, "; "), n += 2;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ch->tried + n, sizeof ch->tried - n, fmt, ap);
  va_end(ap);
}

/* A setting: the environment's variable, else the profile's key (NULL: the
 * variable only).  1 found. */
static int setting(const ca_chain *ch, const char *var, const char *key, char *out, size_t outsz) {
  if (env(var)) {
    snprintf(out, outsz, "%s", env(var));
    return 1;
  }
  return key && ca_prof_get(ch, ch->profile, key, out, outsz) && *out;
}

/* botocore reads anything but "true" as false; a compliance scan that meant
 * FIPS endpoints and silently got others is worse than a refusal, so any
 * other value is a usage error here. */
static int bool_setting(const ca_chain *ch, const char *var, const char *key, int *out, ca_err *err) {
  char v[32] = "";
  *out = 0;
  if (!setting(ch, var, key, v, sizeof v)) return 0;
  if (!strcasecmp(v, "true")) *out = 1;
  else if (strcasecmp(v, "false"))
    return ca_errf(err, CA_EXIT_USAGE, "%s%s%s = %s: expected true or false", var, key ? " / " : "", key ? key : "", v);
  return 0;
}

/* The settings of the environment and the profile, into ch and ch->set. */
static int settings(ca_chain *ch, ca_aws_creds *o, ca_err *err) {
  char v[1024];
  if (setting(ch, "AWS_CA_BUNDLE", "ca_bundle", v, sizeof v)) {
    if (access(v, R_OK)) return ca_errf(err, CA_EXIT_USAGE, "AWS_CA_BUNDLE / ca_bundle %s: cannot be read", v);
    snprintf(o->ca_bundle, sizeof o->ca_bundle, "%s", v);
  }
  if (setting(ch, "AWS_MAX_ATTEMPTS", "max_attempts", v, sizeof v)) {
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < 1 || n > CA_MAX_AWS_ATTEMPTS)
      return ca_errf(err, CA_EXIT_USAGE, "AWS_MAX_ATTEMPTS / max_attempts = %s: expected a whole number from 1 to %d", v,
                     CA_MAX_AWS_ATTEMPTS);
    o->max_attempts = (int)n;
  }
  if (setting(ch, "AWS_RETRY_MODE", "retry_mode", v, sizeof v)) {
    if (strcmp(v, "legacy") && strcmp(v, "standard") && strcmp(v, "adaptive"))
      return ca_errf(err, CA_EXIT_USAGE, "AWS_RETRY_MODE / retry_mode = %s: expected legacy, standard or adaptive", v);
    snprintf(o->retry_mode, sizeof o->retry_mode, "%s", v);
  }
  if (setting(ch, "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints", v, sizeof v)) {
    if (strcasecmp(v, "legacy") && strcasecmp(v, "regional"))
      return ca_errf(err, CA_EXIT_USAGE, "AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints = %s: expected regional or legacy", v);
    o->sts_legacy = !strcasecmp(v, "legacy");
  }
  if (bool_setting(ch, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", &o->use_fips, err) ||
      bool_setting(ch, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", &o->use_dualstack, err) ||
      bool_setting(ch, "AWS_EC2_METADATA_DISABLED", NULL, &ch->imds_disabled, err))
    return -1;
  setting(ch, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint", ch->imds_endpoint,
          sizeof ch->imds_endpoint);
  if (setting(ch, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode", v, sizeof v)) {
    if (strcasecmp(v, "ipv4") && strcasecmp(v, "ipv6"))
      return ca_errf(err, CA_EXIT_USAGE, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode = %s: "
                                         "expected IPv4 or IPv6", v);
    ch->imds_ipv6 = !strcasecmp(v, "ipv6");
  }
  ch->imds_timeout_ms = 1000, ch->imds_attempts = 1;   /* botocore: 1 s, one attempt */
  if (setting(ch, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", v, sizeof v)) {
    double t = strtod(v, NULL);
    if (t <= 0 || t > 60) return ca_errf(err, CA_EXIT_USAGE, "AWS_METADATA_SERVICE_TIMEOUT = %s: expected seconds from 0 to 60", v);
    ch->imds_timeout_ms = (long)(t * 1000);
  }
  if (setting(ch, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts", v, sizeof v)) {
    int n = atoi(v);
    if (n < 1 || n > 10) return ca_errf(err, CA_EXIT_USAGE, "AWS_METADATA_SERVICE_NUM_ATTEMPTS = %s: expected 1 to 10", v);
    ch->imds_attempts = n;
  }
  return 0;
}

/* ---- The sources that read only the environment and the files ---- */

static int from_env(ca_aws_creds *o) {
  if (!env("AWS_ACCESS_KEY_ID") || !env("AWS_SECRET_ACCESS_KEY")) return 1;
  snprintf(o->access_key, sizeof o->access_key, "%s", env("AWS_ACCESS_KEY_ID"));
  snprintf(o->secret_key, sizeof o->secret_key, "%s", env("AWS_SECRET_ACCESS_KEY"));
  snprintf(o->session_token, sizeof o->session_token, "%s", env("AWS_SESSION_TOKEN") ? env("AWS_SESSION_TOKEN") : "");
  o->expiration = 0;
  snprintf(o->source, sizeof o->source, "environment (AWS_ACCESS_KEY_ID)");
  return 0;
}

/* Static keys in file (section): 0 found, 1 not. */
static int file_keys(const char *file, const char *section, const char *name, ca_aws_creds *o) {
  char ak[128] = "", sk[128] = "";
  int rc = 1;
  if (ca_ini_get(file, section, "aws_access_key_id", ak, sizeof ak) &&
      ca_ini_get(file, section, "aws_secret_access_key", sk, sizeof sk) && *ak && *sk) {
    snprintf(o->access_key, sizeof o->access_key, "%s", ak);
    snprintf(o->secret_key, sizeof o->secret_key, "%s", sk);
    o->session_token[0] = '\0';
    ca_ini_get(file, section, "aws_session_token", o->session_token, sizeof o->session_token);
    o->expiration = 0;
    snprintf(o->source, sizeof o->source, "profile '%s' in %s", name, file);
    rc = 0;
  }
  memset(sk, 0, sizeof sk);
  return rc;
}

static int has_static_keys(const ca_chain *ch, const char *name) {
  char v[8];
  return ca_prof_get(ch, name, "aws_access_key_id", v, sizeof v) || ca_prof_get(ch, name, "aws_secret_access_key", v, sizeof v);
}

static int profile_exists(const ca_chain *ch, const char *name) {
  char section[300];
  section_of(name, section, sizeof section);
  return ca_ini_get(ch->credfile, name, NULL, NULL, 0) || ca_ini_get(ch->cfgfile, section, NULL, NULL, 0);
}

/* An MFA code from the terminal; refused when nobody can type one. */
static int mfa_code(const ca_chain *ch, const char *profile, const char *serial, char *code, size_t codesz, ca_err *err) {
  if (ch->refreshing)
    return ca_errf(err, CA_EXIT_RUN, "profile '%s': the role's credentials expired and its mfa_serial (%s) would need a "
                                     "new MFA code; use a role without mfa_serial for long runs", profile, serial);
  if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO) || env("CI"))
    return ca_errf(err, CA_EXIT_RUN, "profile '%s' has mfa_serial %s: an MFA code cannot be entered in an unattended run "
                                     "(no terminal%s); use a role without mfa_serial, or run from a terminal",
                   profile, serial, env("CI") ? ", CI is set" : "");
  fprintf(stderr, "Enter MFA code for %s: ", serial);
  fflush(stderr);
  if (!fgets(code, (int)codesz, stdin)) return ca_errf(err, CA_EXIT_RUN, "profile '%s': no MFA code was entered", profile);
  code[strcspn(code, "\r\n")] = '\0';
  return 0;
}

/* ---- The chain ---- */

static int assume_role_profile(ca_chain *ch, const char *name, ca_aws_creds *o, ca_err *err);

/* web identity, SSO, shared credentials file, credential_process, config
 * file keys: botocore's ProfileProviderBuilder.providers.  0 found, 1 not, -1 error. */
static int profile_sources(ca_chain *ch, const char *name, int use_env, ca_aws_creds *o, ca_err *err) {
  char section[300];
  section_of(name, section, sizeof section);
  /* web identity: each of the three from the environment first, then the profile */
  char tfile[1024] = "", role[256] = "", session[65] = "";
  if (use_env && env("AWS_WEB_IDENTITY_TOKEN_FILE")) snprintf(tfile, sizeof tfile, "%s", env("AWS_WEB_IDENTITY_TOKEN_FILE"));
  else ca_prof_get(ch, name, "web_identity_token_file", tfile, sizeof tfile);
  if (*tfile) {
    if (use_env && env("AWS_ROLE_ARN")) snprintf(role, sizeof role, "%s", env("AWS_ROLE_ARN"));
    else ca_prof_get(ch, name, "role_arn", role, sizeof role);
    if (use_env && env("AWS_ROLE_SESSION_NAME")) snprintf(session, sizeof session, "%s", env("AWS_ROLE_SESSION_NAME"));
    else ca_prof_get(ch, name, "role_session_name", session, sizeof session);
    if (!*role)
      return ca_errf(err, CA_EXIT_USAGE, "web identity token file %s is set but no role: set AWS_ROLE_ARN or the profile's role_arn", tfile);
    return ca_src_web_identity(ch, tfile, role, session, o, err);
  }
  if (use_env) ca_chain_note(ch, "web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set)");
  int rc = ca_src_sso(ch, name, o, err);
  if (rc <= 0) return rc;
  if (!file_keys(ch->credfile, name, name, o)) return 0;
  ca_chain_note(ch, "%s [%s]", ch->credfile, name);
  char cmd[2048] = "";
  if (ca_prof_get(ch, name, "credential_process", cmd, sizeof cmd) && *cmd) return ca_src_process(ch, name, cmd, o, err);
  if (!file_keys(ch->cfgfile, section, name, o)) return 0;
  ca_chain_note(ch, "%s [%s]", ch->cfgfile, section);
  return 1;
}

/* The credentials a role profile's source gives: 0, or -1 (a configured
 * source that gives none is an error, as in botocore). */
static int role_source(ca_chain *ch, const char *name, ca_aws_creds *o, ca_err *err) {
  char src[200] = "", csrc[64] = "";
  int has_src = ca_prof_get(ch, name, "source_profile", src, sizeof src);
  int has_csrc = ca_prof_get(ch, name, "credential_source", csrc, sizeof csrc);
  if (has_src && has_csrc)
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s' has both source_profile and credential_source", name);
  if (!has_src && !has_csrc)
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s' has role_arn but neither source_profile nor credential_source", name);
  if (has_csrc) {
    int rc;
    if (!strcasecmp(csrc, "Environment")) {
      rc = from_env(o);
      if (rc > 0) return ca_errf(err, CA_EXIT_RUN, "profile '%s': credential_source Environment, but AWS_ACCESS_KEY_ID and "
                                                   "AWS_SECRET_ACCESS_KEY are not both set", name);
    } else if (!strcasecmp(csrc, "EcsContainer")) {
      rc = ca_src_container(ch, 1, o, err);
    } else if (!strcasecmp(csrc, "Ec2InstanceMetadata")) {
      rc = ca_src_imds(ch, 1, o, err);
    } else {
      return ca_errf(err, CA_EXIT_USAGE, "profile '%s': credential_source '%s' is not one of Environment, EcsContainer, "
                                         "Ec2InstanceMetadata", name, csrc);
    }
    if (rc) ca_err_prefix(err, "profile '%s': ", name);
    return rc ? -1 : 0;
  }
  if (!profile_exists(ch, src))
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s': its source_profile '%s' does not exist in %s or %s", name, src,
                   ch->credfile, ch->cfgfile);
  int seen = 0;
  for (int i = 0; i < ch->nvisited; i++) seen |= !strcmp(ch->visited[i], src);
  if (seen && (strcmp(src, name) || !has_static_keys(ch, src)))
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s': source_profile '%s' makes a loop of profiles", name, src);
  if (ch->nvisited >= (int)(sizeof ch->visited / sizeof ch->visited[0]))
    return ca_errf(err, CA_EXIT_USAGE, "profile '%s': the chain of source profiles is too long", name);
  snprintf(ch->visited[ch->nvisited++], sizeof ch->visited[0], "%s", src);
  char v[8];
  int rc;
  if (has_static_keys(ch, src) || !ca_prof_get(ch, src, "role_arn", v, sizeof v)) {
    rc = profile_sources(ch, src, 0, o, err);
    if (rc > 0) return ca_errf(err, CA_EXIT_RUN, "profile '%s': its source_profile '%s' has no credentials", name, src);
  } else {
    rc = assume_role_profile(ch, src, o, err);
  }
  return rc ? -1 : 0;
}

/* A profile with role_arn (and no web_identity_token_file): 0 assumed, 1 not such a profile, -1 error. */
static int assume_role_profile(ca_chain *ch, const char *name, ca_aws_creds *o, ca_err *err) {
  char role[256] = "", v[1024];
  if (!ca_prof_get(ch, name, "role_arn", role, sizeof role) || ca_prof_get(ch, name, "web_identity_token_file", v, sizeof v))
    return 1;
  char ext[256] = "", session[65] = "", duration[16] = "", serial[256] = "", code[64] = "";
  ca_prof_get(ch, name, "external_id", ext, sizeof ext);
  ca_prof_get(ch, name, "role_session_name", session, sizeof session);
  if (ca_prof_get(ch, name, "duration_seconds", duration, sizeof duration) && *duration) {
    char *end;
    long d = strtol(duration, &end, 10);
    if (*end || d < 900 || d > 43200)
      return ca_errf(err, CA_EXIT_USAGE, "profile '%s': duration_seconds = %s: expected seconds from 900 to 43200", name, duration);
  }
  ca_aws_creds src = *o;
  int rc = role_source(ch, name, &src, err);
  if (!rc && ca_prof_get(ch, name, "mfa_serial", serial, sizeof serial) && *serial)
    rc = mfa_code(ch, name, serial, code, sizeof code, err);
  if (!rc) rc = ca_src_assume_role(ch, &src, role, ext, session, duration, serial, code, o, err);
  if (!rc) snprintf(o->source, sizeof o->source, "role %s of profile '%s' (source: %.300s)", role, name, src.source);
  ca_aws_creds_wipe(&src);
  memset(code, 0, sizeof code);
  return rc ? -1 : 0;
}

static int resolve(ca_chain *ch, ca_aws_creds *o, ca_err *err) {
  /* 1. the environment's keys (not for an explicit --profile, as botocore) */
  if (!ch->explicit_profile) {
    if (!from_env(o)) return 0;
    ca_chain_note(ch, "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
  }
  snprintf(ch->visited[0], sizeof ch->visited[0], "%s", ch->profile);
  ch->nvisited = 1;
  /* 2. the profile's role; 3-7. the profile's other sources */
  int rc = assume_role_profile(ch, ch->profile, o, err);
  if (rc <= 0) return rc;
  rc = profile_sources(ch, ch->profile, !ch->explicit_profile, o, err);
  if (rc <= 0) return rc;
  /* 8. container credentials, 9. instance metadata */
  rc = ca_src_container(ch, 0, o, err);
  if (rc <= 0) return rc;
  return ca_src_imds(ch, 0, o, err);
}

int ca_aws_valid_region(const char *r) {
  /* botocore's validate_region_name: a host label of letters, digits and
   * '-', not all digits, not starting or ending with '-', at most 63 */
  size_t n = strlen(r), digits = 0;
  if (n == 0 || n > 63 || r[0] == '-' || r[n - 1] == '-') return 0;
  for (size_t i = 0; i < n; i++) {
    if (!isalnum((unsigned char)r[i]) && r[i] != '-') return 0;
    digits += isdigit((unsigned char)r[i]) != 0;
  }
  return digits < n;
}

void ca_aws_shared_files(char *credfile, char *cfgfile, size_t n) {
  home_path("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials", credfile, n);
  home_path("AWS_CONFIG_FILE", ".aws/config", cfgfile, n);
}

static int find(const char *profile, const char *region, const char *role_arn, int refreshing, ca_aws_creds *out,
                ca_err *err) {
  memset(out, 0, sizeof *out);
  ca_chain *ch = calloc(1, sizeof *ch);
  if (!ch) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  home_path("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials", ch->credfile, sizeof ch->credfile);
  home_path("AWS_CONFIG_FILE", ".aws/config", ch->cfgfile, sizeof ch->cfgfile);
  ch->explicit_profile = profile && *profile;
  ch->refreshing = refreshing;
  ch->set = out;
  const char *name = ch->explicit_profile ? profile : env("AWS_PROFILE") ? env("AWS_PROFILE") : "default";
  int rc = -1;
  if (strlen(name) > 190 || (region && strlen(region) >= sizeof out->want_region) ||
      (role_arn && strlen(role_arn) >= sizeof out->want_role)) {
    ca_errf(err, CA_EXIT_USAGE, "profile name, region or role ARN too long");
    goto done;
  }
  /* the name goes into a section header of the ini files ([profile NAME]) */
  for (const char *p = name; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '[' || *p == ']') {
      ca_errf(err, CA_EXIT_USAGE, "profile name %s: expected no control characters and no '[' or ']' "
              "(it names a section of %s and %s)", ch->explicit_profile ? "(--profile)" : "(AWS_PROFILE)",
              ch->credfile, ch->cfgfile);
      goto done;
    }
  snprintf(ch->profile, sizeof ch->profile, "%s", name);
  snprintf(out->want_profile, sizeof out->want_profile, "%s", ch->explicit_profile ? profile : "");
  snprintf(out->want_region, sizeof out->want_region, "%s", region ? region : "");
  snprintf(out->want_role, sizeof out->want_role, "%s", role_arn ? role_arn : "");

  /* Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region. */
  char section[300];
  section_of(name, section, sizeof section);
  if (region && *region) snprintf(out->region, sizeof out->region, "%s", region);
  else if (env("AWS_REGION")) snprintf(out->region, sizeof out->region, "%s", env("AWS_REGION"));
  else if (env("AWS_DEFAULT_REGION")) snprintf(out->region, sizeof out->region, "%s", env("AWS_DEFAULT_REGION"));
  else ca_ini_get(ch->cfgfile, section, "region", out->region, sizeof out->region);
  /* the region goes into every host name (https://SERVICE.REGION.amazonaws.com) */
  const char *from = region && *region ? "--region" : env("AWS_REGION") ? "AWS_REGION"
                     : env("AWS_DEFAULT_REGION") ? "AWS_DEFAULT_REGION" : ch->cfgfile;
  const char *given = region && *region ? region : env("AWS_REGION") ? env("AWS_REGION")
                      : env("AWS_DEFAULT_REGION") ? env("AWS_DEFAULT_REGION") : out->region;
  if (given[0] && (strlen(given) >= sizeof out->region || !ca_aws_valid_region(given))) {
    int printable = 1;
    for (const char *p = given; *p; p++) printable &= (unsigned char)*p >= 0x20 && *p != 0x7f;
    ca_errf(err, CA_EXIT_USAGE, "region %s%.64s%s (from %s): expected a region name such as us-east-1 "
            "(letters, digits and '-', at most 63, as the AWS CLI accepts)",
            printable ? "'" : "", printable ? given : "with control characters", printable ? "'" : "", from);
    goto done;
  }
  if (settings(ch, out, err)) goto done;

  rc = resolve(ch, out, err);
  if (rc > 0) {
    rc = ca_errf(err, CA_EXIT_RUN,
                 "no AWS credentials found for profile '%s'; looked in: %s. Set AWS_ACCESS_KEY_ID and "
                 "AWS_SECRET_ACCESS_KEY, or choose a profile with --profile or AWS_PROFILE (docs/collect.md lists every source)",
                 name, ch->tried);
    goto done;
  }
  if (!rc && role_arn && *role_arn) {   /* --role-arn: assumed with what was found */
    ca_aws_creds base = *out;
    rc = ca_src_assume_role(ch, &base, role_arn, NULL, NULL, NULL, NULL, NULL, out, err);
    ca_aws_creds_wipe(&base);
  }
done:
  if (rc) ca_aws_creds_wipe(out);
  memset(ch, 0, sizeof *ch);
  free(ch);
  return rc;
}

int ca_aws_creds_resolve(const char *profile, const char *region, const char *role_arn, ca_aws_creds *out,
                         ca_err *err) {
  return find(profile, region, role_arn, 0, out, err);
}

int ca_aws_creds_find(const char *profile, const char *region, ca_aws_creds *out, ca_err *err) {
  return find(profile, region, NULL, 0, out, err);
}

int ca_aws_creds_assume(const ca_aws_creds *base, const char *role_arn, ca_aws_creds *out, ca_err *err) {
  if (strlen(role_arn) >= sizeof out->want_then_role) return ca_errf(err, CA_EXIT_USAGE, "role ARN too long");
  ca_chain *ch = calloc(1, sizeof *ch);
  if (!ch) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  *out = *base;
  ch->set = base;
  ch->refreshing = 1;   /* nobody types an MFA code for an account's role */
  int rc = ca_src_assume_role(ch, base, role_arn, NULL, NULL, NULL, NULL, NULL, out, err);
  if (rc) ca_aws_creds_wipe(out);
  else snprintf(out->want_then_role, sizeof out->want_then_role, "%s", role_arn);
  memset(ch, 0, sizeof *ch);
  free(ch);
  return rc;
}

int ca_aws_creds_refresh(ca_aws_creds *c, ca_err *err) {
  ca_aws_creds *n = malloc(sizeof *n);
  if (!n) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  int rc = find(c->want_profile[0] ? c->want_profile : NULL, c->want_region[0] ? c->want_region : NULL,
                c->want_role[0] ? c->want_role : NULL, 1, n, err);
  if (!rc && c->want_then_role[0]) {   /* an estate account's role, from the chain found again */
    ca_aws_creds base = *n;
    rc = ca_aws_creds_assume(&base, c->want_then_role, n, err);
    ca_aws_creds_wipe(&base);
  }
  if (!rc) snprintf(n->region, sizeof n->region, "%s", c->region);   /* the unit's region stays */
  if (!rc) {
    ca_aws_creds_wipe(c);
    *c = *n;
  }
  ca_aws_creds_wipe(n);
  free(n);
  return rc;
}

/* ---- Endpoints ---- */

/* botocore's legacy global STS regions (AWS_STS_REGIONAL_ENDPOINTS=legacy). */
static int sts_legacy_region(const char *region) {
  static const char *const r[] = {"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
                                  "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
                                  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2", NULL};
  for (int i = 0; r[i]; i++)
    if (!strcmp(region, r[i])) return 1;
  return 0;
}

/* Custom endpoint (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL): 1 with it in out. */
static int custom_endpoint(const char *service_env, char *out, size_t outsz) {
  char var[128] = "AWS_ENDPOINT_URL_";
  size_t n = strlen(var);
  for (const char *p = service_env; *p && n + 1 < sizeof var; p++)
    var[n++] = (*p == '-' || *p == ' ') ? '_' : (char)toupper((unsigned char)*p);
  var[n] = '\0';
  const char *ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (ignore && !strcasecmp(ignore, "true")) return 0;
  const char *v = env(var) ? env(var) : env("AWS_ENDPOINT_URL");
  if (!v) return 0;
  snprintf(out, outsz, "%s", v);
  return 1;
}

static int env_true(const char *name) { return env(name) && !strcasecmp(env(name), "true"); }

/* STS's global endpoint: AWS_STS_REGIONAL_ENDPOINTS=legacy in one of the legacy regions, no custom endpoint. */
static int sts_global(const ca_aws_creds *s, const char *service_env, const char *region) {
  char tmp[8];
  int legacy = s ? s->sts_legacy : env("AWS_STS_REGIONAL_ENDPOINTS") && !strcasecmp(env("AWS_STS_REGIONAL_ENDPOINTS"), "legacy");
  return !strcmp(service_env, "STS") && legacy && sts_legacy_region(region) && !custom_endpoint(service_env, tmp, sizeof tmp);
}

const char *ca_aws_signing_region(const ca_aws_creds *s, const char *service_env, const char *region) {
  return sts_global(s, service_env, region) ? "us-east-1" : region;
}

int ca_aws_endpoint_for(const ca_aws_creds *s, const char *service_env, const char *prefix, const char *region,
                        char *out, size_t outsz) {
  int fips = s ? s->use_fips : env_true("AWS_USE_FIPS_ENDPOINT");
  int dual = s ? s->use_dualstack : env_true("AWS_USE_DUALSTACK_ENDPOINT");
  int w;
  if (custom_endpoint(service_env, out, outsz)) {
    w = (int)strlen(out);
  } else if (sts_global(s, service_env, region)) {
    w = snprintf(out, outsz, "https://sts.amazonaws.com");
  } else {
    int cn = !strncmp(region, "cn-", 3);
    const char *dns = cn ? "amazonaws.com.cn" : "amazonaws.com";
    const char *dual_dns = cn ? "api.amazonwebservices.com.cn" : "api.aws";
    if (!strcmp(prefix, "iam") && !cn && !dual)   /* IAM is global: one endpoint (iam-fips for FIPS) */
      w = snprintf(out, outsz, "https://iam%s.amazonaws.com", fips ? "-fips" : "");
    else if (!strcmp(prefix, "s3"))   /* S3 keeps its own forms: s3-fips, s3.dualstack */
      w = snprintf(out, outsz, "https://s3%s%s.%s.%s", fips ? "-fips" : "", dual ? ".dualstack" : "", region, dns);
    else
      w = snprintf(out, outsz, "https://%s%s.%s.%s", prefix, fips ? "-fips" : "", region, dual ? dual_dns : dns);
  }
  if (w < 0 || (size_t)w >= outsz) return -1;
  while (w > 0 && out[w - 1] == '/') out[--w] = '\0';
  return 0;
}

int ca_aws_endpoint(const char *service_env, const char *prefix, const char *region, char *out, size_t outsz) {
  return ca_aws_endpoint_for(NULL, service_env, prefix, region, out, outsz);
}
