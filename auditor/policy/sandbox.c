#include "policy/sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"

/* Lua's small blocks (tables, strings, closures, views: most are under
 * 256 bytes) come from size classes of 16 bytes carved out of 1 MiB slabs
 * of the sandbox's own, and a freed one goes on its class's list for the
 * next: no allocator bookkeeping per block, and in a rule process no writes
 * into the heap pages it shares with the parent (each would copy a page).
 * Blocks up to 8 KiB (the compiler's growing code and constant arrays, table
 * parts) come from classes of powers of two the same way: from malloc they
 * were about a third of a small rule process's page faults, glibc carving
 * them out of the parent's freed chunks all over its heap (issue 12).
 * The books (used, peak, the cap) count what Lua asks for, exactly as with
 * realloc, so budgets and results are the same.  Under AddressSanitizer
 * the blocks stay malloc's, so it still sees every one. */
#if defined(__SANITIZE_ADDRESS__)
#define CA_LUA_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CA_LUA_POOL 0
#endif
#endif
#ifndef CA_LUA_POOL
#define CA_LUA_POOL 1
#endif
#define POOL_STEP 16
#define POOL_SMALL 256          /* classes of 16 bytes up to here ... */
#define POOL_SMALL_CLASSES (POOL_SMALL / POOL_STEP)
#define POOL_MAX 8192           /* ... then powers of two up to here */
#define POOL_CLASSES (POOL_SMALL_CLASSES + 5)
#define SLAB_BYTES ((size_t)1 << 20)

typedef struct slab { struct slab *next; } slab;
typedef struct pool {
  void *free[POOL_CLASSES];   /* a freed block holds the next one's address */
  char *cur;                  /* the unused rest of the newest slab */
  size_t left;
  slab *slabs;
} pool;

struct ca_sandbox {
  pool pool;
  lua_State *L;
  size_t used, limit, peak;
  int refused;                 /* an allocation was refused since check_begin */
  long check_insn, rule_insn;  /* executed */
  long check_max, rule_max;
  int shared;                  /* inside ca_sandbox_call_shared: no check budget */
  const char *killed;          /* why the running code is being stopped */
  int rule_killed;             /* the stop covers the rest of the rule */
  const ca_fileset *libs;
  int env_extra;               /* registry ref: table of extra globals */
};

void ca_limits_default(ca_limits *lim) {
  lim->check_instructions = CA_CHECK_INSTRUCTIONS;
  lim->rule_instructions = CA_RULE_INSTRUCTIONS;
  lim->rule_instructions_per_resource = CA_RULE_INSTRUCTIONS_PER_RESOURCE;
  lim->memory = CA_RULE_MEMORY;
  lim->timeout_s = CA_RULE_TIMEOUT_S;
}

/* Refuses growth past the cap; shrinking and freeing always succeed
 * (ltests.c debug_realloc keeps the same books).  Lua answers a refusal
 * with an emergency collection and, failing that, a memory error. */
static size_t pool_class(size_t n) {
  if (n <= POOL_SMALL) return (n - 1) / POOL_STEP;
  size_t c = POOL_SMALL_CLASSES, k = 2 * POOL_SMALL;
  while (k < n) { k <<= 1; c++; }
  return c;
}
static size_t class_bytes(size_t c) {
  return c < POOL_SMALL_CLASSES ? (c + 1) * POOL_STEP : (size_t)POOL_SMALL << (c - POOL_SMALL_CLASSES + 1);
}

static void *pool_get(pool *pl, size_t n) {
  size_t c = pool_class(n);
  void *p = pl->free[c];
  if (p) {
    pl->free[c] = *(void **)p;
    return p;
  }
  size_t k = class_bytes(c);
  if (pl->left < k) {
    slab *sl = malloc(SLAB_BYTES);
    if (!sl) return NULL;
    sl->next = pl->slabs;
    pl->slabs = sl;
    pl->cur = (char *)sl + POOL_STEP;   /* the link, kept 16-byte aligned */
    pl->left = SLAB_BYTES - POOL_STEP;
  }
  p = pl->cur;
  pl->cur += k;
  pl->left -= k;
  return p;
}

static void pool_put(pool *pl, void *p, size_t n) {
  size_t c = pool_class(n);
  *(void **)p = pl->free[c];
  pl->free[c] = p;
}

static void pool_free_all(pool *pl) {
  for (slab *sl = pl->slabs, *next; sl; sl = next) {
    next = sl->next;
    free(sl);
  }
  memset(pl, 0, sizeof *pl);
}

