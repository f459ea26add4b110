/* streams.c -- the streams an instance's storage configs send data to:
 * Kinesis data streams (DescribeStreamSummary), Firehose delivery streams
 * (DescribeDeliveryStream) and Kinesis Video streams (ListStreams by the
 * config's Prefix, then DescribeStream each), queued as soon as the
 * instance's storage configs are in.  Kinesis and Firehose speak json 1.1,
 * Kinesis Video rest-json (botocore's models).  Each stream is called in the
 * region of its ARN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

/* The text after the first '/' of an ARN's resource part (stream/NAME, deliverystream/NAME). */
static int arn_name(const char *arn, char *out, size_t outsz) {
  char res[512];
  if (col_arn_field(arn, 5, res, sizeof res)) return -1;
  const char *slash = strchr(res, '/');
  if (!slash || !slash[1]) return -1;
  snprintf(out, outsz, "%s", slash + 1);
  return 0;
}

static void kinesis_stream(ca_col *c, cJSON *resources, const char *arn) {
  char region[64], name[256];
  if (col_arn_field(arn, 3, region, sizeof region) || arn_name(arn, name, sizeof name)) {
    col_error(c, arn, "kinesis:DescribeStreamSummary", "InvalidArn", "a storage config names a stream ARN that does not parse");
    return;
  }
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "StreamName", name);
  col_req r = {.service_env = "KINESIS", .prefix = "kinesis", .signing = "kinesis", .op = "DescribeStreamSummary",
               .target = "Kinesis_20131202", .region = region};
  col_describe_q(c, resources, "kinesis_stream", arn, name, &r, body, "StreamDescriptionSummary", 0, NULL);
  cJSON_Delete(body);
}

/* ---- Firehose: DescribeDeliveryStream, following HasMoreDestinations to
 * the last destination (ExclusiveStartDestinationId); a failed page leaves
 * the description out whole. */
#define FIREHOSE_MAX_PAGES 1000

typedef struct fh {
  cJSON *data, *desc;        /* desc: the first page's description, later pages' destinations added */
  char *arn;
  char region[64], name[256], after[256];
  int page;
} fh;

static void firehose_page(ca_col *c, fh *f);

static void got_delivery_stream(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  fh *f = ud;
  if (!ans) goto drop;   /* recorded */
  cJSON *d = cJSON_DetachItemFromObjectCaseSensitive(ans, "DeliveryStreamDescription");
  cJSON_Delete(ans);
  if (!cJSON_IsObject(d)) {
    cJSON_Delete(d);
    col_error(c, f->arn, "firehose:DescribeDeliveryStream", "MalformedResponse", "the answer has no DeliveryStreamDescription");
    goto drop;
  }
  cJSON *dests = cJSON_GetObjectItemCaseSensitive(d, "Destinations");
  const char *last = NULL;
  for (cJSON *x = cJSON_IsArray(dests) ? dests->child : NULL; x; x = x->next) last = col_str(x, "DestinationId");
  int more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "HasMoreDestinations")) && last &&
             strlen(last) < sizeof f->after && strcmp(last, f->after);
  if (last) snprintf(f->after, sizeof f->after, "%s", last);
  if (!f->desc) {
    f->desc = d;
  } else {   /* a later page: its destinations join the first page's */
    cJSON *all = cJSON_GetObjectItemCaseSensitive(f->desc, "Destinations");
    if (!cJSON_IsArray(all)) {
      cJSON_DeleteItemFromObjectCaseSensitive(f->desc, "Destinations");
      all = cJSON_AddArrayToObject(f->desc, "Destinations");
    }
    for (cJSON *x = cJSON_IsArray(dests) ? dests->child : NULL, *next; x; x = next) {
      next = x->next;
      cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(dests, x));
    }
    cJSON_Delete(d);
  }
  if (more && ++f->page < FIREHOSE_MAX_PAGES) {
    firehose_page(c, f);
    return;
  }
  if (more) {
    col_error(c, f->arn, "firehose:DescribeDeliveryStream", "TooManyPages", "HasMoreDestinations did not end");
    goto drop;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(f->desc, "HasMoreDestinations");
  cJSON_AddBoolToObject(f->desc, "HasMoreDestinations", 0);
  cJSON_AddItemToObject(f->data, "DeliveryStreamDescription", f->desc);
  f->desc = NULL;
drop:
  cJSON_Delete(f->desc);
  free(f->arn);
  free(f);
}

