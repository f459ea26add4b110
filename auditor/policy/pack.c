#include "policy/pack.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ca_limits.h"
#include "policy/child.h"
#include "policy/convert.h"
#include "policy/ctx.h"
#include "results/vocab.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/jsontree.h"
#include "util/sha256.h"

const char *ca_builtin_policies(void) {
  static char found[PATH_MAX];
  if (found[0]) return found;
  const char *env = getenv("CONNECT_AUDITOR_POLICIES");
  if (env && *env) {
    snprintf(found, sizeof found, "%s", env);
    return found;
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char cand[PATH_MAX + 64];
      snprintf(cand, sizeof cand, "%s/%s", exe, CA_INSTALLED_POLICIES_REL);
      char real[PATH_MAX];
      if (ca_is_dir(cand) && realpath(cand, real)) {
        snprintf(found, sizeof found, "%s", real);
        return found;
      }
    }
  }
  snprintf(found, sizeof found, "%s", CA_SOURCE_POLICIES);
  return found;
}

void ca_fileset_free(ca_fileset *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    free(fs->v[i].rel);
    free(fs->v[i].path);
    free(fs->v[i].src);
  }
  free(fs->v);
  fs->v = NULL;
  fs->n = 0;
}

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

static int add_file(ca_fileset *fs, const char *path, const char *rel, ca_err *err) {
  ca_file f = {0};
  if (ca_read_file(path, CA_MAX_POLICY_FILE_BYTES, &f.src, &f.len, err)) return -1;
  ca_file *v = realloc(fs->v, (fs->n + 1) * sizeof *v);
  if (!v) { free(f.src); return ca_errf(err, CA_EXIT_RUN, "out of memory"); }
  fs->v = v;
  f.path = strdup(path);
  f.rel = strdup(rel);
  fs->v[fs->n++] = f;
  return 0;
}

/* lib/ files, recursively, rel "lib/a/b.lua"; a module already in fs (from a
 * folder searched earlier) wins. */
static int add_lib_dir(ca_fileset *fs, const char *dir, const char *relbase, int depth, ca_err *err) {
  if (depth > 8) return 0;
  char **names;
  size_t n;
  if (ca_list_dir(dir, &names, &n, err)) return -1;
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    char path[PATH_MAX], rel[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    snprintf(rel, sizeof rel, "%s/%s", relbase, names[i]);
    if (ca_is_dir(path)) {
      rc = add_lib_dir(fs, path, rel, depth + 1, err);
    } else if (has_suffix(names[i], ".lua")) {
      int dup = 0;
      for (size_t k = 0; k < fs->n; k++) dup |= !strcmp(fs->v[k].rel, rel);
      if (!dup) rc = add_file(fs, path, rel, err);
    }
  }
  ca_free_list(names);
  return rc;
}

static void pack_free(ca_pack *p) {
  if (!p) return;
  free(p->name);
  free(p->dir);
  free(p->packlua.rel);
  free(p->packlua.path);
  free(p->packlua.src);
  free(p->controls.rel);
  free(p->controls.path);
  free(p->controls.src);
  free(p->declares);
  ca_fileset_free(&p->rules);
  ca_fileset_free(&p->tests);
  ca_fileset_free(&p->libs);
  cJSON_Delete(p->meta);
  cJSON_Delete(p->params);
  free(p->error);
  free(p);
}

void ca_packset_free(ca_packset *ps) {
  for (size_t i = 0; i < ps->n; i++) pack_free(ps->v[i]);
  free(ps->v);
  ps->v = NULL;
  ps->n = 0;
  for (int i = 0; ps->catalogue_paths && i < cJSON_GetArraySize(ps->catalogues); i++) free(ps->catalogue_paths[i]);
  free(ps->catalogue_paths);
  ps->catalogue_paths = NULL;
  cJSON_Delete(ps->catalogues);
  ps->catalogues = NULL;
}

static void hash_file(ca_sha256 *h, const ca_file *f) {
  unsigned char len[8];
  for (int i = 0; i < 8; i++) len[i] = (unsigned char)((unsigned long long)f->len >> (56 - 8 * i));
  ca_sha256_update(h, f->rel, strlen(f->rel) + 1);
  ca_sha256_update(h, len, 8);
  ca_sha256_update(h, f->src, f->len);
}

