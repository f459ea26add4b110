/*
 * child.h -- run policy code in child processes.  Each job is a fork: the
 * child inherits the parsed snapshot (copy-on-write), runs one rule and
 * writes JSON lines (ca_child_write) into a mapping shared with the parent
 * only (a pipe where it could not be made); the parent reads them once the
 * child has ended (the pipe's end of file says so), kills a child that
 * outlives its deadline (one that writes too much kills itself), and so
 * bounds even the work a Lua instruction hook cannot see (a pattern match
 * inside C).
 */
#ifndef CA_CHILD_H
#define CA_CHILD_H
#include "util/buf.h"
#include "util/err.h"

typedef struct ca_proc {
  int (*fn)(void *arg, int fd);   /* runs in the child; returns its exit status */
  void *arg;
  double timeout_s;
  /* filled in by ca_procs_run */
  ca_buf out;                     /* everything the child wrote */
  int status;                     /* waitpid status */
  int timed_out, overflowed;
  double elapsed_s;
  double cpu_s;                   /* user + system CPU of the child (wait4) */
  long maxrss_kib;                /* its peak resident set */
  /* private */
  int pid, fd;
  double start;
  char *shm;                      /* the output's shared mapping (NULL: the pipe carries it) */
} ca_proc;

/* In a rule's process: writes s[0..n) to the parent, whole (a write
 * whose bytes end a line ends whole lines for the parent): into the
 * output's shared mapping when it has one (ca_procs_run), else to fd.
 * 0, or -1 if it could not. */
int ca_child_write(int fd, const char *s, size_t n);

/* In a child: forbid files, programs, processes, sockets and signals to
 * others (seccomp, EPERM).  0 on success. */
int ca_child_confine(void);

/* Runs the jobs, at most `jobs` at a time (0: one per CPU). */
int ca_procs_run(ca_proc *procs, size_t n, int jobs, ca_err *err);
/* The same, handing each job to done (if not NULL) as soon as it has ended
 * (in the order they end), before the next job starts: done can take what
 * it needs from p->out and free it, so the outputs of jobs already read are
 * not held until the last ends (nor inherited by the jobs forked after). */
int ca_procs_run_each(ca_proc *procs, size_t n, int jobs, void (*done)(void *arg, ca_proc *p), void *arg,
                      ca_err *err);
/* "killed by signal 9", "exited with status 3", "" when exit status was 0. */
void ca_proc_describe(const ca_proc *p, char *out, size_t n);
void ca_procs_free(ca_proc *procs, size_t n);

#endif
