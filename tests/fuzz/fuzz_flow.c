/*
 * libFuzzer target: contact flow Content.  The input is one flow's Content;
 * it goes into a snapshot through the loader (ca_snapshot_adopt checks its
 * shape), then -- as the rules read it -- through the read-only views
 * (policy/view.c) into the flow library the PCI/PII/HIPAA rules use
 * (policies/lib/flow.lua: graph, reachability, the logging/recording
 * data-flow analysis, paths).  What C does with the flow is the loader, the
 * views and the graph (policy/flowgraph.c: the `flowgraph` global, whose
 * nodes make their view, params, edges and succ on first read, and g its
 * dangling list), and those are what must never crash; the walk reads every
 * lazy member, of a whole graph and of one cut to three actions.
 * A Lua error is an answer (a rule would end as `error`); the instruction
 * count is bounded as the sandbox bounds a rule.
 */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "policy/flowgraph.h"
#include "policy/flowpaths.h"
#include "policy/view.h"
#include "snapshot/snapshot.h"
#include "util/jsonfile.h"
#include "fuzz.h"

#define ARN "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f"

static const char walk[] =
  "local content = ...\n"
  "local flow = require 'flow'\n"
  "local g = flow.graph(content)\n"
  "if not g then return end\n"
  "local _ = g.dangling\n"
  "for _, n in ipairs(g.nodes) do local _ = n.params, n.view, n.edges, n.succ, n.other end\n"
  "local small = flowgraph(content, 3)\n"
  "if small then local _ = small.dangling, small.nodes[1] and small.nodes[1].succ end\n"
  "flow.reachable(g)\n"
  "flow.has_effect_blocks(g, 'logging')\n"
  "local res = flow.analyze(g)\n"
  "for _, n in ipairs(g.nodes) do\n"
  "  flow.describe(g, n)\n"
  "  if flow.possibly_on(g, 'recording', n) then flow.witness(g, 'recording', n) end\n"
  "  local _ = flow.states_from(g, 'logging', { true, false })[n.index]\n"
  "end\n"
  "local function deep(v, d)\n"   /* every member through the views */
  "  if d > 40 or type(v) ~= 'userdata' then return end\n"
  "  for k, x in pairs(v) do deep(x, d + 1) end\n"
  "  local _ = #v\n"
  "end\n"
  "deep(content, 0)\n";

static void budget(lua_State *L, lua_Debug *ar) {
  (void)ar;
  luaL_error(L, "instruction budget spent");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_text(data, size);
  ca_err err = {0};
  cJSON *content = NULL;
  if (ca_json_parse("content.json", text, size, &content, &err)) {
    free(text);
    return 0;
  }
  free(text);
  cJSON *snap = cJSON_Parse("{\"schema\":\"" CA_SNAPSHOT_SCHEMA "\",\"tool\":{\"name\":\"t\",\"version\":\"0\"},"
                            "\"collected_at\":\"2026-11-20T09:30:00Z\",\"account_id\":\"111122223333\","
                            "\"regions\":[\"us-east-1\"],\"errors\":[],\"resources\":{\"connect_contact_flow\":"
                            "{\"" ARN "\":{\"name\":\"f\",\"region\":\"us-east-1\",\"data\":{\"ContactFlow\":{}}}}}}");
  if (!snap) abort();
  cJSON *cf = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
      cJSON_GetObjectItem(snap, "resources"), "connect_contact_flow"), ARN), "data"), "ContactFlow");
  cJSON_AddItemToObject(cf, "Content", content);
  ca_snapshot *s = NULL;
  if (ca_snapshot_adopt("fuzz.json", snap, &s, &err)) {   /* frees snap */
    if (!err.msg[0]) abort();
    return 0;
  }
  const ca_resource *r = ca_snapshot_lookup(s, "connect_contact_flow", ARN);
  if (!r) abort();
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  ca_view_open(L);
  ca_flowgraph_push(L);
  lua_setglobal(L, "flowgraph");
  ca_flowanalysis_push(L);
  lua_setglobal(L, "flowanalysis");
  ca_flowstates_push(L);
  lua_setglobal(L, "flowstates");
  ca_flowpaths_push(L);
  lua_setglobal(L, "flowpaths");
  lua_getglobal(L, "package");
  lua_pushstring(L, CA_FUZZ_SRC "/policies/lib/?.lua;" CA_FUZZ_SRC "/policies/lib/?/init.lua");
  lua_setfield(L, -2, "path");
  lua_pop(L, 1);
  lua_sethook(L, budget, LUA_MASKCOUNT, 20 * 1000 * 1000);
  if (luaL_loadbuffer(L, walk, sizeof walk - 1, "=fuzz_flow") != LUA_OK) abort();
  ca_view_push(L, cJSON_GetObjectItem(cJSON_GetObjectItem(r->data, "ContactFlow"), "Content"));
  lua_pcall(L, 1, 0, 0);   /* an error is an answer */
  lua_close(L);
  ca_snapshot_free(s);
  return 0;
}
