/*
 * fdcache.h - what -y and -yy print after each fd of a traced process, and agent mode's fd target.
 *
 * The text of an fd is made once, from readlink(/proc/PID/fd/N) (and with -yy from the socket
 * diagnostics of sockinfo.h or the device numbers), and kept until the fd changes: close, a
 * dup2/dup3 target, any call returning a new fd. A socket the kernel could not describe yet
 * (PROTO:[inode]) is asked about again after a bind, connect, listen or send on any socket of
 * the process, and file paths again after an unlink or rename, so a busy fd costs no /proc or
 * netlink query per syscall.
 *
 * Only calls made by traced threads are seen: an fd closed and reopened by a thread that is not
 * traced (an excluded agent thread), or a file renamed by another process, can keep a stale text
 * until the fd is reused.
 */
#ifndef SL_FDCACHE_H
#define SL_FDCACHE_H

#include <sys/types.h>

struct fd_entry;

struct fd_cache {
	struct fd_entry *fds;  /* indexed by fd */
	int cap;
	int unsettled;         /* entries that may change once their socket is bound or connected */
	char *cwd;             /* the current directory, printed after AT_FDCWD */
	pid_t via;             /* a live thread of the process: /proc/<via>/fd/N works even when
				* the leader (whose tid is the pid) has exited */
};

/*
 * The text of fd in process pid, as strace prints it between < and > (a path quoted, with
 * " (deleted)" appended for an unlinked file; -yy: TCP:[...], /dev/null<char 1:3> ...), or
 * NULL when the fd is not open.
 */
const char *fdc_path(struct fd_cache *c, pid_t pid, int fd);
const char *fdc_cwd(struct fd_cache *c, pid_t pid);
void fdc_forget(struct fd_cache *c, int fd);
void fdc_forget_cwd(struct fd_cache *c);
void fdc_forget_all(struct fd_cache *c);
/* A socket of the process may have been bound or connected: forget the sockets not described. */
void fdc_forget_unsettled(struct fd_cache *c);
/* A file was unlinked or renamed: forget every file path. */
void fdc_forget_paths(struct fd_cache *c);
/* Frees everything: the process is gone. */
void fdc_release(struct fd_cache *c);

#endif
