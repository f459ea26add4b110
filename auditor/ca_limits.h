/*
 * ca_limits.h -- every bound the engine enforces, in one place, each with its
 * reason.  Each can be overridden at build time (-DCA_...=N); a value past the
 * hard ceiling is a build error, as in SQLite's sqliteLimit.h.
 */
#ifndef CA_LIMITS_H
#define CA_LIMITS_H

/* Largest snapshot accepted.  A 20,000-user, 3,000-flow instance is ~100 MiB;
 * ten times that is a mistake or an attack, not an instance. */
#ifndef CA_MAX_SNAPSHOT_BYTES
#define CA_MAX_SNAPSHOT_BYTES (1024L * 1024 * 1024)
#endif

/* JSON nesting: cJSON's own CJSON_NESTING_LIMIT (1000) is the bound; this
 * number only names it in messages.  AWS documents nest a dozen levels. */
#define CA_MAX_JSON_DEPTH 1000

/* Largest policy file (rule, test or library) read.  Rules are a page of Lua. */
#ifndef CA_MAX_POLICY_FILE_BYTES
#define CA_MAX_POLICY_FILE_BYTES (1024L * 1024)
#endif
#ifndef CA_MAX_RULES_PER_PACK
#define CA_MAX_RULES_PER_PACK 1000
#endif
/* A framework's control catalogue (controls.json): ISO 27001:2022 Annex A has
 * 93 controls, NIST SP 800-53 r5 about 1200 with enhancements; IDs are short
 * ("164.308(a)(4)(ii)(B)"), titles one line.  At most this many frameworks
 * in one run, and one rule maps to at most CA_MAX_RULE_FRAMEWORKS of them. */
#ifndef CA_MAX_CONTROLS
#define CA_MAX_CONTROLS 2000
#endif
#define CA_MAX_CONTROL_ID_BYTES 64
#define CA_MAX_CONTROL_TITLE_BYTES 400
#define CA_MAX_FRAMEWORKS 64
#define CA_MAX_RULE_FRAMEWORKS 16

/* Lua VM instructions one check() call may execute (one resource).  A flow
 * path analysis over 250 actions needs well under a million. */
#ifndef CA_CHECK_INSTRUCTIONS
#define CA_CHECK_INSTRUCTIONS (20L * 1000 * 1000)
#endif
/* Instructions one rule may execute over all resources: this base plus
 * CA_RULE_INSTRUCTIONS_PER_RESOURCE for each resource of its type, so a rule
 * that burns its per-check budget on each of 40,000 users cannot stall the
 * audit, while a rule that needs a tenth of a check's budget per resource
 * finishes at any size.  A count, not a time: the same on any machine. */
#ifndef CA_RULE_INSTRUCTIONS
#define CA_RULE_INSTRUCTIONS (2000L * 1000 * 1000)
#endif
#ifndef CA_RULE_INSTRUCTIONS_PER_RESOURCE
#define CA_RULE_INSTRUCTIONS_PER_RESOURCE (2L * 1000 * 1000)
#endif
/* The hook fires every CA_HOOK_EVERY instructions: cheap, yet fine enough. */
#define CA_HOOK_EVERY 1000

/* Memory one rule's Lua state may hold.  Refused growth raises a Lua memory
 * error (after Lua's emergency collection), which fails the check. */
#ifndef CA_RULE_MEMORY
#define CA_RULE_MEMORY (256L * 1024 * 1024)
#endif

/* Wall-clock time for one rule's process (seconds; --rule-timeout).  The
 * instruction hook never fires inside a C function (a pattern match can
 * backtrack for hours), so the parent kills the rule's process at this
 * deadline: the one bound nothing inside the sandbox can outrun.  It is a
 * last resort, far above any legitimate rule (the slowest rule of all packs
 * at 40,000 users / 6,000 flows: bench/README.md), because a result that
 * depends on time depends on the machine: a rule killed here is named in
 * results.json (summary.killed_rules) and on stderr. */
#ifndef CA_RULE_TIMEOUT_S
#define CA_RULE_TIMEOUT_S 600
#endif
/* pack.lua runs under a shorter deadline and a smaller budget. */
#define CA_PACK_TIMEOUT_S 10
#define CA_PACK_INSTRUCTIONS (5L * 1000 * 1000)

/* Findings: per check, per rule, and their size. */
#define CA_MAX_FINDINGS_PER_CHECK 1000
#define CA_MAX_FINDINGS_PER_RULE 200000
#define CA_MAX_EVIDENCE_ITEMS 64
#define CA_MAX_MESSAGE_BYTES 2048
#define CA_MAX_EVIDENCE_VALUE_BYTES (16 * 1024)
/* The engine copies what the snapshot holds at an evidence path up to this
 * size; a larger node (a flow's whole Actions) is described, not copied: the
 * pointer and the snapshot's hash still say exactly what it was. */
#define CA_MAX_OBSERVED_BYTES 2048

/* An ARN a finding names that is not in the snapshot is split into type,
 * name and region (results/results.c) in buffers of this size: AWS's longest
 * documented ARNs (IAM, STS) are 2048 characters.  A longer one, which only a
 * rule can make up, keeps its whole "arn"; its derived name is cut. */
#define CA_MAX_ARN_BYTES 2048

/* Bytes a rule's process may send back; past it the rule is killed. */
#define CA_MAX_CHILD_OUTPUT (512L * 1024 * 1024)

/* Looked-up resources a check remembers, where ctx:ptr finds a view's node
 * before it searches the whole snapshot (rules look up a few per check). */
#define CA_PTR_SEEN 16

/* Parallel rule processes (-j); 0 means the number of online CPUs. */
#define CA_MAX_JOBS 64

