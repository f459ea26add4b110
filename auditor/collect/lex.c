/* lex.c -- the Lex bots the instances use (ListBots' LexBots on each
 * connect_instance): Lex V1 bots (lex-models 2017-04-19, rest-json) with
 * GetBot "$LATEST", Lex V2 bots (lexv2-models 2020-08-07, rest-json) with
 * DescribeBot, DescribeBotAlias for every alias an instance names, and
 * DescribeResourcePolicy on the bot ARN.  Both model APIs sign as "lex"; each
 * bot is called in its own region (LexRegion, or the alias ARN's region).
 * Errors are recorded as "lex-models:Op" / "lexv2-models:Op" against the
 * bot's ARN (the names the rules look for). */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "util/buf.h"

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Field i (0-based, ':'-separated) of an ARN into out (field 5: the whole rest); 0 when present. */
static int arn_field(const char *arn, int i, char *out, size_t outsz) {
  const char *s = arn;
  for (int k = 0; k < i; k++) {
    s = strchr(s, ':');
    if (!s) return -1;
    s++;
  }
  size_t n = i < 5 ? strcspn(s, ":") : strlen(s);
  if (n >= outsz) return -1;
  memcpy(out, s, n);
  out[n] = '\0';
  return 0;
}

static cJSON *type_of(cJSON *resources, const char *type) {
  cJSON *t = cJSON_GetObjectItemCaseSensitive(resources, type);
  return t ? t : cJSON_AddObjectToObject(resources, type);
}

static cJSON *new_resource(cJSON *type, const char *arn, const char *name, const char *region) {
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "name", name);
  cJSON_AddStringToObject(res, "region", region);
  cJSON_AddItemToObject(type, arn, res);
  return cJSON_AddObjectToObject(res, "data");
}

#define LEX_V1(op) "LEX_MODEL_BUILDING_SERVICE", "models.lex", "lex", op, "GET"
#define LEX_V2(op) "LEX_MODELS_V2", "models-v2-lex", "lex", op, "GET"

static void v1_bot(ca_col *c, cJSON *type, const char *name, const char *region, const char *account) {
  char arn[512];
  snprintf(arn, sizeof arn, "arn:aws:lex:%s:%s:bot:%s", region, account, name);
  if (cJSON_GetObjectItemCaseSensitive(type, arn)) return;
  cJSON *data = new_resource(type, arn, name, region);
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/bots");
  ca_aws_path_add(&p, name);
  ca_buf_adds(&p, "/versions");
  ca_aws_path_add(&p, "$LATEST");
  ca_aws_req rq = {LEX_V1("GetBot"), p.data, NULL, 0, NULL, NULL, NULL, 0};
  cJSON *ans;
  if (!col_call_in(c, region, &rq, "lex-models:GetBot", arn, NULL, &ans, NULL, 0))
    cJSON_AddItemToObject(data, "Bot", ans);
  ca_buf_free(&p);
}

