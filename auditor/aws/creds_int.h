/* creds_int.h -- inside the credential chain (creds.c) and its sources
 * that fetch (sources.c): not part of the AWS layer's API (aws.h). */
#ifndef CA_CREDS_INT_H
#define CA_CREDS_INT_H
#include "aws/aws.h"

/* One resolution of the chain: the files, the settings in effect, and what
 * was looked at (for the message when nothing is found). */
typedef struct ca_chain {
  char credfile[1024], cfgfile[1024];
  char profile[200];           /* the profile in effect (--profile, AWS_PROFILE, "default") */
  int explicit_profile;
  const ca_aws_creds *set;     /* region and settings (ca_bundle, FIPS, STS endpoints) */
  /* EC2 instance metadata settings */
  int imds_disabled, imds_ipv6, imds_attempts;
  char imds_endpoint[512];
  long imds_timeout_ms;
  int refreshing;              /* a refresh: nobody is there to type an MFA code */
  char visited[8][200];        /* source_profile chain, for loops */
  int nvisited;
  char tried[1200];            /* "; "-separated notes on the sources that were not there */
} ca_chain;

/* The value of key in section [section] of an INI file: 1 found, 0 not (a
 * missing file reads as empty, as in the CLI). */
int ca_ini_get(const char *path, const char *section, const char *key, char *out, size_t outsz);
/* A profile's value: the credentials file's [name] over the config file's
 * [profile name] ([default]), as botocore merges them.  1 found, 0 not. */
int ca_prof_get(const ca_chain *ch, const char *name, const char *key, char *out, size_t outsz);
/* Appends a note to ch->tried. */
void ca_chain_note(ca_chain *ch, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The sources that fetch.  Each fills o's keys, token, expiration and
 * source (o's settings are left alone): 0 found; 1 not configured or not
 * there (a note in ch->tried), only when !required; -1 an error (err set,
 * never with a secret). */
int ca_src_assume_role(ca_chain *ch, const ca_aws_creds *with, const char *role_arn, const char *external_id,
                       const char *session_name, const char *duration, const char *mfa_serial,
                       const char *mfa_code, ca_aws_creds *o, ca_err *err);
int ca_src_web_identity(ca_chain *ch, const char *token_file, const char *role_arn, const char *session_name,
                        ca_aws_creds *o, ca_err *err);
int ca_src_container(ca_chain *ch, int required, ca_aws_creds *o, ca_err *err);
int ca_src_imds(ca_chain *ch, int required, ca_aws_creds *o, ca_err *err);
int ca_src_process(ca_chain *ch, const char *profile, const char *command, ca_aws_creds *o, ca_err *err);
int ca_src_sso(ca_chain *ch, const char *profile, ca_aws_creds *o, ca_err *err);

#endif