static void firehose_page(ca_col *c, fh *f) {
  col_req r = {.service_env = "FIREHOSE", .prefix = "firehose", .signing = "firehose", .op = "DescribeDeliveryStream",
               .target = "Firehose_20150804", .region = f->region};
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "DeliveryStreamName", f->name);
  if (f->after[0]) cJSON_AddStringToObject(body, "ExclusiveStartDestinationId", f->after);
  col_json_in_q(c, &r, body, f->arn, NULL, got_delivery_stream, f);
  cJSON_Delete(body);
}

static void firehose_stream(ca_col *c, cJSON *resources, const char *arn) {
  char region[64], name[256];
  if (col_arn_field(arn, 3, region, sizeof region) || arn_name(arn, name, sizeof name)) {
    col_error(c, arn, "firehose:DescribeDeliveryStream", "InvalidArn", "a storage config names a Firehose ARN that does not parse");
    return;
  }
  cJSON *data = col_resource(resources, "firehose_delivery_stream", arn, name, region);
  if (!data) return;
  fh *f = calloc(1, sizeof *f);
  char *dup = strdup(arn);
  if (!f || !dup) {
    free(f), free(dup);
    col_error(c, arn, "collect", "ClientError", "out of memory");
    return;
  }
  f->data = data, f->arn = dup;
  snprintf(f->region, sizeof f->region, "%s", region);
  snprintf(f->name, sizeof f->name, "%s", name);
  firehose_page(c, f);
}

/* ---- Kinesis Video: the config names a prefix; Amazon Connect creates
 * streams under it in the instance's region.  ListStreams (BEGINS_WITH the
 * prefix, all pages), then DescribeStream each. */
static void listed_video_streams(ca_col *c, void *ud, cJSON *items, const char *code) {
  (void)code;
  cJSON *resources = ud;
  for (const cJSON *s = items ? items->child : NULL; s; s = s->next) {
    const char *arn = col_str(s, "StreamARN"), *name = col_str(s, "StreamName");
    if (!arn) continue;
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "StreamARN", arn);
    col_req r = {.service_env = "KINESIS_VIDEO", .prefix = "kinesisvideo", .signing = "kinesisvideo",
                 .op = "DescribeStream", .method = "POST", .path = "/describeStream"};
    col_describe_q(c, resources, "kinesis_video_stream", arn, name ? name : arn, &r, b, "StreamInfo", 0, NULL);
    cJSON_Delete(b);
  }
  cJSON_Delete(items);
}

static void video_streams(ca_col *c, cJSON *resources, const char *prefix, const char *instance_arn) {
  cJSON *body = cJSON_CreateObject();
  cJSON_AddNumberToObject(body, "MaxResults", 10000);
  cJSON *cond = cJSON_AddObjectToObject(body, "StreamNameCondition");
  cJSON_AddStringToObject(cond, "ComparisonOperator", "BEGINS_WITH");
  cJSON_AddStringToObject(cond, "ComparisonValue", prefix);
  col_call list = {"KINESIS_VIDEO", "kinesisvideo", "kinesisvideo", "ListStreams", "POST", "/listStreams", NULL, 0, body};
  col_list_q(c, &list, "StreamInfoList", instance_arn, NULL, listed_video_streams, resources);
  cJSON_Delete(body);
}

void col_streams_q(ca_col *c, cJSON *resources, const cJSON *storage, const char *instance_arn) {
  for (const cJSON *rt = cJSON_IsObject(storage) ? storage->child : NULL; rt; rt = rt->next)
    for (const cJSON *sc = cJSON_IsArray(rt) ? rt->child : NULL; sc; sc = sc->next) {
      const char *type = col_str(sc, "StorageType");
      if (!type) continue;
      if (!strcmp(type, "KINESIS_STREAM")) {
        const char *arn = col_str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisStreamConfig"), "StreamArn");
        if (arn) kinesis_stream(c, resources, arn);
      } else if (!strcmp(type, "KINESIS_FIREHOSE")) {
        const char *arn = col_str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisFirehoseConfig"), "FirehoseArn");
        if (arn) firehose_stream(c, resources, arn);
      } else if (!strcmp(type, "KINESIS_VIDEO_STREAM")) {
        const char *prefix = col_str(cJSON_GetObjectItemCaseSensitive(sc, "KinesisVideoStreamConfig"), "Prefix");
        if (prefix && *prefix) video_streams(c, resources, prefix, instance_arn);
      }
    }
}
