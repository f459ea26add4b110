/* creds.c -- credentials, region and endpoints, found where the AWS CLI finds
 * them (botocore's credential chain, minus the providers we do not have yet:
 * process, SSO, container and instance metadata). */
#include "aws/aws.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/fsutil.h"

/* A shared credentials or config file is a page; a megabyte is a wrong file. */
#define CA_MAX_AWS_INI_BYTES (1024L * 1024)

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
  return s;
}

/* Copies the value of key in section [section] of an INI file into out.
 * 1 when found, 0 when not (or the file cannot be read: the CLI treats a
 * missing file as empty). */
static int ini_get(const char *path, const char *section, const char *key, char *out, size_t outsz) {
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
}

static void section_of(const char *name, char *out, size_t outsz) {
  if (!strcmp(name, "default")) snprintf(out, outsz, "default");
  else snprintf(out, outsz, "profile %s", name);
}

/* Static keys of profile name (config section `section`): 0 found, 1 not. */
static int static_keys(const char *name, const char *section, const char *credfile, const char *cfgfile,
                       ca_aws_creds *out) {
  /* The credentials file first, then the config file, as botocore's
   * SharedCredentialProvider and ConfigProvider do. */
  const char *files[2] = {credfile, cfgfile};
  const char *sections[2] = {name, section};
  for (int i = 0; i < 2; i++) {
    char ak[128] = "", sk[128] = "";
    if (ini_get(files[i], sections[i], "aws_access_key_id", ak, sizeof ak) &&
        ini_get(files[i], sections[i], "aws_secret_access_key", sk, sizeof sk) && *ak && *sk) {
      snprintf(out->access_key, sizeof out->access_key, "%s", ak);
      snprintf(out->secret_key, sizeof out->secret_key, "%s", sk);
      ini_get(files[i], sections[i], "aws_session_token", out->session_token, sizeof out->session_token);
      snprintf(out->source, sizeof out->source, "profile '%s' in %s", name, files[i]);
      memset(sk, 0, sizeof sk);
      return 0;
    }
    memset(sk, 0, sizeof sk);
  }
  return 1;
}

/* Keys of profile `name`: 0 found, 1 not there, -1 an error (err set).
 * depth: 0 for the profile asked for, 1 for its source_profile. */
static int profile_creds(const char *name, const char *credfile, const char *cfgfile, int depth, ca_aws_creds *out,
                         ca_err *err) {
  char section[300], role[256] = "";
  section_of(name, section, sizeof section);
  if (ini_get(cfgfile, section, "role_arn", role, sizeof role) && *role) {
    if (depth)
      return ca_errf(err, CA_EXIT_RUN, "profile '%s' in %s: its source profile assumes a role too; "
                                       "chains of roles are not supported yet", name, cfgfile);
    char src[200] = "", csrc[64] = "";
    ini_get(cfgfile, section, "source_profile", src, sizeof src);
    ini_get(cfgfile, section, "credential_source", csrc, sizeof csrc);
    if (*src) {
      /* A profile may name itself as source_profile: its own static keys. */
      char srcsec[300];
      section_of(src, srcsec, sizeof srcsec);
      int rc = !strcmp(src, name) ? static_keys(src, srcsec, credfile, cfgfile, out)
                                  : profile_creds(src, credfile, cfgfile, depth + 1, out, err);
      if (rc < 0) return -1;
      if (rc) return ca_errf(err, CA_EXIT_RUN, "profile '%s' in %s: source_profile '%s' has no credentials",
                             name, cfgfile, src);
    } else if (!strcasecmp(csrc, "Environment") && env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
      snprintf(out->access_key, sizeof out->access_key, "%s", env("AWS_ACCESS_KEY_ID"));
      snprintf(out->secret_key, sizeof out->secret_key, "%s", env("AWS_SECRET_ACCESS_KEY"));
      if (env("AWS_SESSION_TOKEN")) snprintf(out->session_token, sizeof out->session_token, "%s", env("AWS_SESSION_TOKEN"));
      snprintf(out->source, sizeof out->source, "environment (AWS_ACCESS_KEY_ID)");
    } else {
      return ca_errf(err, CA_EXIT_RUN, "profile '%s' in %s has role_arn but no usable source_profile or "
                                       "credential_source (only source_profile and credential_source = Environment "
                                       "are supported)", name, cfgfile);
    }
    snprintf(out->role_arn, sizeof out->role_arn, "%s", role);
    ini_get(cfgfile, section, "external_id", out->external_id, sizeof out->external_id);
    ini_get(cfgfile, section, "role_session_name", out->role_session_name, sizeof out->role_session_name);
    char was[512];
    snprintf(was, sizeof was, "%s", out->source);
    snprintf(out->source, sizeof out->source, "role %s of profile '%s' (source: %s)", role, name, was);
    return 0;
  }
  return static_keys(name, section, credfile, cfgfile, out);
}