/* pack.sha256 = SHA-256 over (relative path, NUL, 8-byte length, bytes) of
 * pack.lua, its controls.json if it has one (the catalogue the matrix is
 * judged against), every rule and test file, then every library file it can
 * require, each set in sorted order: what decides the pack's findings. */
static void pack_hash(ca_pack *p) {
  ca_sha256 *h = ca_sha256_new();
  hash_file(h, &p->packlua);
  if (p->controls.src) hash_file(h, &p->controls);
  for (size_t i = 0; i < p->rules.n; i++) hash_file(h, &p->rules.v[i]);
  for (size_t i = 0; i < p->tests.n; i++) hash_file(h, &p->tests.v[i]);
  for (size_t i = 0; i < p->libs.n; i++) hash_file(h, &p->libs.v[i]);
  ca_sha256_final(h, p->sha256);
}

static int load_pack_dir(const char *dir, const char *name, const char *libroot, ca_pack **out, ca_err *err) {
  ca_pack *p = calloc(1, sizeof *p);
  if (!p) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  p->name = strdup(name);
  p->dir = strdup(dir);
  char path[PATH_MAX], rel[PATH_MAX];
  snprintf(path, sizeof path, "%s/pack.lua", dir);
  snprintf(rel, sizeof rel, "%s/pack.lua", name);
  ca_fileset one = {0};
  if (add_file(&one, path, rel, err)) { pack_free(p); return -1; }
  p->packlua = one.v[0];
  free(one.v);
  snprintf(path, sizeof path, "%s/controls.json", dir);
  snprintf(rel, sizeof rel, "%s/controls.json", name);
  if (ca_is_file(path)) {
    one = (ca_fileset){0};
    if (add_file(&one, path, rel, err)) { pack_free(p); return -1; }
    p->controls = one.v[0];
    free(one.v);
  }
  char **names;
  size_t n;
  if (ca_list_dir(dir, &names, &n, err)) { pack_free(p); return -1; }
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!has_suffix(names[i], ".lua") || !strcmp(names[i], "pack.lua")) continue;   /* controls.json: above */
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    snprintf(rel, sizeof rel, "%s/%s", name, names[i]);
    if (!ca_is_file(path)) continue;
    rc = add_file(has_suffix(names[i], "_test.lua") ? &p->tests : &p->rules, path, rel, err);
  }
  ca_free_list(names);
  if (!rc && p->rules.n > CA_MAX_RULES_PER_PACK)
    rc = ca_errf(err, CA_EXIT_USAGE, "%s: %zu rules, more than the limit of %d", dir, p->rules.n, CA_MAX_RULES_PER_PACK);
  /* require looks in the pack's own policies/lib, then the built-in one */
  if (!rc && libroot && ca_is_dir(libroot)) rc = add_lib_dir(&p->libs, libroot, "lib", 0, err);
  char builtin[PATH_MAX];
  snprintf(builtin, sizeof builtin, "%s/lib", ca_builtin_policies());
  if (!rc && ca_is_dir(builtin)) rc = add_lib_dir(&p->libs, builtin, "lib", 0, err);
  if (rc) { pack_free(p); return -1; }
  pack_hash(p);
  *out = p;
  return 0;
}

/* ---- control catalogues (controls.json) ----------------------------------- */

static int cat_bad(const char *path, const char *ptr, const char *what, ca_err *err) {
  return ca_errf(err, CA_EXIT_USAGE, "%s: %s: expected %s (docs/policies.md, \"Frameworks and their controls\")",
                 path, *ptr ? ptr : "(the document)", what);
}

/* A one-line string of 1..max bytes without control characters. */
static int line_ok(const cJSON *v, size_t max) {
  if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > max) return 0;
  for (const unsigned char *c = (const unsigned char *)v->valuestring; *c; c++)
    if (*c < 0x20 || *c == 0x7f) return 0;
  return 1;
}

static int only_members(const char *path, const cJSON *o, const char *ptr, const char *const *known, ca_err *err) {
  for (const cJSON *k = o->child; k; k = k->next) {
    int kn = 0;
    for (int i = 0; known[i]; i++) kn |= !strcmp(known[i], k->string);
    if (kn) continue;
    char where[160], what[256];
    snprintf(where, sizeof where, "%s/%s", ptr, k->string);
    snprintf(what, sizeof what, "no member \"%s\" (known: ", k->string);
    for (int i = 0; known[i]; i++) snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s", i ? ", " : "", known[i]);
    snprintf(what + strlen(what), sizeof what - strlen(what), ")");
    return cat_bad(path, where, what, err);
  }
  return 0;
}

