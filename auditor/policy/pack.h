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
  ca_file controls;      /* controls.json, the catalogue of the framework it declares; src NULL if none */
  char *declares;        /* that framework's name, or NULL */
  char sha256[65];       /* over pack files and lib files, see pack.c */
  cJSON *meta;           /* pack.lua's table: name, version, framework, description, params */
  cJSON *params;         /* defaults overridden by --params */
  char *error;           /* pack.lua could not be used: the pack's rules do not run */
} ca_pack;

typedef struct ca_packset {
  ca_pack **v;
  size_t n;
  /* Every framework catalogue (controls.json) of the packs under the roots,
   * selected or not (a baseline rule maps to PCI DSS controls whether or not
   * --pack pci runs), one per framework, in the order found:
   * [{name, title, version, source, pack, file, sha256, controls: [{id,
   * title[, note]}]}], results.json's frameworks[] entries. */
  cJSON *catalogues;
  char **catalogue_paths;   /* each one's file as opened, for messages */
} ca_packset;

/* The built-in policies folder: <exe>/../share/connect-auditor/policies when
 * installed, else the source tree's.  Owned by the function. */
const char *ca_builtin_policies(void);

/* Finds packs under each root (a folder of packs, or one pack folder), keeps
 * those named in only[] (all when nonly == 0), reads their files, and reads
 * and checks every pack's controls.json (docs/policies.md): a malformed one,
 * a control ID twice, or a framework two packs declare differently is an
 * input error (CA_EXIT_USAGE) naming the file and the JSON pointer. */
int ca_packs_find(const char *const *roots, size_t nroots, const char *const *only, size_t nonly,
                  ca_packset *out, ca_err *err);
/* Runs each pack.lua (in a child, small budget) and applies parameter
 * overrides: params is {"<pack>": {"<name>": value}} or NULL.  A broken
 * pack.lua fails only its pack (pack->error); a bad override is an error. */
int ca_packs_load(ca_packset *ps, const cJSON *params, const char *params_label, ca_err *err);
void ca_packset_free(ca_packset *ps);
/* The catalogue of framework name in ps, or NULL. */
const cJSON *ca_packs_catalogue(const ca_packset *ps, const char *name);
/* Adds to a rule's metadata (meta.controls) the controls a catalogue maps
 * it to by its ID (controls[].rules in controls.json: a pack's crosswalk of
 * existing rules to its framework). */
void ca_packs_crosswalk(const ca_packset *ps, cJSON *meta);
/* Is every control a rule's metadata maps to (meta.controls: [{framework,
 * id}]) in its framework's catalogue?  0, or -1 with why: the rule, the
 * control and the catalogue that does not list it. */
int ca_packs_check_controls(const ca_packset *ps, const cJSON *meta, char *why, size_t n);
void ca_fileset_free(ca_fileset *fs);

#endif
