/*
 * bridge.c -- how should the snapshot reach Lua?  One process runs one
 * variant of the bridge under one rule-like traversal, so that measure.c can
 * time it and read its peak RSS from outside:
 *
 *   bridge VARIANT RULE SNAPSHOT.json
 *
 * VARIANT  none    load the snapshot and open Lua; no rule runs (the base cost)
 *          eager   convert the whole `resources` tree to Lua tables up front,
 *                  then run the rule over its resources
 *          typed   convert up front only the `data` of the resources of the
 *                  rule's type (the engine knows it from the rule's metadata)
 *          perres  convert one resource's `data` just before its check and let
 *                  the collector take it after
 *          lazy    the engine's own read-only views (auditor/policy/view.c)
 * RULE     users   each user's SecurityProfileIds (a few fields per resource)
 *          flows   each flow's Actions: Type and a few Parameters
 *          graph   a flow-path analysis: index Actions by Identifier, then walk
 *                  every edge (NextAction, Errors, Conditions) from StartAction
 *
 * The rule is the same Lua text in every variant and returns how many items it
 * visited; the total is printed (stdout) with the Lua heap's peak, so a run
 * shows the variants did the same work.  The snapshot is loaded exactly as
 * the engine loads it (ca_snapshot_load: parse, shape check, index).
 * The Lua state is a plain one (no sandbox, no instruction hook): the hook
 * costs every variant the same, and the sandbox's memory cap is what the
 * printed peak is compared with.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "ca_limits.h"
#include "policy/view.h"
#include "snapshot/snapshot.h"

static const char rules_lua[] =
  "local M = {}\n"
  "function M.users(r)\n"
  "  local n = 0\n"
  "  for _, id in ipairs(r.data.User.SecurityProfileIds) do\n"
  "    if #id == 36 then n = n + 1 end\n"
  "  end\n"
  "  return n\n"
  "end\n"
  "function M.flows(r)\n"
  "  local n = 0\n"
  "  for _, a in ipairs(r.data.ContactFlow.Content.Actions) do\n"
  "    local t, p = a.Type, a.Parameters\n"
  "    n = n + 1\n"
  "    if p then\n"
  "      if t == 'GetParticipantInput' then\n"
  "        if p.StoreInput == 'True' and not p.InputEncryption then n = n + 1 end\n"
  "      elseif t == 'UpdateFlowLoggingBehavior' then\n"
  "        if p.FlowLoggingBehavior == 'Enabled' then n = n + 1 end\n"
  "      elseif t == 'UpdateContactRecordingBehavior' then\n"
  "        local rb = p.RecordingBehavior\n"
  "        if rb and #rb.RecordedParticipants > 0 then n = n + 1 end\n"
  "      elseif t == 'InvokeLambdaFunction' then\n"
  "        if p.LambdaFunctionARN then n = n + 1 end\n"
  "      end\n"
  "    end\n"
  "  end\n"
  "  return n\n"
  "end\n"
  "local function push_all(stack, list)\n"
  "  if not list then return end\n"
  "  for _, e in ipairs(list) do stack[#stack + 1] = e.NextAction end\n"
  "end\n"
  "function M.graph(r)\n"
  "  local c = r.data.ContactFlow.Content\n"
  "  local byid = {}\n"
  "  for _, a in ipairs(c.Actions) do byid[a.Identifier] = a end\n"
  "  local seen, stack, n = {}, {c.StartAction}, 0\n"
  "  while #stack > 0 do\n"
  "    local id = stack[#stack]\n"
  "    stack[#stack] = nil\n"
  "    local a = byid[id]\n"
  "    if a and not seen[id] then\n"
  "      seen[id] = true\n"
  "      n = n + 1\n"
  "      local tr = a.Transitions\n"
  "      if tr.NextAction then stack[#stack + 1] = tr.NextAction end\n"
  "      push_all(stack, tr.Errors)\n"
  "      push_all(stack, tr.Conditions)\n"
  "    end\n"
  "  end\n"
  "  return n\n"
  "end\n"
  "return M\n";

/* ---- the Lua heap, counted --------------------------------------------- */

typedef struct heap { size_t cur, peak; } heap;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  heap *h = ud;
  size_t old = ptr ? osize : 0;     /* with ptr NULL, osize names a type */
  if (nsize == 0) {
    free(ptr);
    h->cur -= old;
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (!p) return NULL;
  h->cur = h->cur - old + nsize;
  if (h->cur > h->peak) h->peak = h->cur;
  return p;
}

/* ---- eager conversion: the same values a view would give --------------- */

static void push_scalar(lua_State *L, const cJSON *v) {
  if (cJSON_IsString(v)) {
    lua_pushstring(L, v->valuestring);
  } else if (cJSON_IsNumber(v)) {
    double d = v->valuedouble;
    if (d == floor(d) && fabs(d) < 9007199254740992.0)
      lua_pushinteger(L, (lua_Integer)d);
    else
      lua_pushnumber(L, d);
  } else {
    lua_pushboolean(L, cJSON_IsTrue(v));   /* null reads as false, as in views */
  }
}

static int count_children(const cJSON *v) {
  int n = 0;
  for (const cJSON *c = v->child; c; c = c->next) n++;
  return n;
}

