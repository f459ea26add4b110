/* lex.c -- the Lex bots the instances use (ListBots' LexBots on each
 * connect_instance): Lex V1 bots (lex-models 2017-04-19, rest-json) with
 * GetBot "$LATEST" and GetBotAliases (every page: each alias's conversation
 * logs), Lex V2 bots (lexv2-models 2020-08-07, rest-json) with
 * DescribeBot, DescribeBotAlias for every alias an instance names, and
 * DescribeResourcePolicy on the bot ARN and on each alias ARN.  Each alias an
 * instance names is a resource of its own (lexv2_bot_alias, keyed by the
 * alias ARN): its conversation logs and its resource policy are the alias's,
 * not the bot's.  Both model APIs sign as "lex"; each bot is called in its own
 * region (LexRegion, or the alias ARN's region).  Every call is queued: the
 * bots, their aliases and policies together.  Errors are recorded as
 * "lex-models:Op" / "lexv2-models:Op" against the bot's ARN, the alias calls'
 * against the alias ARN (the names the rules look for). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

#define LEX_V1(name) .service_env = "LEX_MODEL_BUILDING_SERVICE", .prefix = "models.lex", .signing = "lex", \
                     .op = name, .method = "GET", .operation = "lex-models:" name
#define LEX_V2(name) .service_env = "LEX_MODELS_V2", .prefix = "models-v2-lex", .signing = "lex", \
                     .op = name, .method = "GET", .operation = "lexv2-models:" name

/* A Lex V1 bot's aliases, every page, into data.Aliases (absent when the
 * list failed: errors[] says why).  Each alias's conversationLogs is what
 * PII-LEX-003 judges; the log groups its text logs go to follow (logs.c), as
 * a V2 alias's do. */
typedef struct v1bot {
  cJSON *resources, *data;
  char arn[512];
} v1bot;

static void got_v1_aliases(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  v1bot *b = ud;
  if (ans) {
    const cJSON *a, *s;
    cJSON_ArrayForEach(a, ans)
      cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "conversationLogs"),
                                                            "logSettings")) {
        const char *dest = col_str(s, "destination"), *g = col_str(s, "resourceArn");
        if (dest && !strcmp(dest, "CLOUDWATCH_LOGS") && g && *g) COL_NEXT(c, log_group_named, b->resources, g, b->arn);
      }
    cJSON_AddItemToObject(b->data, "Aliases", ans);
  }
  free(b);
}

static void v1_bot(ca_col *c, cJSON *resources, const char *name, const char *region, const char *account) {
  char arn[512];
  snprintf(arn, sizeof arn, "arn:aws:lex:%s:%s:bot:%s", region, account, name);
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/bots");
  ca_aws_path_add(&p, name);
  ca_buf_adds(&p, "/versions");
  ca_aws_path_add(&p, "$LATEST");
  col_req r = {LEX_V1("GetBot"), .path = p.data, .region = region};
  cJSON *data = col_describe_q(c, resources, "lex_bot", arn, name, &r, NULL, "Bot", 1, NULL);
  v1bot *b = data ? calloc(1, sizeof *b) : NULL;
  if (b) {
    b->resources = resources, b->data = data;
    snprintf(b->arn, sizeof b->arn, "%s", arn);
    ca_buf_free(&p);
    ca_buf_adds(&p, "/bots");
    ca_aws_path_add(&p, name);
    ca_buf_adds(&p, "/aliases/");
    static const ca_aws_param q[] = {{"maxResults", "50"}};   /* the model's maximum */
    col_req ra = {LEX_V1("GetBotAliases"), .path = p.data, .query = q, .nquery = 1, .region = region};
    col_list_in_q(c, &ra, NULL, "BotAliases", "nextToken", arn, NULL, got_v1_aliases, b);
  }
  ca_buf_free(&p);
}

/* One Lex V2 bot while its aliases and policy are asked; freed by the last answer. */
typedef struct v2bot {
  cJSON *resources, *data;
  cJSON *aliases;          /* one slot per alias, in the order the instances name them */
  int pending, alias_failed;
  char arn[512];
} v2bot;