/* realloc, with Lua's small blocks from the pool; old is the block's size. */
static void *block_realloc(pool *pl, void *ptr, size_t old, size_t nsize) {
  if (!CA_LUA_POOL) return realloc(ptr, nsize);
  int was = ptr && old <= POOL_MAX, will = nsize <= POOL_MAX;
  if (was && will && pool_class(old) == pool_class(nsize)) return ptr;
  if (!was && !will) return realloc(ptr, nsize);
  void *p = will ? pool_get(pl, nsize) : malloc(nsize);
  if (!p) return NULL;
  if (ptr) {
    memcpy(p, ptr, old < nsize ? old : nsize);
    if (was) pool_put(pl, ptr, old);
    else free(ptr);
  }
  return p;
}

static void block_free(pool *pl, void *ptr, size_t old) {
  if (!ptr) return;
  if (CA_LUA_POOL && old <= POOL_MAX) pool_put(pl, ptr, old);
  else free(ptr);
}

static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  ca_sandbox *sb = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    block_free(&sb->pool, ptr, old);
    sb->used -= old;
    return NULL;
  }
  if (nsize > old && nsize - old > sb->limit - sb->used) {
    sb->refused = 1;
    return NULL;
  }
  void *p = block_realloc(&sb->pool, ptr, old, nsize);
  if (p) {
    sb->used = sb->used - old + nsize;
    if (sb->used > sb->peak) sb->peak = sb->used;
  }
  return p;
}

static void hook(lua_State *L, lua_Debug *ar);

/* From here on every instruction raises again, so a pcall in the rule cannot
 * swallow the stop (Redis re-arms its kill hook the same way). */
static void stop(lua_State *L, ca_sandbox *sb, const char *why, int whole_rule) {
  sb->killed = why;
  sb->rule_killed |= whole_rule;
  lua_sethook(L, hook, LUA_MASKCOUNT, 1);
  luaL_error(L, "%s", why);
}

static void hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  void *ud;
  lua_getallocf(L, &ud);
  ca_sandbox *sb = ud;
  if (sb->killed) luaL_error(L, "%s", sb->killed);
  sb->check_insn += CA_HOOK_EVERY;
  sb->rule_insn += CA_HOOK_EVERY;
  if (sb->rule_insn > sb->rule_max) stop(L, sb, "instruction budget of the rule exhausted", 1);
  if (!sb->shared && sb->check_insn > sb->check_max) stop(L, sb, "instruction budget of one check exhausted", 0);
}

static int panic(lua_State *L) {
  const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
  fprintf(stderr, "connect-auditor: Lua panic in a rule process: %s\n", m);
  _Exit(70);
}

/* ---- environments ----------------------------------------------------- */

static const char *const base_allowed[] = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawlen", "rawget",
  "rawset", "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type",
  "xpcall", "_VERSION", NULL};
static const char *const libs_allowed[] = {"string", "table", "math", "utf8", NULL};

static void copy_table(lua_State *L, int src) {
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, src)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
}

static int l_require(lua_State *L);

/* Pushes a fresh environment: copies of the allowed functions and libraries,
 * so what one chunk does to its globals no other chunk sees. */
static void push_env(lua_State *L, ca_sandbox *sb) {
  lua_newtable(L);
  int env = lua_gettop(L);
  lua_pushglobaltable(L);
  int g = lua_gettop(L);
  for (const char *const *k = base_allowed; *k; k++) {
    lua_getfield(L, g, *k);
    lua_setfield(L, env, *k);
  }
  for (const char *const *k = libs_allowed; *k; k++) {
    lua_getfield(L, g, *k);
    copy_table(L, lua_gettop(L));
    lua_setfield(L, env, *k);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (sb->libs) {
    lua_pushlightuserdata(L, sb);
    lua_pushcclosure(L, l_require, 1);
    lua_setfield(L, env, "require");
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, sb->env_extra);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, env);
  }
  lua_pop(L, 1);
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
}

void ca_sandbox_set_global(ca_sandbox *sb, const char *name) {
  lua_State *L = sb->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, sb->env_extra);
  lua_insert(L, -2);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

static int load_in_env(lua_State *L, ca_sandbox *sb, const char *chunkname, const char *src, size_t len) {
  /* "t": text only; binary chunks can break the VM (Redis removed them). */
  int rc = luaL_loadbufferx(L, src, len, chunkname, "t");
  if (rc != LUA_OK) return rc;
  push_env(L, sb);
  lua_setupvalue(L, -2, 1);
  return LUA_OK;
}

