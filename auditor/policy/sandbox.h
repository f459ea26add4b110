/*
 * sandbox.h -- one Lua 5.4 state for one rule (or pack.lua, or a test file),
 * built up from an allow-list, with a memory cap (own allocator) and an
 * instruction budget (count hook).  Runs only inside a rule's child process
 * (child.h): the parent never executes policy code.
 */
#ifndef CA_SANDBOX_H
#define CA_SANDBOX_H
#include <lua.h>
#include <stddef.h>

typedef struct ca_file {
  char *rel;        /* "baseline/s3_kms.lua", "lib/flow.lua" */
  char *path;       /* as opened */
  char *src;
  size_t len;
} ca_file;

typedef struct ca_fileset {
  ca_file *v;
  size_t n;
} ca_fileset;

typedef struct ca_limits {
  long check_instructions;   /* per check() call */
  long rule_instructions;    /* per state, all calls: this base ... */
  long rule_instructions_per_resource;   /* ... plus this per resource checked */
  size_t memory;             /* bytes the state may hold */
  double timeout_s;          /* wall clock for the rule's process: the parent's last-resort kill
                              * (child.h); nothing inside the sandbox reads a clock */
} ca_limits;

void ca_limits_default(ca_limits *lim);

typedef struct ca_sandbox ca_sandbox;

/* CONSTRUCTOR. libs: the modules require may load (NULL: no require). */
ca_sandbox *ca_sandbox_new(const ca_limits *lim, const ca_fileset *libs);
/* Makes sb, a state built by ca_sandbox_new and C code only (no Lua
 * instruction run in it yet, as ctx.c's base state before a fork), the one
 * of a job with these limits and libraries: the memory books, the hook's
 * count and the GC are where building it afresh would have left them, so
 * budgets, memory and results are the same.  -1 (sb untouched) when its
 * building would not have fit lim->memory, or code already ran in it. */
int ca_sandbox_adopt(ca_sandbox *sb, const ca_limits *lim, const ca_fileset *libs);
/* DESTRUCTOR. NULL is harmless. */
void ca_sandbox_free(ca_sandbox *sb);
/* DESTRUCTOR that watches the finalizers lua_close runs (rule code): -1 with
 * the reason in why if one ran into the memory cap, else 0.  Lua runs
 * finalizers with hooks off, so no instruction budget stops a loop in one:
 * the parent's deadline does (and engine.c flags what the rule had sent).
 * sb is freed either way. */
int ca_sandbox_close(ca_sandbox *sb, char *why, size_t n);
lua_State *ca_sandbox_state(ca_sandbox *sb);

/* Loads a text chunk in a fresh environment and runs it; its first result is
 * left on the stack.  0, or -1 with the reason in why. */
int ca_sandbox_run_chunk(ca_sandbox *sb, const char *chunkname, const char *src, size_t len,
                         char *why, size_t n);
/* Adds a global to every environment made after this call. */
void ca_sandbox_set_global(ca_sandbox *sb, const char *name);  /* pops the value */

/* Starts a new check: its own instruction count. */
void ca_sandbox_check_begin(ca_sandbox *sb);
/* lua_pcall under the limits; on failure the reason (limit broken, error
 * message) goes to why and the stack is left as before the function. */
int ca_sandbox_pcall(ca_sandbox *sb, int nargs, int nresults, char *why, size_t n);
/* Non-zero once the rule as a whole is out of budget or time. */
int ca_sandbox_exhausted(const ca_sandbox *sb);
size_t ca_sandbox_memory(const ca_sandbox *sb);
size_t ca_sandbox_memory_peak(const ca_sandbox *sb);   /* high-water mark of the state */
long ca_sandbox_instructions(const ca_sandbox *sb);    /* executed so far, all calls */
void ca_sandbox_set_rule_budget(ca_sandbox *sb, long instructions);
/* Calls the function below its nargs arguments (as lua_call) with the
 * per-check instruction count paused: work shared by every check of the rule
 * (ctx:once) counts against the rule's budget, not the check that asked first.
 * Errors propagate (lua_error). */
int ca_sandbox_call_shared(lua_State *L, int nargs, int nresults);
/* Counts n instructions of work the engine did in C for the running Lua code
 * (the flow searches: one per action and edge they visit) against the check's
 * and the rule's budgets, as if Lua had run them, so budgets bound that work
 * too and stay machine-independent; raises the budget error when one is
 * exhausted.  Does nothing in a Lua state that is no sandbox's. */
void ca_sandbox_charge(lua_State *L, long n);

#endif
