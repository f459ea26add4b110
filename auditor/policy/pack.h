/*
 * pack.h -- policy packs on disk: discovery, the bytes that are hashed and
 * then executed (read once, so the SHA-256 in a report is of the code that
 * ran), pack.lua metadata and parameters.
 */
#ifndef CA_PACK_H
#define CA_PACK_H
#include <cjson/cJSON.h>
#include "policy/sandbox.h"
#include "util/err.h"

typedef struct ca_pack {
  char *name;            /* folder name */
  char *dir;
  ca_file packlua;
  ca_fileset rules;      /* *.lua but pack.lua and *_test.lua, sorted */
  ca_fileset tests;      /* *_test.lua */
  ca_fileset libs;       /* the policies/lib files require may load: own root's first */
  char sha256[65];       /* over pack files and lib files, see pack.c */
  cJSON *meta;           /* pack.lua's table: name, version, framework, description, params */
  cJSON *params;         /* defaults overridden by --params */
  char *error;           /* pack.lua could not be used: the pack's rules do not run */
} ca_pack;

typedef struct ca_packset {
  ca_pack **v;
  size_t n;
} ca_packset;

/* The built-in policies folder: <exe>/../share/connect-auditor/policies when
 * installed, else the source tree's.  Owned by the function. */
const char *ca_builtin_policies(void);

/* Finds packs under each root (a folder of packs, or one pack folder), keeps
 * those named in only[] (all when nonly == 0), reads their files. */
int ca_packs_find(const char *const *roots, size_t nroots, const char *const *only, size_t nonly,
                  ca_packset *out, ca_err *err);
/* Runs each pack.lua (in a child, small budget) and applies parameter
 * overrides: params is {"<pack>": {"<name>": value}} or NULL.  A broken
 * pack.lua fails only its pack (pack->error); a bad override is an error. */
int ca_packs_load(ca_packset *ps, const cJSON *params, const char *params_label, ca_err *err);
void ca_packset_free(ca_packset *ps);
void ca_fileset_free(ca_fileset *fs);

#endif
