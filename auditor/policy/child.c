#include "policy/child.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ca_limits.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Defence in depth under the Lua sandbox: were a hole ever found in it,
 * the rule's process still could not open a file, run a program, start a
 * process, reach the network or signal another process.  A deny-list that
 * answers EPERM (not a kill), so allocators and sanitizers keep working. */
int ca_child_confine(void) {
#if defined(__x86_64__)
#define CA_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define CA_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
#ifdef CA_AUDIT_ARCH
  static const int denied[] = {
#ifdef __NR_open
    __NR_open, __NR_creat, __NR_fork, __NR_vfork, __NR_rename, __NR_mkdir, __NR_rmdir,
    __NR_unlink, __NR_chmod, __NR_chown, __NR_link, __NR_symlink,
#endif
    __NR_openat, __NR_execve, __NR_execveat, __NR_clone, __NR_socket, __NR_socketpair,
    __NR_connect, __NR_bind, __NR_listen, __NR_accept4, __NR_unlinkat, __NR_renameat,
    __NR_renameat2, __NR_mkdirat, __NR_fchmodat, __NR_fchownat, __NR_linkat, __NR_symlinkat,
    __NR_truncate, __NR_ptrace, __NR_kill, __NR_mount, __NR_process_vm_writev,
#ifdef __NR_openat2
    __NR_openat2,
#endif
#ifdef __NR_clone3
    __NR_clone3,
#endif
  };
  enum { N = sizeof denied / sizeof denied[0] };
  struct sock_filter f[4 + 2 * N + 1];
  int k = 0;
  f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
  f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CA_AUDIT_ARCH, 1, 0);
  f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);   /* another ABI */
  f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
  for (int i = 0; i < N; i++) {
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied[i], 0, 1);
    f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
  }
  f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  struct sock_fprog prog = {(unsigned short)k, f};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0 ? 0 : -1;
#else
  return 0;
#endif
}

/* ---- the output's shared mapping -------------------------------------------
 * Made before the fork, CA_MAX_CHILD_OUTPUT bytes and a page: the rule's
 * process appends its lines at the start and, after each whole write,
 * publishes how many bytes are whole in a header past the last byte it may
 * write; the parent reads them in place once the process has ended (no
 * pipe copy, no second buffer to fault in).  A process killed in the middle
 * of a write leaves only the writes it finished.  The parent trusts nothing
 * of it but bounds-checked lengths.  A write past the cap fills it, says so
 * and kills its process, as the parent killed one that flooded the pipe:
 * the same first CA_MAX_CHILD_OUTPUT bytes are read. */
typedef struct chan_hdr {
  size_t committed;   /* whole bytes at the mapping's start */
  int overflowed;     /* a write did not fit */
} chan_hdr;

#define CHAN_CAP ((size_t)CA_MAX_CHILD_OUTPUT)
#define CHAN_HDR_AT (CHAN_CAP + 64)   /* past the NUL the parent puts at [committed] */

static size_t chan_size(void) {
  size_t pg = (size_t)sysconf(_SC_PAGESIZE);
  return (CHAN_HDR_AT + sizeof(chan_hdr) + pg - 1) / pg * pg;
}

static struct {   /* in a rule's process: its mapping, and what it wrote (its own count) */
  char *data;
  size_t len;
} chan;

static int write_fd(int fd, const char *s, size_t n) {
  size_t off = 0;
  while (off < n) {
    ssize_t w = write(fd, s + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return -1;
    off += (size_t)w;
  }
  return 0;
}

int ca_child_write(int fd, const char *s, size_t n) {
  if (!chan.data) return write_fd(fd, s, n);
  chan_hdr *h = (chan_hdr *)(void *)(chan.data + CHAN_HDR_AT);
  size_t k = n < CHAN_CAP - chan.len ? n : CHAN_CAP - chan.len;
  memcpy(chan.data + chan.len, s, k);
  chan.len += k;
  __atomic_store_n(&h->committed, chan.len, __ATOMIC_RELEASE);
  if (k == n) return 0;
  __atomic_store_n(&h->overflowed, 1, __ATOMIC_RELEASE);
  raise(SIGKILL);   /* tgkill: seccomp denies kill(2) only */
  _exit(137);
}

static void in_child(ca_proc *p, int wfd) {
  /* Die with the parent; no core files from rules that crash on purpose;
   * the CPU limit backs up the parent's deadline. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  struct rlimit core = {0, 0};
  setrlimit(RLIMIT_CORE, &core);
  rlim_t cpu = (rlim_t)p->timeout_s + 5;
  struct rlimit cpul = {cpu, cpu + 1};
  setrlimit(RLIMIT_CPU, &cpul);
  signal(SIGPIPE, SIG_DFL);
  /* Hold nothing of the parent's but the pipe and stderr. */
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, 0);
    dup2(devnull, 1);
  }
  /* close_range: two system calls instead of one per possible descriptor
   * (65,536 per rule process: measurable in an audit of 95 rules). */
