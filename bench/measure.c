/*
 * measure.c -- runs a command N times and prints whole-process figures:
 * wall time (median, min, max), CPU time (user+sys, median) and peak RSS
 * (median of ru_maxrss).  Nothing is timed inside the measured programs.
 *
 *   measure [-n RUNS] [-w WARMUPS] [-l LABEL] [-s FILE] -- COMMAND [ARG]...
 *   measure --header
 *
 * Figures come from fork/exec and wait4(): wall time is the monotonic clock
 * around the child's whole life; CPU time and ru_maxrss are what wait4()
 * reports for the child, which on Linux include its own waited-for children
 * (the audit's rule processes).  ru_maxrss is then the largest resident set
 * of any single process in that tree, not their sum.  The command's stdout
 * goes to /dev/null (or to FILE with -s: the last run's output is kept); its
 * stderr is left alone, so failures explain themselves.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000

typedef struct sample { double wall, cpu, rss_mib; } sample;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv_s(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

static void exec_child(char **cmd, const char *out) {
  int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    fprintf(stderr, "measure: cannot open %s: %s\n", out ? out : "/dev/null", strerror(errno));
    _exit(127);
  }
  dup2(fd, STDOUT_FILENO);
  execvp(cmd[0], cmd);
  fprintf(stderr, "measure: cannot run %s: %s\n", cmd[0], strerror(errno));
  _exit(127);
}

/* One run; 0, or -1 if it could not start or did not exit with status 0. */
static int run_once(char **cmd, const char *out, sample *s) {
  fflush(NULL);
  double t0 = now_s();
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "measure: fork: %s\n", strerror(errno));
    return -1;
  }
  if (pid == 0) exec_child(cmd, out);
  int status;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
      return -1;
    }
  }
  s->wall = now_s() - t0;
  s->cpu = tv_s(ru.ru_utime) + tv_s(ru.ru_stime);
  s->rss_mib = (double)ru.ru_maxrss / 1024.0;     /* Linux: kilobytes */
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "measure: %s %s %d\n", cmd[0], WIFEXITED(status) ? "exited with status" : "died of signal",
            WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return -1;
  }
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median of n values (sorts v). */
static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_header(void) {
  printf("%-34s %4s %9s %9s %9s %9s %9s\n", "what", "runs", "wall_med", "wall_min", "wall_max",
         "cpu_med", "rss_MiB");
}

static void report(const char *label, const sample *s, int n) {
  double w[MAX_RUNS], c[MAX_RUNS], r[MAX_RUNS];
  for (int i = 0; i < n; i++) {
    w[i] = s[i].wall;
    c[i] = s[i].cpu;
    r[i] = s[i].rss_mib;
  }
  double wm = median(w, n);        /* w is sorted from here on */
  printf("%-34s %4d %9.3f %9.3f %9.3f %9.3f %9.1f\n", label, n, wm, w[0], w[n - 1], median(c, n), median(r, n));
}

static int parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < lo || v > hi) return -1;
  *out = (int)v;
  return 0;
}

static const char usage[] =
  "usage: measure [-n RUNS] [-w WARMUPS] [-l LABEL] [-s FILE] -- COMMAND [ARG]...\n"
  "       measure --header\n";

int main(int argc, char **argv) {
  int runs = 5, warm = 1, i = 1;
  const char *label = NULL, *out = NULL;
  if (argc == 2 && !strcmp(argv[1], "--header")) {
    print_header();
    return 0;
  }
  for (; i < argc && strcmp(argv[i], "--"); i++) {
    int ok = i + 1 < argc;
    if (ok && !strcmp(argv[i], "-n")) ok = !parse_int(argv[++i], 1, MAX_RUNS, &runs);
    else if (ok && !strcmp(argv[i], "-w")) ok = !parse_int(argv[++i], 0, 100, &warm);
    else if (ok && !strcmp(argv[i], "-l")) label = argv[++i];
    else if (ok && !strcmp(argv[i], "-s")) out = argv[++i];
    else ok = 0;
    if (!ok) {
      fputs(usage, stderr);
      return 2;
    }
  }
  if (i + 1 >= argc) {
    fputs(usage, stderr);
    return 2;
  }
  char **cmd = argv + i + 1;
  sample *s = calloc((size_t)runs, sizeof *s);
  if (!s) return 1;
  sample ignored;
  int rc = 0;
  for (int k = 0; k < warm && !rc; k++) rc = run_once(cmd, out, &ignored);
  for (int k = 0; k < runs && !rc; k++) rc = run_once(cmd, out, &s[k]);
  if (!rc) report(label ? label : cmd[0], s, runs);
  free(s);
  return rc ? 1 : 0;
}