/* Checks controls.json (path, its bytes f) and makes the catalogue entry. */
static int catalogue_parse(const char *path, const ca_file *f, const char *pack, cJSON **out, ca_err *err) {
  cJSON *doc = NULL;
  *out = NULL;
  if (ca_json_parse(path, f->src, f->len, &doc, err) || ca_json_check_dups(path, f->src, f->len, doc, err)) {
    cJSON_Delete(doc);
    return -1;
  }
  int rc = -1;
  char what[256], where[64];
  static const char *const top[] = {"framework", "title", "version", "source", "controls", NULL};
  static const char *const one[] = {"id", "title", "note", "rules", NULL};
  const cJSON *fw = cJSON_GetObjectItemCaseSensitive(doc, "framework"), *title, *version, *source, *list, *c;
  if (!cJSON_IsObject(doc)) { cat_bad(path, "", "an object {framework, title, version, source, controls}", err); goto done; }
  if (only_members(path, doc, "", top, err)) goto done;
  if (!cJSON_IsString(fw) || !ca_framework_name_ok(fw->valuestring)) {
    snprintf(what, sizeof what, "a framework name: a letter, then letters, digits, '.', '-' or '_', at most %d in all",
             CA_MAX_FRAMEWORK_NAME - 1);
    cat_bad(path, "/framework", what, err);
    goto done;
  }
  title = cJSON_GetObjectItemCaseSensitive(doc, "title");
  version = cJSON_GetObjectItemCaseSensitive(doc, "version");
  source = cJSON_GetObjectItemCaseSensitive(doc, "source");
  list = cJSON_GetObjectItemCaseSensitive(doc, "controls");
  if (title && !line_ok(title, CA_MAX_CONTROL_TITLE_BYTES)) {
    cat_bad(path, "/title", "the framework's title: a one-line string", err);
    goto done;
  }
  if (!line_ok(version, CA_MAX_CONTROL_TITLE_BYTES)) {
    cat_bad(path, "/version", "the version of the framework the catalogue follows: a one-line string", err);
    goto done;
  }
  if (!line_ok(source, 4 * CA_MAX_CONTROL_TITLE_BYTES)) {
    cat_bad(path, "/source", "where the controls and their titles come from: a one-line string", err);
    goto done;
  }
  if (!cJSON_IsArray(list) || !list->child || cJSON_GetArraySize(list) > CA_MAX_CONTROLS) {
    snprintf(what, sizeof what, "a list of 1 to %d controls {id, title}", CA_MAX_CONTROLS);
    cat_bad(path, "/controls", what, err);
    goto done;
  }
  int i = 0;
  cJSON_ArrayForEach(c, list) {
    snprintf(where, sizeof where, "/controls/%d", i);
    if (!cJSON_IsObject(c)) { cat_bad(path, where, "a control {id, title}", err); goto done; }
    if (only_members(path, c, where, one, err)) goto done;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id"), *t = cJSON_GetObjectItemCaseSensitive(c, "title"),
                *note = cJSON_GetObjectItemCaseSensitive(c, "note");
    snprintf(where, sizeof where, "/controls/%d/id", i);
    if (!line_ok(id, CA_MAX_CONTROL_ID_BYTES)) {
      snprintf(what, sizeof what, "the control's ID as the framework numbers it: a string of 1 to %d bytes, no control "
               "characters", CA_MAX_CONTROL_ID_BYTES);
      cat_bad(path, where, what, err);
      goto done;
    }
    int k = 0;
    for (const cJSON *d = list->child; d != c; d = d->next, k++)
      if (!strcmp(cJSON_GetObjectItemCaseSensitive(d, "id")->valuestring, id->valuestring)) {
        snprintf(what, sizeof what, "each control once: \"%.64s\" is already /controls/%d", id->valuestring, k);
        cat_bad(path, where, what, err);
        goto done;
      }
    snprintf(where, sizeof where, "/controls/%d/title", i);
    if (!line_ok(t, CA_MAX_CONTROL_TITLE_BYTES)) {
      snprintf(what, sizeof what, "the requirement's title: a one-line string of 1 to %d bytes", CA_MAX_CONTROL_TITLE_BYTES);
      cat_bad(path, where, what, err);
      goto done;
    }
    snprintf(where, sizeof where, "/controls/%d/note", i);
    if (note && !line_ok(note, 4 * CA_MAX_CONTROL_TITLE_BYTES)) {
      cat_bad(path, where, "a one-line string (where the title comes from, when not the source)", err);
      goto done;
    }
    /* rules: IDs of existing rules (any pack's) that decide this control too */
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(c, "rules"), *r;
    snprintf(where, sizeof where, "/controls/%d/rules", i);
    if (rules && (!cJSON_IsArray(rules) || cJSON_GetArraySize(rules) > CA_MAX_RULES_PER_PACK)) {
      cat_bad(path, where, "a list of rule IDs (such as \"BASE-CW-001\") whose findings decide this control too", err);
      goto done;
    }
    int ri = 0;
    cJSON_ArrayForEach(r, rules) {
      snprintf(where, sizeof where, "/controls/%d/rules/%d", i, ri++);
      int ok = line_ok(r, 64);
      for (const char *q = ok ? r->valuestring : ""; *q; q++) ok &= (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '-';
      if (!ok) {
        cat_bad(path, where, "a rule ID: capitals, digits and dashes, as PACK-AREA-NNN", err);
        goto done;
      }
    }
    i++;
  }
  char hex[65];
  ca_sha256_hex(f->src, f->len, hex);
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "name", fw->valuestring);
  cJSON_AddStringToObject(e, "title", title ? title->valuestring : fw->valuestring);
  cJSON_AddStringToObject(e, "version", version->valuestring);
  cJSON_AddStringToObject(e, "source", source->valuestring);
  cJSON_AddStringToObject(e, "pack", pack);
  cJSON_AddStringToObject(e, "file", f->rel);
  cJSON_AddStringToObject(e, "sha256", hex);
  cJSON_AddItemToObject(e, "controls", cJSON_Duplicate(list, 1));
  *out = e;
  rc = 0;
done:
  cJSON_Delete(doc);
  return rc;
}

