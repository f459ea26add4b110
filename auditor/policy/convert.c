#include "policy/convert.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "policy/view.h"

#define OBJECT_MT "connect-auditor.object"
#define MAX_DEPTH 64

void ca_push_null(lua_State *L) { lua_pushlightuserdata(L, NULL); }

int ca_lua_object(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_newmetatable(L, OBJECT_MT);
  lua_setmetatable(L, 1);
  lua_settop(L, 1);
  return 1;
}

static int is_object_marked(lua_State *L, int idx) {
  if (!lua_getmetatable(L, idx)) return 0;
  luaL_getmetatable(L, OBJECT_MT);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same;
}

static cJSON *conv(lua_State *L, int idx, int depth, char *why, size_t n);

static cJSON *conv_table(lua_State *L, int idx, int depth, char *why, size_t n) {
  lua_Integer count = 0, maxk = 0;
  int strkeys = 0, other = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) strkeys++;
    else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
      count++;
      if (lua_tointeger(L, -1) > maxk) maxk = lua_tointeger(L, -1);
    } else other++;
  }
  if (other || (strkeys && count)) {
    snprintf(why, n, "a table mixes list items and named fields (or has keys that are neither)");
    return NULL;
  }
  if (!strkeys && maxk != count) {
    snprintf(why, n, "a list has holes (nil items)");
    return NULL;
  }
  int as_object = strkeys || (count == 0 && is_object_marked(L, idx));
  cJSON *out = as_object ? cJSON_CreateObject() : cJSON_CreateArray();
  if (!out) { snprintf(why, n, "out of memory"); return NULL; }
  if (!as_object) {
    for (lua_Integer i = 1; i <= count; i++) {
      lua_geti(L, idx, i);
      cJSON *item = conv(L, lua_gettop(L), depth + 1, why, n);
      lua_pop(L, 1);
      if (!item) { cJSON_Delete(out); return NULL; }
      cJSON_AddItemToArray(out, item);
    }
    return out;
  }
  /* Objects: keys sorted, so output never depends on Lua's hash order. */
  lua_newtable(L);
  int keys = lua_gettop(L);
  lua_Integer nk = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, keys, ++nk);
  }
  /* insertion sort: objects here are small (metadata, evidence) */
  for (lua_Integer i = 2; i <= nk; i++) {
    for (lua_Integer j = i; j > 1; j--) {
      lua_rawgeti(L, keys, j - 1);
      lua_rawgeti(L, keys, j);
      int gt = strcmp(lua_tostring(L, -2), lua_tostring(L, -1)) > 0;
      if (gt) { lua_rawseti(L, keys, j - 1); lua_rawseti(L, keys, j); }
      else { lua_pop(L, 2); break; }
    }
  }
  for (lua_Integer i = 1; i <= nk; i++) {
    lua_rawgeti(L, keys, i);
    lua_rawget(L, idx);
    cJSON *item = conv(L, lua_gettop(L), depth + 1, why, n);
    if (!item) { lua_pop(L, 2); cJSON_Delete(out); return NULL; }
    lua_rawgeti(L, keys, i);
    cJSON_AddItemToObject(out, lua_tostring(L, -1), item);
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  return out;
}

static cJSON *conv(lua_State *L, int idx, int depth, char *why, size_t n) {
  if (depth > MAX_DEPTH) {
    snprintf(why, n, "nested more than %d levels (a cycle?)", MAX_DEPTH);
    return NULL;
  }
  if (!lua_checkstack(L, 8)) { snprintf(why, n, "Lua stack exhausted"); return NULL; }
  switch (lua_type(L, idx)) {
  case LUA_TBOOLEAN: return cJSON_CreateBool(lua_toboolean(L, idx));
  case LUA_TSTRING: {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (strlen(s) != len) { snprintf(why, n, "a string holds a NUL byte"); return NULL; }
    return cJSON_CreateString(s);
  }
  case LUA_TNUMBER: {
    if (lua_isinteger(L, idx)) return cJSON_CreateNumber((double)lua_tointeger(L, idx));
    double d = lua_tonumber(L, idx);
    if (!isfinite(d)) { snprintf(why, n, "a number is not finite (JSON has no NaN or infinity)"); return NULL; }
    return cJSON_CreateNumber(d);
  }
  case LUA_TLIGHTUSERDATA:
    if (!lua_touserdata(L, idx)) return cJSON_CreateNull();
    break;
  case LUA_TUSERDATA: {
    const cJSON *node = ca_view_node(L, idx);
    if (node) return cJSON_Duplicate(node, 1);
    break;
  }
  case LUA_TTABLE:
    return conv_table(L, idx, depth, why, n);
  default:
    break;
  }
  snprintf(why, n, "a %s cannot be written as JSON", luaL_typename(L, idx));
  return NULL;
}

cJSON *ca_lua_to_json(lua_State *L, int idx, int allow_nil, char *why, size_t whylen) {
  idx = lua_absindex(L, idx);
  if (lua_isnil(L, idx)) {
    if (!allow_nil) snprintf(why, whylen, "a value is missing (nil)");
    else why[0] = '\0';
    return NULL;
  }
  return conv(L, idx, 0, why, whylen);
}