#ifdef SYS_close_range
  if (wfd > 3 && syscall(SYS_close_range, 3u, (unsigned)wfd - 1, 0u) != 0) wfd = -wfd;
  if (wfd > 0 && syscall(SYS_close_range, (unsigned)wfd + 1, ~0u, 0u) != 0) wfd = -wfd;
#else
  wfd = -wfd;
#endif
  if (wfd < 0) {                     /* a kernel before 5.9: one at a time */
    wfd = -wfd;
    long maxfd = sysconf(_SC_OPEN_MAX);
    if (maxfd < 0 || maxfd > 65536) maxfd = 65536;
    for (int fd = 3; fd < maxfd; fd++)
      if (fd != wfd) close(fd);
  }
  chan.data = p->shm;
  chan.len = 0;
  if (ca_child_confine() != 0) {
    static const char msg[] = "{\"load_error\": \"cannot confine the rule process (seccomp)\"}\n";
    ca_child_write(wfd, msg, sizeof msg - 1);
    _exit(1);
  }
  int rc = p->fn(p->arg, wfd);
  _exit(rc & 0xff);
}

static int start(ca_proc *p, ca_err *err) {
  int fds[2];
  if (pipe(fds) != 0) return ca_errf(err, CA_EXIT_RUN, "cannot create a pipe: %s", strerror(errno));
  /* reserved, not committed: pages come as the process writes them; where
   * it cannot be made the pipe carries the output */
  void *m = mmap(NULL, chan_size(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  p->shm = m == MAP_FAILED ? NULL : m;
#ifdef MADV_HUGEPAGE
  if (p->shm) madvise(p->shm, chan_size(), MADV_HUGEPAGE);   /* where shmem has them */
#endif
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    if (p->shm) munmap(p->shm, chan_size());
    p->shm = NULL;
    return ca_errf(err, CA_EXIT_RUN, "cannot start a rule process: %s", strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    in_child(p, fds[1]);
  }
  /* no rule process forked later gets this one's output */
#ifdef MADV_DONTFORK
  if (p->shm) madvise(p->shm, chan_size(), MADV_DONTFORK);
#endif
  close(fds[1]);
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  p->pid = pid;
  p->fd = fds[0];
  p->start = now_s();
  return 0;
}

/* Reads what is there; returns 1 at end of file.  Straight into p->out's
 * room: a copy through a chunk on the stack was a tenth of an audit's
 * parent at scale.  Past the cap (or once over it) into a scratch that
 * only tells whether more came. */
static int drain(ca_proc *p) {
  enum { STEP = 65536 };   /* a pipe's capacity */
  char scratch[512];
  for (;;) {
    size_t left = p->out.cap - p->out.len;
    /* with a shared mapping nothing comes through the pipe but its end */
    char *room = p->shm || p->overflowed || !left ? NULL : ca_buf_room(&p->out, left < STEP ? left : STEP);
    ssize_t r = room ? read(p->fd, room, left < STEP ? left : STEP) : read(p->fd, scratch, sizeof scratch);
    if (r > 0) {
      if (room) ca_buf_grew(&p->out, (size_t)r);
      else if (!p->overflowed && !p->shm) {
        p->overflowed = 1;
        kill(p->pid, SIGKILL);
      }
      continue;
    }
    if (r == 0) return 1;
    if (errno == EINTR) continue;
    return 0;   /* EAGAIN */
  }
}

static void finish(ca_proc *p) {
  close(p->fd);
  p->fd = -1;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  while (wait4(p->pid, &p->status, 0, &ru) < 0 && errno == EINTR) {}
  p->elapsed_s = now_s() - p->start;
  p->cpu_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
             ru.ru_stime.tv_usec / 1e6;
  p->maxrss_kib = ru.ru_maxrss;
  p->pid = 0;
  if (p->shm) {   /* the process has ended: what it wrote is read in place, its lengths bounded */
    const chan_hdr *h = (const chan_hdr *)(const void *)(p->shm + CHAN_HDR_AT);
    size_t n = h->committed;
    if (h->overflowed || n > CHAN_CAP) p->overflowed = 1;
    if (n > CHAN_CAP) n = CHAN_CAP;
    ca_buf_free(&p->out);
    ca_buf_adopt_shared(&p->out, p->shm, chan_size(), n);
    p->out.cap = CHAN_CAP;
    p->shm = NULL;   /* p->out's now */
  }
}

int ca_procs_run(ca_proc *procs, size_t n, int jobs, ca_err *err) {
  return ca_procs_run_each(procs, n, jobs, NULL, NULL, err);
}

int ca_procs_run_each(ca_proc *procs, size_t n, int jobs, void (*done_fn)(void *arg, ca_proc *p), void *arg,
                      ca_err *err) {
  if (jobs <= 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = c > 0 ? (int)c : 1;
  }
  if (jobs > CA_MAX_JOBS) jobs = CA_MAX_JOBS;
  for (size_t i = 0; i < n; i++) {
    ca_buf_init(&procs[i].out, CA_MAX_CHILD_OUTPUT);
    ca_buf_big(&procs[i].out);   /* only this process reads it: no rule process is handed another's */
    procs[i].fd = -1;
    procs[i].pid = 0;
    procs[i].shm = NULL;
    procs[i].timed_out = procs[i].overflowed = 0;
  }
  size_t next = 0, done = 0;
  struct pollfd *pfd = calloc((size_t)jobs, sizeof *pfd);
  ca_proc **live = calloc((size_t)jobs, sizeof *live);
  int rc = 0;
  if (!pfd || !live) { rc = ca_errf(err, CA_EXIT_RUN, "out of memory"); goto out; }
  int nlive = 0;
  while (done < n) {
    while (nlive < jobs && next < n) {
      if (start(&procs[next], err)) { rc = -1; goto out; }
      live[nlive++] = &procs[next++];
    }
    double t = now_s(), wait = 1.0;
    for (int i = 0; i < nlive; i++) {
      pfd[i].fd = live[i]->fd;
      pfd[i].events = POLLIN;
      pfd[i].revents = 0;
      double left = live[i]->start + live[i]->timeout_s - t;
      if (!live[i]->timed_out && left < wait) wait = left;
    }
    if (wait < 0) wait = 0;
    int pr = poll(pfd, (nfds_t)nlive, (int)(wait * 1000) + 1);
    if (pr < 0 && errno != EINTR) { rc = ca_errf(err, CA_EXIT_RUN, "poll: %s", strerror(errno)); goto out; }
    t = now_s();
    for (int i = 0; i < nlive; i++) {
      ca_proc *p = live[i];
      int eof = (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) ? drain(p) : 0;
      if (!eof && !p->timed_out && t > p->start + p->timeout_s) {
        p->timed_out = 1;
        kill(p->pid, SIGKILL);
      }
      if (eof) {
        finish(p);
        if (done_fn) done_fn(arg, p);
        live[i] = live[--nlive];
        pfd[i] = pfd[nlive];
        i--;
        done++;
      }
    }
  }
out:
  for (size_t i = 0; i < n; i++)
    if (procs[i].pid > 0) {           /* on an error path: leave no child behind */
      kill(procs[i].pid, SIGKILL);
      finish(&procs[i]);
    }
  free(pfd);
  free(live);
  return rc;
}

void ca_proc_describe(const ca_proc *p, char *out, size_t n) {
  if (p->timed_out) snprintf(out, n, "killed after its wall-clock limit of %.0f s (--rule-timeout)", p->timeout_s);
  else if (p->overflowed) snprintf(out, n, "killed: it wrote more than %ld bytes of findings", (long)CA_MAX_CHILD_OUTPUT);
  else if (WIFSIGNALED(p->status)) snprintf(out, n, "its process died of signal %d (%s)", WTERMSIG(p->status), strsignal(WTERMSIG(p->status)));
  else if (WIFEXITED(p->status) && WEXITSTATUS(p->status)) snprintf(out, n, "its process exited with status %d", WEXITSTATUS(p->status));
  else out[0] = '\0';
}

void ca_procs_free(ca_proc *procs, size_t n) {
  for (size_t i = 0; i < n; i++) ca_buf_free(&procs[i].out);
}