const cJSON *ca_packs_catalogue(const ca_packset *ps, const char *name) {
  const cJSON *e;
  cJSON_ArrayForEach(e, ps->catalogues)
    if (!strcmp(jstr(e, "name"), name)) return e;
  return NULL;
}

/* Where two catalogues of one framework first differ, as a pointer. */
static void first_difference(const cJSON *a, const cJSON *b, char *out, size_t n) {
  static const char *const k[] = {"title", "version", "source", NULL};
  for (int i = 0; k[i]; i++)
    if (strcmp(jstr(a, k[i]), jstr(b, k[i]))) {
      snprintf(out, n, "/%s", k[i]);
      return;
    }
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, "controls")->child, *y = cJSON_GetObjectItemCaseSensitive(b, "controls")->child;
  int i = 0;
  for (; x && y && cJSON_Compare(x, y, 1); x = x->next, y = y->next) i++;
  snprintf(out, n, "/controls/%d", i);
}

/* Adds the catalogue of controls.json (f, opened as path) of pack to ps:
 * the same framework again must come with the same catalogue. */
static int catalogue_add(ca_packset *ps, const ca_file *f, const char *pack, char **declares, ca_err *err) {
  cJSON *e;
  if (catalogue_parse(f->path, f, pack, &e, err)) return -1;
  if (declares && !(*declares = strdup(jstr(e, "name")))) { cJSON_Delete(e); return ca_errf(err, CA_EXIT_RUN, "out of memory"); }
  if (!ps->catalogues && !(ps->catalogues = cJSON_CreateArray())) { cJSON_Delete(e); return ca_errf(err, CA_EXIT_RUN, "out of memory"); }
  int i = 0;
  const cJSON *o;
  cJSON_ArrayForEach(o, ps->catalogues) {
    if (strcmp(jstr(o, "name"), jstr(e, "name"))) { i++; continue; }
    int same = 1;
    static const char *const k[] = {"title", "version", "source", NULL};
    for (int j = 0; k[j]; j++) same &= !strcmp(jstr(o, k[j]), jstr(e, k[j]));
    same = same && cJSON_Compare(cJSON_GetObjectItemCaseSensitive(o, "controls"), cJSON_GetObjectItemCaseSensitive(e, "controls"), 1);
    char at[64];
    if (!same) first_difference(o, e, at, sizeof at);
    cJSON_Delete(e);
    if (same) return 0;   /* one catalogue, declared twice: the first names it */
    return ca_errf(err, CA_EXIT_USAGE, "%s: %s: framework %s is declared by %s too, with a different catalogue "
                   "(they first differ there): a framework has one catalogue; let one pack declare it",
                   f->path, at, jstr(o, "name"), ps->catalogue_paths[i]);
  }
  if (cJSON_GetArraySize(ps->catalogues) == CA_MAX_FRAMEWORKS) {
    cJSON_Delete(e);
    return ca_errf(err, CA_EXIT_USAGE, "%s: more than %d frameworks declared", f->path, CA_MAX_FRAMEWORKS);
  }
  char **v = realloc(ps->catalogue_paths, (size_t)(i + 1) * sizeof *v);
  if (!v || !(v[i] = strdup(f->path))) {
    if (v) ps->catalogue_paths = v;
    cJSON_Delete(e);
    return ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  ps->catalogue_paths = v;
  cJSON_AddItemToArray(ps->catalogues, e);
  return 0;
}

/* The catalogue of a pack folder that is not selected: read, checked, added. */
static int catalogue_of_dir(ca_packset *ps, const char *dir, const char *name, ca_err *err) {
  char path[PATH_MAX], rel[PATH_MAX];
  snprintf(path, sizeof path, "%s/controls.json", dir);
  snprintf(rel, sizeof rel, "%s/controls.json", name);
  if (!ca_is_file(path)) return 0;
  ca_fileset one = {0};
  if (add_file(&one, path, rel, err)) return -1;
  int rc = catalogue_add(ps, &one.v[0], name, NULL, err);
  ca_fileset_free(&one);
  return rc;
}

/* Inserts {fw, id} into a rule's controls (meta.controls) unless it is
 * there, keeping the frameworks in ca_framework_cmp order. */
static void add_control(cJSON *controls, const char *fw, const char *id) {
  const cJSON *c;
  int at = 0;
  cJSON_ArrayForEach(c, controls) {
    if (!strcmp(jstr(c, "framework"), fw) && !strcmp(jstr(c, "id"), id)) return;
    if (ca_framework_cmp(jstr(c, "framework"), fw) <= 0) at++;
  }
  cJSON *x = cJSON_CreateObject();
  cJSON_AddStringToObject(x, "framework", fw);
  cJSON_AddStringToObject(x, "id", id);
  ca_json_insert(controls, at, x);
}

void ca_packs_crosswalk(const ca_packset *ps, cJSON *meta) {
  const cJSON *cat, *c, *r;
  const char *id = jstr(meta, "id");
  cJSON *controls = cJSON_GetObjectItemCaseSensitive(meta, "controls");
  cJSON_ArrayForEach(cat, (id && controls ? ps->catalogues : NULL))
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(cat, "controls"))
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(c, "rules"))
        if (!strcmp(r->valuestring, id)) add_control(controls, jstr(cat, "name"), jstr(c, "id"));
}