typedef struct v2alias {
  v2bot *b;
  cJSON *slot;
  cJSON *res;              /* the lexv2_bot_alias resource ({name, region, data}) */
} v2alias;

static void v2_end(v2bot *b) {
  if (--b->pending) return;
  /* Aliases: all of them or none (one missing would read as not there). */
  if (b->alias_failed) cJSON_Delete(b->aliases);
  else cJSON_AddItemToObject(b->data, "Aliases", b->aliases);
  free(b);
}

static void got_alias(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)c, (void)code;
  v2alias *a = ud;
  v2bot *b = a->b;
  if (ans) {
    cJSON_DeleteItemFromObjectCaseSensitive(ans, "ResponseMetadata");
    /* the CloudWatch Logs groups its text logs go to (the plan's: logs.c): their KMS key
     * and retention are evidence about the conversation logs */
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(ans, "conversationLogSettings"),
                                                          "textLogSettings")) {
      const char *g = col_str(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(t, "destination"),
                                                               "cloudWatch"), "cloudWatchLogGroupArn");
      if (g && *g) COL_NEXT(c, log_group_named, b->resources, g, b->arn);
    }
    /* the alias resource: the same answer; named as the console names it */
    cJSON *data = cJSON_GetObjectItemCaseSensitive(a->res, "data");
    cJSON_AddItemToObject(data, "BotAlias", cJSON_Duplicate(ans, 1));
    const char *name = col_str(ans, "botAliasName");
    if (name && *name) cJSON_ReplaceItemInObjectCaseSensitive(a->res, "name", cJSON_CreateString(name));
    cJSON_ReplaceItemViaPointer(b->aliases, a->slot, ans);
  } else {
    b->alias_failed = 1;
  }
  free(a);
  v2_end(b);
}

/* A resource policy answer into data.ResourcePolicy: the document parsed;
 * ResourceNotFoundException = none (null); any other failure: absent. */
static void put_policy(ca_col *c, cJSON *data, const char *arn, const char *what, cJSON *ans, const char *code) {
  if (ans) {
    const char *doc = col_str(ans, "policy");
    cJSON *policy = doc ? cJSON_Parse(doc) : NULL;
    if (!doc) {
      cJSON_AddNullToObject(data, "ResourcePolicy");
    } else if (cJSON_IsObject(policy)) {
      cJSON_AddItemToObject(data, "ResourcePolicy", policy);
      policy = NULL;
    } else {
      char msg[96];
      snprintf(msg, sizeof msg, "the %s's resource policy is not a JSON object", what);
      col_error(c, arn, "lexv2-models:DescribeResourcePolicy", "MalformedPolicy", msg);
    }
    cJSON_Delete(policy);
    cJSON_Delete(ans);
  } else if (!strcmp(code, "ResourceNotFoundException")) {
    cJSON_AddNullToObject(data, "ResourcePolicy");
  }
}

static void got_policy(ca_col *c, void *ud, cJSON *ans, const char *code) {
  v2bot *b = ud;
  put_policy(c, b->data, b->arn, "bot", ans, code);
  v2_end(b);
}

/* An alias's resource policy (where Amazon Connect writes its grant when a
 * bot is added to an instance).  ud: the alias resource. */
static void got_alias_policy(ca_col *c, void *ud, cJSON *ans, const char *code) {
  cJSON *res = ud;
  put_policy(c, cJSON_GetObjectItemCaseSensitive(res, "data"), res->string, "alias", ans, code);
}

/* DescribeResourcePolicy on a bot or alias ARN (failures against it). */
static void policy_q(ca_col *c, const char *arn, const char *region, col_done done, void *ud) {
  static const char *const none[] = {"ResourceNotFoundException", NULL};
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/policy");
  ca_aws_path_add(&p, arn);
  ca_buf_adds(&p, "/");
  col_req rp = {LEX_V2("DescribeResourcePolicy"), .path = p.data, .region = region};
  col_json_in_q(c, &rp, NULL, arn, none, done, ud);
  ca_buf_free(&p);
}

