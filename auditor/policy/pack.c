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
}

static void hash_file(ca_sha256 *h, const ca_file *f) {
  unsigned char len[8];
  for (int i = 0; i < 8; i++) len[i] = (unsigned char)((unsigned long long)f->len >> (56 - 8 * i));
  ca_sha256_update(h, f->rel, strlen(f->rel) + 1);
  ca_sha256_update(h, len, 8);
  ca_sha256_update(h, f->src, f->len);
}

/* pack.sha256 = SHA-256 over (relative path, NUL, 8-byte length, bytes) of
 * pack.lua, every rule and test file, then every library file it can
 * require, each set in sorted order: what decides the pack's findings. */
static void pack_hash(ca_pack *p) {
  ca_sha256 *h = ca_sha256_new();
  hash_file(h, &p->packlua);
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
  char **names;
  size_t n;
  if (ca_list_dir(dir, &names, &n, err)) { pack_free(p); return -1; }
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    if (!has_suffix(names[i], ".lua") || !strcmp(names[i], "pack.lua")) continue;
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
      if (wanted(base ? base + 1 : real, only, nonly)) {
        if (load_pack_dir(roots[r], base ? base + 1 : real, lib, &p, err) || push_pack(out, p, err)) {
          ca_packset_free(out);
          return -1;
        }
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
      if (!ca_is_file(probe) || !wanted(names[i], only, nonly)) continue;
      ca_pack *p;
      rc = load_pack_dir(dir, names[i], lib, &p, err) || push_pack(out, p, err);
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

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int check_meta(ca_pack *p, ca_err *err) {
  const char *name = jstr(p->meta, "name"), *version = jstr(p->meta, "version"), *fw = jstr(p->meta, "framework");
  if (!name || strcmp(name, p->name))
    return ca_errf(err, CA_EXIT_USAGE, "%s: name must be \"%s\", the folder's name", p->packlua.rel, p->name);
  if (!version) return ca_errf(err, CA_EXIT_USAGE, "%s: version must be a string", p->packlua.rel);
  int ok = 0;
  for (int i = 0; fw && ca_frameworks[i]; i++) ok |= !strcmp(fw, ca_frameworks[i]);
  if (!ok) return ca_errf(err, CA_EXIT_USAGE, "%s: framework must be one of PCI-DSS-4.0, HIPAA, PII, BASELINE", p->packlua.rel);
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
      check_meta(p, &perr);
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