int ca_packs_check_controls(const ca_packset *ps, const cJSON *meta, char *why, size_t n) {
  const cJSON *c, *x;
  const char *id = jstr(meta, "id");
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(meta, "controls")) {
    const char *fw = jstr(c, "framework"), *cid = jstr(c, "id");
    const cJSON *cat = fw ? ca_packs_catalogue(ps, fw) : NULL;
    if (!cat) {
      snprintf(why, n, "rule %s maps to framework %s, which no pack declares: a pack that claims it lists its "
               "controls in controls.json (docs/policies.md)", id ? id : "?", fw ? fw : "?");
      return -1;
    }
    int found = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(cat, "controls")) found |= cid && !strcmp(jstr(x, "id"), cid);
    if (!found) {
      snprintf(why, n, "rule %s maps to %s control \"%.64s\", which %s does not list (its %d controls are the ones a "
               "rule may name)", id ? id : "?", fw, cid ? cid : "?", jstr(cat, "file"),
               cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cat, "controls")));
      return -1;
    }
  }
  return 0;
}

static int push_pack(ca_packset *ps, ca_pack *p, ca_err *err) {
  for (size_t i = 0; i < ps->n; i++)
    if (!strcmp(ps->v[i]->name, p->name)) {
      ca_errf(err, CA_EXIT_USAGE, "two packs are named \"%s\": %s and %s", p->name, ps->v[i]->dir, p->dir);
      pack_free(p);
      return -1;
    }
  ca_pack **v = realloc(ps->v, (ps->n + 1) * sizeof *v);
  if (!v) { pack_free(p); return ca_errf(err, CA_EXIT_RUN, "out of memory"); }
  ps->v = v;
  ps->v[ps->n++] = p;
  return 0;
}