/* One Lex V2 bot: bot ARN, region, bot ID and the alias IDs the instances name. */
static void v2_bot(ca_col *c, cJSON *resources, const char *arn, const cJSON *bot) {
  const char *region = col_str(bot, "region"), *id = col_str(bot, "id");
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/bots");
  ca_aws_path_add(&p, id);
  ca_buf_adds(&p, "/");
  col_req r = {LEX_V2("DescribeBot"), .path = p.data, .region = region};
  cJSON *data = col_describe_q(c, resources, "lexv2_bot", arn, id, &r, NULL, "Bot", 1, "botName");
  v2bot *b = data ? calloc(1, sizeof *b) : NULL;
  if (!b || strlen(arn) >= sizeof b->arn) {
    if (data) col_error(c, arn, "collect", "ClientError", "bot ARN too long, or out of memory");
    free(b);
    ca_buf_free(&p);
    return;
  }
  b->resources = resources, b->data = data, b->aliases = cJSON_CreateArray(), b->pending = 1;   /* held until every call is queued */
  snprintf(b->arn, sizeof b->arn, "%s", arn);

  /* arn:aws:lex:R:A:bot/ID -> arn:aws:lex:R:A:bot-alias/ID/ALIAS */
  const char *bot_part = strstr(arn, ":bot/");
  for (const cJSON *a = cJSON_GetObjectItemCaseSensitive(bot, "aliases")->child; a; a = a->next) {
    char alias_arn[640];
    snprintf(alias_arn, sizeof alias_arn, "%.*s:bot-alias/%s/%s", (int)(bot_part - arn), arn, id, a->valuestring);
    /* the alias as a resource of its own; its name is the alias ID until DescribeBotAlias names it */
    cJSON *adata = col_resource(resources, "lexv2_bot_alias", alias_arn, a->valuestring, region);
    cJSON *res = adata ? cJSON_GetObjectItemCaseSensitive(col_type(resources, "lexv2_bot_alias"), alias_arn) : NULL;
    v2alias *q = res ? malloc(sizeof *q) : NULL;
    cJSON *slot = q ? cJSON_CreateNull() : NULL;
    if (!slot) {
      free(q);
      b->alias_failed = 1;
      col_error(c, alias_arn, "collect", "ClientError", "out of memory");
      continue;
    }
    cJSON_AddItemToArray(b->aliases, slot);
    *q = (v2alias){b, slot, res};
    ca_buf_free(&p);
    ca_buf_adds(&p, "/bots");
    ca_aws_path_add(&p, id);
    ca_buf_adds(&p, "/botaliases");
    ca_aws_path_add(&p, a->valuestring);
    ca_buf_adds(&p, "/");
    col_req ra = {LEX_V2("DescribeBotAlias"), .path = p.data, .region = region};
    b->pending++;
    col_json_in_q(c, &ra, NULL, alias_arn, NULL, got_alias, q);
    policy_q(c, alias_arn, region, got_alias_policy, res);
  }
  ca_buf_free(&p);
  b->pending++;
  policy_q(c, arn, region, got_policy, b);
  v2_end(b);
}

void col_lex_q(ca_col *c, cJSON *resources) {
  cJSON *bots = cJSON_CreateObject();   /* V2 bot ARN -> {region, id, aliases[]} */
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    char account[32];
    if (col_arn_field(inst->string, 4, account, sizeof account)) continue;
    const cJSON *lb = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "LexBots");
    const cJSON *b;
    cJSON_ArrayForEach(b, lb) {
      const cJSON *one = cJSON_GetObjectItemCaseSensitive(b, "LexBot");
      if (one && col_str(one, "Name")) {
        const char *r = col_str(one, "LexRegion");
        v1_bot(c, resources, col_str(one, "Name"), r && *r ? r : col_str(inst, "region"), account);
        continue;
      }
      const char *alias = col_str(cJSON_GetObjectItemCaseSensitive(b, "LexV2Bot"), "AliasArn");
      /* arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID */
      char region[64], acct[32], res[256];
      if (!alias || col_arn_field(alias, 3, region, sizeof region) || col_arn_field(alias, 4, acct, sizeof acct) ||
          col_arn_field(alias, 5, res, sizeof res) || strncmp(res, "bot-alias/", 10)) {
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
  cJSON_ArrayForEach(bot, bots) v2_bot(c, resources, bot->string, bot);
  cJSON_Delete(bots);
}