/* One Lex V2 bot: bot ARN, region, bot ID and the alias IDs the instances name. */
static void v2_bot(ca_col *c, cJSON *type, const char *arn, const cJSON *bot) {
  const char *region = str(bot, "region"), *id = str(bot, "id");
  cJSON *data = new_resource(type, arn, id, region);
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/bots");
  ca_aws_path_add(&p, id);
  ca_buf_adds(&p, "/");
  ca_aws_req rq = {LEX_V2("DescribeBot"), p.data, NULL, 0, NULL, NULL, NULL, 0};
  cJSON *ans;
  if (!col_call_in(c, region, &rq, "lexv2-models:DescribeBot", arn, NULL, &ans, NULL, 0)) {
    if (str(ans, "botName"))
      cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(type, arn), "name"),
                           str(ans, "botName"));
    cJSON_AddItemToObject(data, "Bot", ans);
  }

  /* Aliases: all of them or none (one missing would read as not there). */
  cJSON *aliases = cJSON_CreateArray();
  int ok = 1;
  for (const cJSON *a = cJSON_GetObjectItemCaseSensitive(bot, "aliases")->child; a; a = a->next) {
    ca_buf_free(&p);
    ca_buf_adds(&p, "/bots");
    ca_aws_path_add(&p, id);
    ca_buf_adds(&p, "/botaliases");
    ca_aws_path_add(&p, a->valuestring);
    ca_buf_adds(&p, "/");
    ca_aws_req ra = {LEX_V2("DescribeBotAlias"), p.data, NULL, 0, NULL, NULL, NULL, 0};
    if (col_call_in(c, region, &ra, "lexv2-models:DescribeBotAlias", arn, NULL, &ans, NULL, 0)) {
      ok = 0;
      continue;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(ans, "ResponseMetadata");
    cJSON_AddItemToArray(aliases, ans);
  }
  if (ok) cJSON_AddItemToObject(data, "Aliases", aliases);
  else cJSON_Delete(aliases);

  /* The bot's resource policy: ResourceNotFoundException = none (null). */
  ca_buf_free(&p);
  ca_buf_adds(&p, "/policy");
  ca_aws_path_add(&p, arn);
  ca_buf_adds(&p, "/");
  static const char *const none[] = {"ResourceNotFoundException", NULL};
  char code[128] = "";
  ca_aws_req rp = {LEX_V2("DescribeResourcePolicy"), p.data, NULL, 0, NULL, NULL, NULL, 0};
  if (!col_call_in(c, region, &rp, "lexv2-models:DescribeResourcePolicy", arn, none, &ans, code, sizeof code)) {
    const char *doc = str(ans, "policy");
    cJSON *policy = doc ? cJSON_Parse(doc) : NULL;
    if (!doc) {
      cJSON_AddNullToObject(data, "ResourcePolicy");
    } else if (cJSON_IsObject(policy)) {
      cJSON_AddItemToObject(data, "ResourcePolicy", policy);
      policy = NULL;
    } else {
      col_error(c, arn, "lexv2-models:DescribeResourcePolicy", "MalformedPolicy",
                "the bot's resource policy is not a JSON object");
    }
    cJSON_Delete(policy);
    cJSON_Delete(ans);
  } else if (!strcmp(code, "ResourceNotFoundException")) {
    cJSON_AddNullToObject(data, "ResourcePolicy");
  }
  ca_buf_free(&p);
}

void col_lex(ca_col *c, cJSON *resources) {
  cJSON *v1 = type_of(resources, "lex_bot"), *v2 = type_of(resources, "lexv2_bot");
  cJSON *bots = cJSON_CreateObject();   /* V2 bot ARN -> {region, id, aliases[]} */
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    char account[32];
    if (arn_field(inst->string, 4, account, sizeof account)) continue;
    const cJSON *lb = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "LexBots");
    const cJSON *b;
    cJSON_ArrayForEach(b, lb) {
      const cJSON *one = cJSON_GetObjectItemCaseSensitive(b, "LexBot");
      if (one && str(one, "Name")) {
        const char *r = str(one, "LexRegion");
        v1_bot(c, v1, str(one, "Name"), r && *r ? r : str(inst, "region"), account);
        continue;
      }
      const char *alias = str(cJSON_GetObjectItemCaseSensitive(b, "LexV2Bot"), "AliasArn");
      /* arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID */
      char region[64], acct[32], res[256];
      if (!alias || arn_field(alias, 3, region, sizeof region) || arn_field(alias, 4, acct, sizeof acct) ||
          arn_field(alias, 5, res, sizeof res) || strncmp(res, "bot-alias/", 10)) {
        col_error(c, inst->string, "connect:ListBots", "MalformedResponse", "a LexV2Bot without a bot alias ARN");
        continue;
      }
      char *slash = strchr(res + 10, '/');
      if (!slash || !slash[1] || slash == res + 10) {
        col_error(c, inst->string, "connect:ListBots", "MalformedResponse", "a Lex V2 alias ARN without bot and alias IDs");
        continue;
      }
      *slash = '\0';
      char arn[512];
      snprintf(arn, sizeof arn, "arn:aws:lex:%s:%s:bot/%s", region, acct, res + 10);
      cJSON *bot = cJSON_GetObjectItemCaseSensitive(bots, arn);
      if (!bot) {
        bot = cJSON_AddObjectToObject(bots, arn);
        cJSON_AddStringToObject(bot, "region", region);
        cJSON_AddStringToObject(bot, "id", res + 10);
        cJSON_AddArrayToObject(bot, "aliases");
      }
      cJSON *aliases = cJSON_GetObjectItemCaseSensitive(bot, "aliases");
      int seen = 0;
      const cJSON *a;
      cJSON_ArrayForEach(a, aliases) seen |= !strcmp(a->valuestring, slash + 1);
      if (!seen) cJSON_AddItemToArray(aliases, cJSON_CreateString(slash + 1));
    }
  }
  const cJSON *bot;
  cJSON_ArrayForEach(bot, bots) v2_bot(c, v2, bot->string, bot);
  cJSON_Delete(bots);
}