int ca_aws_creds_find(const char *profile, const char *region, ca_aws_creds *out, ca_err *err) {
  memset(out, 0, sizeof *out);
  char credfile[1024], cfgfile[1024], section[300];
  home_path("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials", credfile, sizeof credfile);
  home_path("AWS_CONFIG_FILE", ".aws/config", cfgfile, sizeof cfgfile);
  int explicit_profile = profile && *profile;
  const char *name = explicit_profile ? profile : env("AWS_PROFILE") ? env("AWS_PROFILE") : "default";
  if (strlen(name) > 190) return ca_errf(err, CA_EXIT_USAGE, "profile name too long");
  section_of(name, section, sizeof section);

  /* Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region. */
  if (region && *region) snprintf(out->region, sizeof out->region, "%s", region);
  else if (env("AWS_REGION")) snprintf(out->region, sizeof out->region, "%s", env("AWS_REGION"));
  else if (env("AWS_DEFAULT_REGION")) snprintf(out->region, sizeof out->region, "%s", env("AWS_DEFAULT_REGION"));
  else ini_get(cfgfile, section, "region", out->region, sizeof out->region);

  /* botocore: an explicit --profile skips the environment provider. */
  if (!explicit_profile && env("AWS_ACCESS_KEY_ID") && env("AWS_SECRET_ACCESS_KEY")) {
    snprintf(out->access_key, sizeof out->access_key, "%s", env("AWS_ACCESS_KEY_ID"));
    snprintf(out->secret_key, sizeof out->secret_key, "%s", env("AWS_SECRET_ACCESS_KEY"));
    if (env("AWS_SESSION_TOKEN")) snprintf(out->session_token, sizeof out->session_token, "%s", env("AWS_SESSION_TOKEN"));
    snprintf(out->source, sizeof out->source, "environment (AWS_ACCESS_KEY_ID)");
    return 0;
  }
  int rc = profile_creds(name, credfile, cfgfile, 0, out, err);
  if (rc <= 0) {
    if (rc) ca_aws_creds_wipe(out);
    return rc;
  }
  return ca_errf(err, CA_EXIT_RUN,
                 "no AWS credentials found; looked in: %sprofile '%s' in %s (section [%s]) and %s (section [%s]). "
                 "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile with --profile or AWS_PROFILE",
                 explicit_profile ? "" : "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), ",
                 name, credfile, name, cfgfile, section);
}

int ca_aws_endpoint(const char *service_env, const char *prefix, const char *region, char *out, size_t outsz) {
  char var[128] = "AWS_ENDPOINT_URL_";
  size_t n = strlen(var);
  for (const char *p = service_env; *p && n + 1 < sizeof var; p++)
    var[n++] = (*p == '-' || *p == ' ') ? '_' : (char)toupper((unsigned char)*p);
  var[n] = '\0';
  const char *v = NULL;
  const char *ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (!ignore || strcasecmp(ignore, "true")) {
    v = env(var);
    if (!v) v = env("AWS_ENDPOINT_URL");
  }
  int w = v ? snprintf(out, outsz, "%s", v) : snprintf(out, outsz, "https://%s.%s.amazonaws.com", prefix, region);
  if (w < 0 || (size_t)w >= outsz) return -1;
  while (w > 0 && out[w - 1] == '/') out[--w] = '\0';
  return 0;
}