static int wanted(const char *name, const char *const *only, size_t nonly) {
  if (!nonly) return 1;
  for (size_t i = 0; i < nonly; i++) if (!strcmp(only[i], name)) return 1;
  return 0;
}

int ca_packs_find(const char *const *roots, size_t nroots, const char *const *only, size_t nonly,
                  ca_packset *out, ca_err *err) {
  out->v = NULL;
  out->n = 0;
  for (size_t r = 0; r < nroots; r++) {
    char probe[PATH_MAX], lib[PATH_MAX];
    if (!ca_is_dir(roots[r])) {
      ca_packset_free(out);
      return ca_errf(err, CA_EXIT_USAGE, "%s: not a folder of policy packs", roots[r]);
    }
    snprintf(probe, sizeof probe, "%s/pack.lua", roots[r]);
    if (ca_is_file(probe)) {                     /* one pack */
      char real[PATH_MAX];
      if (!realpath(roots[r], real)) snprintf(real, sizeof real, "%s", roots[r]);
      char *base = strrchr(real, '/');
      snprintf(lib, sizeof lib, "%.*s/lib", (int)(base ? base - real : 0), real);
      ca_pack *p;
      const char *name = base ? base + 1 : real;
      int rc = wanted(name, only, nonly)
                   ? load_pack_dir(roots[r], name, lib, &p, err) || push_pack(out, p, err) ||
                         (p->controls.src && catalogue_add(out, &p->controls, p->name, &p->declares, err))
                   : catalogue_of_dir(out, roots[r], name, err);
      if (rc) {
        ca_packset_free(out);
        return -1;
      }
      continue;
    }
    char **names;
    size_t n;
    if (ca_list_dir(roots[r], &names, &n, err)) { ca_packset_free(out); return -1; }
    snprintf(lib, sizeof lib, "%s/lib", roots[r]);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
      char dir[PATH_MAX];
      snprintf(dir, sizeof dir, "%s/%s", roots[r], names[i]);
      snprintf(probe, sizeof probe, "%s/pack.lua", dir);
      if (!ca_is_file(probe)) continue;
      if (!wanted(names[i], only, nonly)) {   /* its catalogue still counts: other packs' rules map to it */
        rc = catalogue_of_dir(out, dir, names[i], err);
        continue;
      }
      ca_pack *p;
      rc = load_pack_dir(dir, names[i], lib, &p, err) || push_pack(out, p, err) ||
           (p->controls.src && catalogue_add(out, &p->controls, p->name, &p->declares, err));
    }
    ca_free_list(names);
    if (rc) { ca_packset_free(out); return -1; }
  }
  /* The built-in frameworks' catalogues ship with the tool: known whatever
   * the roots (policy test DIR, --policies with a pack of one's own); an
   * identical declaration again is one, a different one an error. */
  char **names;
  size_t nb;
  const char *builtin = ca_builtin_policies();
  if (ca_is_dir(builtin)) {
    if (ca_list_dir(builtin, &names, &nb, err)) { ca_packset_free(out); return -1; }
    int rc = 0;
    for (size_t i = 0; i < nb && !rc; i++) {
      char dir[PATH_MAX];
      snprintf(dir, sizeof dir, "%s/%s", builtin, names[i]);
      if (ca_is_dir(dir)) rc = catalogue_of_dir(out, dir, names[i], err);
    }
    ca_free_list(names);
    if (rc) { ca_packset_free(out); return -1; }
  }
  for (size_t i = 0; i < nonly; i++) {
    int found = 0;
    for (size_t k = 0; k < out->n; k++) found |= !strcmp(out->v[k]->name, only[i]);
    if (!found) {
      ca_packset_free(out);
      return ca_errf(err, CA_EXIT_USAGE, "--pack %s: no such pack (looked in %s%s)", only[i],
                     nroots ? roots[0] : "", nroots > 1 ? " and the --policies folders" : "");
    }
  }
  if (!out->n) return ca_errf(err, CA_EXIT_USAGE, "no policy packs found (a pack is a folder with a pack.lua)");
  return 0;
}

