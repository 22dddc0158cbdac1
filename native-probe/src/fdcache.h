/*
 * fdcache.h - the path behind each fd of a traced process, for -y and agent mode.
 *
 * Filled on first use by readlink(/proc/PID/fd/N), forgotten when the fd is closed or reused
 * (close, dup2/dup3 target, any call returning a new fd), so a busy fd costs no /proc read per
 * syscall. Only calls made by traced threads are seen: an fd closed and reopened by a thread
 * that is not traced (an excluded agent thread) can keep a stale path until it is reused.
 */
#ifndef SL_FDCACHE_H
#define SL_FDCACHE_H

#include <sys/types.h>

struct fd_cache {
	char **paths;  /* indexed by fd; NULL: not known yet */
	int cap;
	char *cwd;     /* the current directory, printed after AT_FDCWD */
};

/* The path of fd in process pid, or NULL when the fd is not open. */
const char *fdc_path(struct fd_cache *c, pid_t pid, int fd);
const char *fdc_cwd(struct fd_cache *c, pid_t pid);
void fdc_forget(struct fd_cache *c, int fd);
void fdc_forget_cwd(struct fd_cache *c);
void fdc_forget_all(struct fd_cache *c);
/* Frees everything: the process is gone. */
void fdc_release(struct fd_cache *c);

#endif