/* require "a.b" -> lib/a/b.lua of the pack's library set, loaded once per state. */
static int l_require(lua_State *L) {
  ca_sandbox *sb = lua_touserdata(L, lua_upvalueindex(1));
  const char *name = luaL_checkstring(L, 1);
  size_t nlen = strlen(name);
  if (nlen == 0 || nlen > 100) return luaL_error(L, "require: bad module name");
  for (const char *p = name; *p; p++)
    if (!(*p == '_' || *p == '.' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) ||
        (*p == '.' && (p == name || p[1] == '.' || p[1] == '\0')))
      return luaL_error(L, "require: module names are words joined by dots, not \"%s\"", name);
  lua_getfield(L, LUA_REGISTRYINDEX, "ca.loaded");
  lua_getfield(L, -1, name);
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  char rel[160];
  snprintf(rel, sizeof rel, "lib/%s.lua", name);
  for (char *p = rel + 4; *p; p++) if (*p == '.' && strcmp(p, ".lua")) *p = '/';
  const ca_file *f = NULL;
  for (size_t i = 0; i < sb->libs->n && !f; i++)
    if (!strcmp(sb->libs->v[i].rel, rel)) f = &sb->libs->v[i];
  if (!f) return luaL_error(L, "require: no module \"%s\" in policies/lib (looked for %s)", name, rel);
  /* Mark it loading, so a require cycle ends in an error, not a stack overflow. */
  lua_pushliteral(L, "(loading)");
  lua_setfield(L, -2, name);
  char chunk[200];
  snprintf(chunk, sizeof chunk, "@policies/%s", rel);
  if (load_in_env(L, sb, chunk, f->src, f->len) != LUA_OK) return lua_error(L);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushboolean(L, 1); }
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, name);
  return 1;
}

/* ---- life cycle ------------------------------------------------------- */

static int setup(lua_State *L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_settop(L, 0);
  /* string.dump is reachable through every string's metatable (("").dump),
   * not only through the copy in the environment: remove it at the source. */
  lua_getglobal(L, "string");
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  /* math.random seeds from the clock and an address: results would differ
   * between runs of the same audit. */
  lua_getglobal(L, "math");
  lua_pushnil(L);
  lua_setfield(L, -2, "random");
  lua_pushnil(L);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
  /* getmetatable("") gives a placeholder, so nobody reaches string's real table. */
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "ca.loaded");
  return 0;
}

ca_sandbox *ca_sandbox_new(const ca_limits *lim, const ca_fileset *libs) {
  ca_sandbox *sb = calloc(1, sizeof *sb);
  if (!sb) return NULL;
  sb->limit = lim->memory;
  sb->check_max = lim->check_instructions;
  sb->rule_max = lim->rule_instructions;
  sb->libs = libs;
  sb->L = lua_newstate(l_alloc, sb);
  if (!sb->L) { pool_free_all(&sb->pool); free(sb); return NULL; }
  lua_atpanic(sb->L, panic);
  lua_pushcfunction(sb->L, setup);
  if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) { ca_sandbox_free(sb); return NULL; }
  lua_newtable(sb->L);
  sb->env_extra = luaL_ref(sb->L, LUA_REGISTRYINDEX);
  /* Generational collection: a rule process makes mostly short-lived
   * garbage (each check's resource table, views, strings), which a minor
   * collection frees without traversing what lives for the whole rule (the
   * loaded libraries, ctx:once's values).  BASE-USR-002 at 20k users: 16%
   * less CPU and a fifth less peak memory than incremental (bench/README.md). */
  lua_gc(sb->L, LUA_GCGEN, 0, 0);
  lua_sethook(sb->L, hook, LUA_MASKCOUNT, CA_HOOK_EVERY);
  return sb;
}

int ca_sandbox_adopt(ca_sandbox *sb, const ca_limits *lim, const ca_fileset *libs) {
  /* Building it under lim would have been refused somewhere (l_alloc: peak
   * past the cap): the caller builds a fresh one instead, which fails as before. */
  if (sb->peak > lim->memory || sb->killed || sb->rule_insn || sb->check_insn || sb->shared) return -1;
  sb->limit = lim->memory;
  sb->check_max = lim->check_instructions;
  sb->rule_max = lim->rule_instructions;
  sb->libs = libs;
  sb->refused = 0;
  /* resets the count to a full period: the first instruction of the rule's
   * chunk is counted from the same point as in a state built here */
  lua_sethook(sb->L, hook, LUA_MASKCOUNT, CA_HOOK_EVERY);
  return 0;
}