/* ---- pack.lua ------------------------------------------------------------- */

static int packlua_child(void *arg, int fd) {
  ca_pack *p = arg;
  ca_limits lim = {.check_instructions = CA_PACK_INSTRUCTIONS, .rule_instructions = CA_PACK_INSTRUCTIONS,
                   .memory = 16L << 20, .timeout_s = CA_PACK_TIMEOUT_S - 1};
  char why[1024], chunk[600];
  ca_sandbox *sb = ca_sandbox_new(&lim, NULL);       /* no require in pack.lua */
  cJSON *line = cJSON_CreateObject();
  snprintf(chunk, sizeof chunk, "@policies/%s", p->packlua.rel);
  if (!sb) {
    cJSON_AddStringToObject(line, "load_error", "cannot create a Lua state");
  } else if (ca_sandbox_run_chunk(sb, chunk, p->packlua.src, p->packlua.len, why, sizeof why)) {
    cJSON_AddStringToObject(line, "load_error", why);
  } else {
    cJSON *meta = lua_istable(ca_sandbox_state(sb), -1)
                      ? ca_lua_to_json(ca_sandbox_state(sb), -1, 0, why, sizeof why) : NULL;
    if (meta) cJSON_AddItemToObject(line, "pack", meta);
    else cJSON_AddStringToObject(line, "load_error", lua_istable(ca_sandbox_state(sb), -1) ? why : "pack.lua must return a table");
  }
  ca_emit(fd, line);
  cJSON_Delete(line);
  ca_sandbox_free(sb);
  return 0;
}

/* The frameworks ps declares, "A, B, C", for messages. */
static void known_frameworks(const ca_packset *ps, char *out, size_t n) {
  const cJSON *e;
  size_t k = 0;
  out[0] = 0;
  cJSON_ArrayForEach(e, ps->catalogues) {
    int w = snprintf(out + k, n - k, "%s%s", k ? ", " : "", jstr(e, "name"));
    if (w < 0 || (size_t)w >= n - k) break;
    k += (size_t)w;
  }
  if (!k) snprintf(out, n, "none");
}

static int check_meta(const ca_packset *ps, ca_pack *p, ca_err *err) {
  const char *name = jstr(p->meta, "name"), *version = jstr(p->meta, "version"), *fw = jstr(p->meta, "framework");
  if (!name || strcmp(name, p->name))
    return ca_errf(err, CA_EXIT_USAGE, "%s: name must be \"%s\", the folder's name", p->packlua.rel, p->name);
  if (!version) return ca_errf(err, CA_EXIT_USAGE, "%s: version must be a string", p->packlua.rel);
  char declared[512];
  known_frameworks(ps, declared, sizeof declared);
  if (!fw || !ca_packs_catalogue(ps, fw))
    return ca_errf(err, CA_EXIT_USAGE, "%s: framework must name a framework a pack declares in its controls.json "
                   "(declared: %s)%s", p->packlua.rel, declared, fw ? "" : "; it is missing");
  if (p->declares && strcmp(p->declares, fw))
    return ca_errf(err, CA_EXIT_USAGE, "%s: framework is \"%s\", but the pack's %s declares %s: a pack declares "
                   "the catalogue of the framework it claims", p->packlua.rel, fw, p->controls.rel, p->declares);
  for (const cJSON *k = p->meta->child; k; k = k->next) {
    static const char *const known[] = {"name", "version", "framework", "description", "params", NULL};
    int kn = 0;
    for (int i = 0; known[i]; i++) kn |= !strcmp(known[i], k->string);
    if (!kn) return ca_errf(err, CA_EXIT_USAGE, "%s: unknown field \"%s\"", p->packlua.rel, k->string);
  }
  const cJSON *params = cJSON_GetObjectItemCaseSensitive(p->meta, "params");
  if (params && !cJSON_IsObject(params) && !(cJSON_IsArray(params) && cJSON_GetArraySize(params) == 0))
    return ca_errf(err, CA_EXIT_USAGE, "%s: params must be a table of name = default value", p->packlua.rel);
  p->params = cJSON_IsObject(params) ? cJSON_Duplicate(params, 1) : cJSON_CreateObject();
  return 0;
}

