#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int ca_write_atomic(const char *path, const char *data, size_t len, ca_err *err) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 8);
  if (!tmp) return ca_errf(err, CA_EXIT_RUN, "%s: out of memory", path);
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".XXXXXX", 8);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    ca_errf(err, CA_EXIT_RUN, "%s: cannot create a temporary file beside it: %s", path, strerror(errno));
    free(tmp);
    return -1;
  }
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) break;
    off += (size_t)w;
  }
  int ok = off == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
  int saved = errno;
  if (close(fd) != 0) ok = 0;
  if (!ok || rename(tmp, path) != 0) {
    if (ok) saved = errno;
    unlink(tmp);
    ca_errf(err, CA_EXIT_RUN, "%s: cannot write: %s", path, strerror(saved));
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
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
