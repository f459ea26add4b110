#include "util/fsutil.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int ca_read_file(const char *path, long cap, char **data, size_t *len, ca_err *err) {
  *data = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ca_errf(err, CA_EXIT_USAGE, "%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return ca_errf(err, CA_EXIT_USAGE, "%s: not a regular file", path);
  }
  if (st.st_size > cap) {
    close(fd);
    return ca_errf(err, CA_EXIT_USAGE, "%s: %lld bytes, more than the limit of %ld",
                   path, (long long)st.st_size, cap);
  }
  size_t want = (size_t)st.st_size;
  char *buf = malloc(want + 1);
  if (!buf) {
    close(fd);
    return ca_errf(err, CA_EXIT_RUN, "%s: out of memory reading %zu bytes", path, want);
  }
  size_t got = 0;
  while (got < want) {
    ssize_t n = read(fd, buf + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  if (got != want) {
    free(buf);
    return ca_errf(err, CA_EXIT_RUN, "%s: short read (%zu of %zu bytes)", path, got, want);
  }
  buf[got] = '\0';
  *data = buf;
  *len = got;
  return 0;
}

static int split_real(const char *path, char dir[PATH_MAX], char base[NAME_MAX + 1]);

/* When this run started: only temporary files older than it are a killed
 * run's (a live run's are younger, and locked). */
static struct timespec run_started;
__attribute__((constructor)) static void note_start(void) { clock_gettime(CLOCK_REALTIME, &run_started); }

static int temp_name_of(const char *name, const char *base) {
  size_t n = strlen(base);
  if (strncmp(name, base, n) || name[n] != '.' || strlen(name + n + 1) != 6) return 0;
  for (const char *p = name + n + 1; *p; p++)   /* mkstemp's letters */
    if (!isalnum((unsigned char)*p)) return 0;
  return 1;
}

/* A run killed between mkstemp and rename leaves "<path>.XXXXXX" behind; the
 * next write of path removes those: our own pattern only, regular files
 * older than this run that no live writer holds locked (ca_write_atomic
 * keeps its temporary file locked until the rename). */
static void sweep_temps(const char *path) {
  char dir[PATH_MAX], base[NAME_MAX + 1];
  if (split_real(path, dir, base)) return;
  DIR *d = opendir(dir);
  if (!d) return;
  int dfd = dirfd(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!temp_name_of(e->d_name, base)) continue;
    int fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (st.st_mtim.tv_sec < run_started.tv_sec ||
         (st.st_mtim.tv_sec == run_started.tv_sec && st.st_mtim.tv_nsec < run_started.tv_nsec)) &&
        flock(fd, LOCK_EX | LOCK_NB) == 0)
      unlinkat(dfd, e->d_name, 0);
    close(fd);
  }
  closedir(d);
}

static int write_all(int fd, const char *data, size_t len) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return -1;
    off += (size_t)w;
  }
  return 0;
}

/* "-", /dev/stdout and kin, a FIFO, a device: written in place, since a
 * rename would replace the name (the /dev/stdout symlink, as root) instead
 * of writing to what it names. 0: path is not one; 1: *fd is it (*own: ours
 * to close); -1: err set. */