static int same_kind(const cJSON *a, const cJSON *b) {
  if (cJSON_IsBool(a)) return cJSON_IsBool(b);
  /* an empty Lua table reads as [], so arrays and objects are told apart only when non-empty */
  if (cJSON_IsArray(a) || cJSON_IsObject(a))
    return (cJSON_IsArray(b) || cJSON_IsObject(b)) &&
           (cJSON_IsArray(a) == cJSON_IsArray(b) || !cJSON_GetArraySize(a) || !cJSON_GetArraySize(b));
  return (a->type & 0xff) == (b->type & 0xff);
}

static int apply_params(ca_pack *p, const cJSON *overrides, const char *label, ca_err *err) {
  const cJSON *mine = cJSON_GetObjectItemCaseSensitive(overrides, p->name);
  if (!mine) return 0;
  if (!cJSON_IsObject(mine))
    return ca_errf(err, CA_EXIT_USAGE, "%s: /%s: expected an object of parameter = value", label, p->name);
  for (const cJSON *o = mine->child; o; o = o->next) {
    const cJSON *def = cJSON_GetObjectItemCaseSensitive(p->params, o->string);
    if (!def) {
      ca_buf names;
      ca_buf_init(&names, 4096);
      for (const cJSON *d = p->params->child; d; d = d->next) ca_buf_printf(&names, "%s%s", names.len ? ", " : "", d->string);
      ca_errf(err, CA_EXIT_USAGE, "%s: /%s/%s: pack %s has no such parameter (it has: %s)", label, p->name,
              o->string, p->name, names.len ? names.data : "none");
      ca_buf_free(&names);
      return -1;
    }
    if (!same_kind(def, o))
      return ca_errf(err, CA_EXIT_USAGE, "%s: /%s/%s: expected a value of the same kind as the default", label,
                     p->name, o->string);
    cJSON_ReplaceItemInObjectCaseSensitive(p->params, o->string, cJSON_Duplicate(o, 1));
  }
  return 0;
}

int ca_packs_load(ca_packset *ps, const cJSON *params, const char *params_label, ca_err *err) {
  if (params && !cJSON_IsObject(params))
    return ca_errf(err, CA_EXIT_USAGE, "%s: expected an object {\"<pack>\": {\"<parameter>\": value}}", params_label);
  ca_proc *procs = calloc(ps->n ? ps->n : 1, sizeof *procs);
  if (!procs) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  for (size_t i = 0; i < ps->n; i++) {
    procs[i].fn = packlua_child;
    procs[i].arg = ps->v[i];
    procs[i].timeout_s = CA_PACK_TIMEOUT_S;
  }
  int rc = ca_procs_run(procs, ps->n, 0, err);
  for (size_t i = 0; i < ps->n && !rc; i++) {
    ca_pack *p = ps->v[i];
    char how[256];
    ca_proc_describe(&procs[i], how, sizeof how);
    cJSON *line = procs[i].out.data ? cJSON_Parse(procs[i].out.data) : NULL;
    ca_json_make_utf8(line);   /* pack.lua's strings reach results.json and params as UTF-8 */
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(line, "pack");
    const char *lerr = jstr(line, "load_error");
    ca_err perr = {0};
    if (how[0]) ca_errf(&perr, CA_EXIT_USAGE, "%s: %s", p->packlua.rel, how);
    else if (lerr) ca_errf(&perr, CA_EXIT_USAGE, "%s: %s", p->packlua.rel, lerr);
    else if (!cJSON_IsObject(meta)) ca_errf(&perr, CA_EXIT_USAGE, "%s: gave no metadata", p->packlua.rel);
    else {
      p->meta = cJSON_Duplicate(meta, 1);
      check_meta(ps, p, &perr);
    }
    if (perr.code) {
      p->error = strdup(perr.msg);
      cJSON_Delete(p->params);
      p->params = cJSON_CreateObject();
    } else if (params) {
      rc = apply_params(p, params, params_label, err);
    }
    cJSON_Delete(line);
  }
  ca_procs_free(procs, ps->n);
  free(procs);
  return rc;
}