void ca_sandbox_free(ca_sandbox *sb) {
  if (!sb) return;
  if (sb->L) lua_close(sb->L);
  pool_free_all(&sb->pool);
  free(sb);
}

int ca_sandbox_close(ca_sandbox *sb, char *why, size_t n) {
  if (!sb) return 0;
  sb->refused = 0;
  lua_close(sb->L);
  sb->L = NULL;
  int rc = 0;
  if (sb->refused) {
    snprintf(why, n, "a finalizer at close: memory limit of %zu MiB exceeded", sb->limit >> 20);
    rc = -1;
  }
  pool_free_all(&sb->pool);
  free(sb);
  return rc;
}

lua_State *ca_sandbox_state(ca_sandbox *sb) { return sb->L; }
size_t ca_sandbox_memory(const ca_sandbox *sb) { return sb->used; }
size_t ca_sandbox_memory_peak(const ca_sandbox *sb) { return sb->peak; }
long ca_sandbox_instructions(const ca_sandbox *sb) { return sb->rule_insn; }
void ca_sandbox_set_rule_budget(ca_sandbox *sb, long instructions) { sb->rule_max = instructions; }

int ca_sandbox_call_shared(lua_State *L, int nargs, int nresults) {
  void *ud;
  lua_getallocf(L, &ud);
  ca_sandbox *sb = ud;
  long saved = sb->check_insn;
  sb->shared++;
  int rc = lua_pcall(L, nargs, nresults, 0);
  sb->shared--;
  sb->check_insn = saved;
  if (rc != LUA_OK) return lua_error(L);
  return 0;
}
void ca_sandbox_charge(lua_State *L, long n) {
  void *ud;
  if (lua_getallocf(L, &ud) != l_alloc || n <= 0) return;
  ca_sandbox *sb = ud;
  if (sb->killed) luaL_error(L, "%s", sb->killed);
  sb->check_insn += n;
  sb->rule_insn += n;
  if (sb->rule_insn > sb->rule_max) stop(L, sb, "instruction budget of the rule exhausted", 1);
  if (!sb->shared && sb->check_insn > sb->check_max) stop(L, sb, "instruction budget of one check exhausted", 0);
}

int ca_sandbox_exhausted(const ca_sandbox *sb) { return sb->rule_killed; }

void ca_sandbox_check_begin(ca_sandbox *sb) {
  sb->check_insn = 0;
  sb->refused = 0;
  if (sb->killed && !sb->rule_killed) {
    sb->killed = NULL;
    lua_sethook(sb->L, hook, LUA_MASKCOUNT, CA_HOOK_EVERY);
  }
}

int ca_sandbox_pcall(ca_sandbox *sb, int nargs, int nresults, char *why, size_t n) {
  lua_State *L = sb->L;
  int rc = lua_pcall(L, nargs, nresults, 0);
  /* A refused allocation fails the call even if the rule caught the memory
   * error with pcall and went on: it broke its limit. */
  if (rc == LUA_OK && !sb->killed && !sb->refused) return 0;
  if (sb->killed) {
    snprintf(why, n, "%s", sb->killed);
  } else if (rc == LUA_ERRMEM || sb->refused) {
    snprintf(why, n, "memory limit of %zu MiB exceeded", sb->limit >> 20);
  } else if (lua_type(L, -1) == LUA_TSTRING) {
    /* never call __tostring of an error object here: it would run rule code
     * outside protected mode */
    snprintf(why, n, "%s", lua_tostring(L, -1));
  } else {
    snprintf(why, n, "the rule raised an error object of type %s", luaL_typename(L, -1));
  }
  lua_pop(L, rc == LUA_OK ? nresults : 1);
  return -1;
}

int ca_sandbox_run_chunk(ca_sandbox *sb, const char *chunkname, const char *src, size_t len,
                         char *why, size_t n) {
  lua_State *L = sb->L;
  int rc = load_in_env(L, sb, chunkname, src, len);
  if (rc != LUA_OK) {
    if (rc == LUA_ERRMEM) snprintf(why, n, "memory limit exceeded while compiling %s", chunkname + 1);
    else snprintf(why, n, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    return -1;
  }
  return ca_sandbox_pcall(sb, 0, 1, why, n);
}