static int in_place_fd(const char *path, int *fd, int *own, ca_err *err) {
  static const struct { const char *name; int fd; } std[] = {
    {"-", 1}, {"/dev/stdout", 1}, {"/dev/stderr", 2}, {"/dev/fd/1", 1}, {"/dev/fd/2", 2},
    {"/proc/self/fd/1", 1}, {"/proc/self/fd/2", 2}};
  *fd = -1;
  *own = 0;
  for (size_t i = 0; i < sizeof std / sizeof std[0] && *fd < 0; i++)
    if (!strcmp(path, std[i].name)) *fd = std[i].fd;
  if (*fd >= 0) return 1;
  struct stat st;
  if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return 0;
  if ((*fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
    return ca_errf(err, CA_EXIT_RUN, "%s: cannot open for writing: %s", path, strerror(errno));
  *own = 1;
  return 1;
}

struct ca_wfile {
  char *path, *tmp;     /* tmp NULL: written in place */
  int fd, own, bad;     /* bad: errno of the first failed write, or 0 */
  size_t len;
  char buf[64 * 1024];
};

static const char *shown_name(const char *path) { return !strcmp(path, "-") ? "standard output" : path; }

ca_wfile *ca_wfile_open(const char *path, ca_err *err) {
  ca_wfile *w = calloc(1, sizeof *w);
  if (!w || !(w->path = strdup(path))) {
    free(w);
    ca_errf(err, CA_EXIT_RUN, "%s: out of memory", path);
    return NULL;
  }
  int in_place = in_place_fd(path, &w->fd, &w->own, err);
  if (in_place) {
    if (in_place > 0) return w;
    free(w->path);
    free(w);
    return NULL;
  }
  sweep_temps(path);
  size_t n = strlen(path);
  w->own = 1;
  if ((w->tmp = malloc(n + 8))) {
    memcpy(w->tmp, path, n);
    memcpy(w->tmp + n, ".XXXXXX", 8);
    w->fd = mkstemp(w->tmp);
  }
  if (!w->tmp || w->fd < 0) {
    if (w->tmp) ca_errf(err, CA_EXIT_RUN, "%s: cannot create a temporary file beside it: %s", path, strerror(errno));
    else ca_errf(err, CA_EXIT_RUN, "%s: out of memory", path);
    free(w->tmp);
    free(w->path);
    free(w);
    return NULL;
  }
  flock(w->fd, LOCK_EX);   /* a sweep of another run leaves it alone (sweep_temps) */
  return w;
}

static void wfile_flush(ca_wfile *w) {
  if (!w->bad && w->len && write_all(w->fd, w->buf, w->len)) w->bad = errno ? errno : EIO;
  w->len = 0;
}

int ca_wfile_write(ca_wfile *w, const void *data, size_t len) {
  if (len > sizeof w->buf - w->len) {
    wfile_flush(w);
    if (len >= sizeof w->buf) {
      if (!w->bad && write_all(w->fd, data, len)) w->bad = errno ? errno : EIO;
      return w->bad ? -1 : 0;
    }
  }
  memcpy(w->buf + w->len, data, len);
  w->len += len;
  return w->bad ? -1 : 0;
}

void ca_wfile_abort(ca_wfile *w) {
  if (!w) return;
  if (w->own) close(w->fd);
  if (w->tmp) unlink(w->tmp);
  free(w->tmp);
  free(w->path);
  free(w);
}

int ca_wfile_commit(ca_wfile *w, ca_err *err) {
  wfile_flush(w);
  int saved = w->bad;
  int ok = !saved;
  if (w->tmp) {
    ok = ok && fchmod(w->fd, 0644) == 0 && fsync(w->fd) == 0;
    if (!ok && !saved) saved = errno;
  }
  if (w->own && close(w->fd) != 0 && ok) ok = 0, saved = errno;
  w->own = 0;
  if (ok && w->tmp && rename(w->tmp, w->path) != 0) ok = 0, saved = errno;
  if (ok) {
    free(w->tmp);
    w->tmp = NULL;
  } else {
    ca_errf(err, CA_EXIT_RUN, "%s: cannot write: %s", shown_name(w->path), strerror(saved));
  }
  ca_wfile_abort(w);
  return ok ? 0 : -1;
}

int ca_write_atomic(const char *path, const char *data, size_t len, ca_err *err) {
  ca_wfile *w = ca_wfile_open(path, err);
  if (!w) return -1;
  ca_wfile_write(w, data, len);
  return ca_wfile_commit(w, err);
}

int ca_mkdirs(const char *path, ca_err *err) {
  char *p = strdup(path);
  if (!p) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  for (char *s = p + 1; ; s++) {
    if (*s == '/' || *s == '\0') {
      char c = *s;
      *s = '\0';
      if (mkdir(p, 0755) != 0 && errno != EEXIST) {
        ca_errf(err, CA_EXIT_RUN, "%s: cannot create folder: %s", p, strerror(errno));
        free(p);
        return -1;
      }
      *s = c;
      if (!c) break;
    }
  }
  free(p);
  if (!ca_is_dir(path)) return ca_errf(err, CA_EXIT_USAGE, "%s: exists and is not a folder", path);
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int ca_list_dir(const char *path, char ***names, size_t *count, ca_err *err) {
  *names = NULL;
  *count = 0;
  DIR *d = opendir(path);
  if (!d) return ca_errf(err, CA_EXIT_USAGE, "%s: cannot open folder: %s", path, strerror(errno));
  size_t n = 0, cap = 16;
  char **v = malloc(cap * sizeof *v);
  struct dirent *e;
  while (v && (e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (n + 1 >= cap) {
      char **nv = realloc(v, (cap *= 2) * sizeof *v);
      if (!nv) { ca_free_list((v[n] = NULL, v)); v = NULL; break; }
      v = nv;
    }
    v[n] = strdup(e->d_name);
    if (!v[n]) { ca_free_list(v); v = NULL; break; }
    n++;
  }
  closedir(d);
  if (!v) return ca_errf(err, CA_EXIT_RUN, "%s: out of memory listing folder", path);
  v[n] = NULL;
  qsort(v, n, sizeof *v, cmp_str);
  *names = v;
  *count = n;
  return 0;
}

void ca_free_list(char **names) {
  if (!names) return;
  for (char **p = names; *p; p++) free(*p);
  free(names);
}

int ca_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int ca_is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The real folder of a path that may not exist yet, and its last part. */
static int split_real(const char *path, char dir[PATH_MAX], char base[NAME_MAX + 1]) {
  char tmp[PATH_MAX];
  if (strlen(path) >= sizeof tmp) return -1;
  strcpy(tmp, path);
  const char *b = basename(tmp);
  if (strlen(b) > NAME_MAX) return -1;
  strcpy(base, b);
  strcpy(tmp, path);
  return realpath(dirname(tmp), dir) ? 0 : -1;
}

int ca_same_file(const char *a, const char *b) {
  struct stat x, y;
  int ha = stat(a, &x) == 0, hb = stat(b, &y) == 0;
  if (ha && hb) return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
  if (ha != hb) return 0;   /* one exists and the other does not: different */
  char da[PATH_MAX], db[PATH_MAX], ba[NAME_MAX + 1], bb[NAME_MAX + 1];
  return !split_real(a, da, ba) && !split_real(b, db, bb) && !strcmp(da, db) && !strcmp(ba, bb);
}

int ca_output_not_input(const char *out, const char *const *inputs, size_t n, ca_err *err) {
  for (size_t i = 0; i < n; i++)
    if (inputs[i] && ca_same_file(out, inputs[i]))
      return ca_errf(err, CA_EXIT_USAGE, "%s: is the input %s (the same file); an output never replaces an input: "
                     "write it elsewhere", out, inputs[i]);
  return 0;
}

int ca_check_writable(const char *path, ca_err *err) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return ca_errf(err, CA_EXIT_USAGE, "%s: is a folder; expected the name of a file to write", path);
  char dir[PATH_MAX], base[NAME_MAX + 1];
  if (split_real(path, dir, base))
    return ca_errf(err, CA_EXIT_USAGE, "%s: its folder does not exist (%s)", path, strerror(errno));
  if (!ca_is_dir(dir)) return ca_errf(err, CA_EXIT_USAGE, "%s: %s is not a folder", path, dir);
  /* the one sure test (ACLs, read-only mounts, root): create the temporary
   * file ca_write_atomic would, and remove it */
  size_t n = strlen(path);
  char *tmp = malloc(n + 8);
  if (!tmp) return ca_errf(err, CA_EXIT_RUN, "%s: out of memory", path);
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".XXXXXX", 8);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int e = errno;
    free(tmp);
    return ca_errf(err, CA_EXIT_USAGE, "%s: cannot write in %s: %s", path, dir, strerror(e));
  }
  close(fd);
  unlink(tmp);
  free(tmp);
  return 0;
}