static void push_tree(lua_State *L, const cJSON *v) {
  if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) {
    push_scalar(L, v);
    return;
  }
  luaL_checkstack(L, 4, "JSON nested too deep");
  int n = count_children(v);
  if (cJSON_IsArray(v)) {
    lua_createtable(L, n, 0);
    lua_Integer i = 0;
    for (const cJSON *c = v->child; c; c = c->next) {
      push_tree(L, c);
      lua_rawseti(L, -2, ++i);
    }
    return;
  }
  lua_createtable(L, 0, n);
  for (const cJSON *c = v->child; c; c = c->next) {
    push_tree(L, c);
    lua_setfield(L, -2, c->string);
  }
}

/* ---- running the rule -------------------------------------------------- */

typedef enum { V_NONE, V_EAGER, V_TYPED, V_PERRES, V_LAZY } variant;

typedef struct run {
  lua_State *L;
  const ca_snapshot *snap;
  variant var;
  const char *rule;
  const char *type;
  int check;           /* registry ref of the rule's function */
  int eager;           /* registry ref: the converted tree (eager, typed) */
  long visited;
} run;

/* Pushes the value r.data gets for resource i of the type. */
static void push_data(run *x, const ca_resource *res, size_t i) {
  lua_State *L = x->L;
  switch (x->var) {
  case V_EAGER:        /* eager[type][arn].data */
    lua_rawgeti(L, LUA_REGISTRYINDEX, x->eager);
    lua_getfield(L, -1, res->type);
    lua_getfield(L, -1, res->arn);
    lua_getfield(L, -1, "data");
    lua_replace(L, -4);
    lua_pop(L, 2);
    break;
  case V_TYPED:        /* eager[i] */
    lua_rawgeti(L, LUA_REGISTRYINDEX, x->eager);
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    lua_remove(L, -2);
    break;
  case V_PERRES:
    push_tree(L, res->data);
    break;
  default:
    ca_view_push(L, res->data);
    break;
  }
}

/* r = {arn, type, name, region, data}, as the engine builds it. */
static void push_resource(run *x, const ca_resource *res, size_t i) {
  lua_State *L = x->L;
  lua_createtable(L, 0, 5);
  lua_pushstring(L, res->arn);
  lua_setfield(L, -2, "arn");
  lua_pushstring(L, res->type);
  lua_setfield(L, -2, "type");
  lua_pushstring(L, res->name);
  lua_setfield(L, -2, "name");
  lua_pushstring(L, res->region);
  lua_setfield(L, -2, "region");
  push_data(x, res, i);
  lua_setfield(L, -2, "data");
}

static int convert_up_front(run *x, const ca_resource *res, size_t n) {
  lua_State *L = x->L;
  if (x->var == V_EAGER) {
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(ca_snapshot_root(x->snap), "resources");
    push_tree(L, all);
  } else {
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
      push_tree(L, res[i].data);
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
  }
  x->eager = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

static int run_rule(run *x) {
  lua_State *L = x->L;
  size_t n;
  const ca_resource *res = ca_snapshot_of_type(x->snap, x->type, &n);
  if (x->var == V_EAGER || x->var == V_TYPED) convert_up_front(x, res, n);
  for (size_t i = 0; i < n; i++) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, x->check);
    push_resource(x, &res[i], i);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
      fprintf(stderr, "bridge: %s: %s\n", res[i].arn, lua_tostring(L, -1));
      return -1;
    }
    x->visited += (long)lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  return 0;
}

static int load_rule(run *x) {
  lua_State *L = x->L;
  if (luaL_loadbufferx(L, rules_lua, sizeof rules_lua - 1, "=bridge-rules", "t") != LUA_OK ||
      lua_pcall(L, 0, 1, 0) != LUA_OK) {
    fprintf(stderr, "bridge: rules: %s\n", lua_tostring(L, -1));
    return -1;
  }
  if (lua_getfield(L, -1, x->rule) != LUA_TFUNCTION) {
    fprintf(stderr, "bridge: unknown rule %s (users, flows, graph)\n", x->rule);
    return -1;
  }
  x->check = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pop(L, 1);
  return 0;
}

static int parse_variant(const char *s, variant *v) {
  static const char *const names[] = {"none", "eager", "typed", "perres", "lazy"};
  for (int i = 0; i < 5; i++)
    if (!strcmp(s, names[i])) {
      *v = (variant)i;
      return 0;
    }
  return -1;
}

int main(int argc, char **argv) {
  run x = {0};
  if (argc != 4 || parse_variant(argv[1], &x.var)) {
    fprintf(stderr, "usage: bridge none|eager|typed|perres|lazy users|flows|graph SNAPSHOT.json\n");
    return 2;
  }
  x.rule = argv[2];
  x.type = !strcmp(x.rule, "users") ? "connect_user" : "connect_contact_flow";
  ca_snapshot *snap;
  ca_err err = {0};
  if (ca_snapshot_load(argv[3], &snap, &err)) {
    fprintf(stderr, "bridge: %s\n", err.msg);
    return 1;
  }
  x.snap = snap;
  heap h = {0, 0};
  x.L = lua_newstate(counting_alloc, &h);
  int rc = x.L ? 0 : -1;
  if (!rc) {
    luaL_openlibs(x.L);
    ca_view_open(x.L);
    rc = load_rule(&x);
  }
  if (!rc && x.var != V_NONE) rc = run_rule(&x);
  if (!rc)
    printf("variant=%s rule=%s visited=%ld lua_peak_MiB=%.1f rule_memory_cap_MiB=%ld\n", argv[1], x.rule,
           x.visited, (double)h.peak / (1024.0 * 1024.0), (long)(CA_RULE_MEMORY / (1024 * 1024)));
  if (x.L) lua_close(x.L);
  ca_snapshot_free(snap);
  return rc ? 1 : 0;
}