/* A rendered report (any format) and a results.json read back by `report`,
 * `diff` or `verify`: 200,000 findings with evidence stay well inside. */
#define CA_MAX_REPORT_BYTES (2048L * 1024 * 1024)
#define CA_MAX_RESULTS_BYTES (1024L * 1024 * 1024)
/* merge (docs/merge.md): results documents in one estate (a few hundred
 * accounts times a few instances each, with room), and how deep a folder
 * given to it is searched (OUTDIR/<account>/<region>/<instance>/ is 3). */
#define CA_MAX_MERGE_INPUTS 100000
#define CA_MAX_MERGE_DEPTH 16
/* Paths on merge's command line (more go in a folder). */
#define CA_MAX_MERGE_ARGS 4096
/* An evidence bundle (bundle, verify --bundle), built and read in memory:
 * the snapshot and results.json at their caps plus the reports of a large
 * audit (docs/evidence.md). */
#define CA_MAX_BUNDLE_BYTES (4096L * 1024 * 1024)
/* One formatted line of the HTML and Markdown renderers (ca_out_putf): only
 * constant formats with numbers and constant words go through it, and the
 * longest (the HTML summary sentence) is under 400 bytes; data never does, so
 * a line past this is a bug, which fails the render instead of cutting it. */
#define CA_MAX_REPORT_LINE_BYTES 1024
/* Labels of the HTML report's SVG bar charts (severities, framework names)
 * are cut to this many characters, with an ellipsis: the label column is 150
 * px wide, about 20 characters at 12 px; the tables beside it have them whole. */
#define CA_CHART_LABEL_CHARS 20
/* Rows of the "findings by resource type" chart: past this many types the
 * rest share one "(other types)" row, so the chart keeps a bounded height
 * (the filters list every type). */
#define CA_CHART_MAX_ROWS 12
/* Scans the HTML report's trend chart draws (report --db): the last this
 * many, this one included; about 9 px between points at 500 px. */
#define CA_TREND_SCANS 60
/* SARIF reportingDescriptor.name: the title's ASCII words run together
 * ("S3BucketBlocksPublicAccess").  Titles are a line; a name past this many
 * bytes (NUL included) is cut, which SARIF allows (it is a display name; the
 * rule ID is the key). */
#define CA_SARIF_NAME_BYTES 128
/* GitHub code scanning's upload limits ("SARIF support for code scanning",
 * "SARIF results exceed limit"): an upload over one is rejected whole.
 * results.sarif has one run and one location per result; results and tags
 * are capped, the rest cannot be reached (rules are the packs' rules). */
#define CA_SARIF_MAX_RESULTS 25000
#define CA_SARIF_MAX_RULES 25000
#define CA_SARIF_MAX_TAGS 20
/* A value (observed evidence, a flow block) shown in diff's text output is cut
 * here so one huge document cannot bury the rest; --format json has it whole. */
#define CA_MAX_DIFF_SHOWN_BYTES 240

/* Stage drift (snapshot/drift.c) names each difference by a JSON pointer
 * into the item compared.  AWS documents nest a dozen levels with short keys
 * (a flow's pointer is under 200 bytes); 64 KiB is a key or a nesting no
 * configuration has.  Past it drift fails with an input error naming the item:
 * comparing the rest without it would report too few differences. */
#define CA_MAX_DRIFT_POINTER_BYTES (64L * 1024)

/* History (store/history.c).  How long a writer waits for another one (two
 * cron runs at the same minute): recording 200,000 findings takes seconds,
 * so half a minute of waiting is ample, and a stuck lock still ends the run. */
#ifndef CA_HISTORY_BUSY_MS
#define CA_HISTORY_BUSY_MS 30000
#endif
/* Scans one `history` lists (--limit): a screen of trends, not a dump. */
#define CA_HISTORY_DEFAULT_ROWS 20
#define CA_MAX_HISTORY_ROWS 10000

/* Waiver and attestation files (--waivers, --attestations) are written by
 * people: a few hundred entries.  The caps stop a wrong file (a snapshot, a
 * results.json) from being read whole; a field is a sentence, not a document. */
#define CA_MAX_ACCEPT_FILE_BYTES (4L * 1024 * 1024)
#define CA_MAX_ACCEPT_ENTRIES 10000
#define CA_MAX_ACCEPT_FIELD_BYTES 4096

/* AWS answers (aws/http.c, collect/).  The largest page Amazon Connect
 * returns (100 flows with their Content) is a few MiB; 64 MiB is a broken
 * or hostile endpoint. */
#ifndef CA_MAX_AWS_BODY_BYTES
#define CA_MAX_AWS_BODY_BYTES (64L * 1024 * 1024)
#endif
/* Calls in flight together, whatever --max-concurrency says; each holds up
 * to CA_MAX_AWS_BODY_BYTES. */
#define CA_MAX_AWS_INFLIGHT 64
/* Tries per call, whatever --max-attempts says. */
#define CA_MAX_AWS_ATTEMPTS 20
/* Pages one list may take: 100,000 pages of 100 items is past any instance's
 * quota; an endpoint that repeats a NextToken forever stops here. */
#ifndef CA_MAX_AWS_PAGES
#define CA_MAX_AWS_PAGES 100000
#endif

/* Actions of a flow its graph takes: lib/flow.lua M.MAX_ACTIONS (the flow
 * language's limit), which flowgraph() truncates at; the parent's shared
 * graphs (policy/cgraph.h) truncate at the same place.  Change both. */
#define CA_FLOW_MAX_ACTIONS 250

#if CA_CHECK_INSTRUCTIONS > CA_RULE_INSTRUCTIONS
#error "a check cannot have more instructions than its rule"
#endif

#endif
