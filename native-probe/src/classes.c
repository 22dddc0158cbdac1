/*
 * classes.c - see classes.h. The table is by name, not number, so it serves every
 * architecture; syscall_class() turns it into a lookup by number on first use.
 */
#include "classes.h"

#include <stdlib.h>
#include <string.h>

#include "syscall_table.h"

#define MAX_NR 1024 /* above every syscall number of x86_64 and aarch64 */

struct class_row {
	const char *name;
	unsigned char classes;
};

/* Sorted by name, for bsearch. */
static const struct class_row rows[] = {
	{ "accept", CL_NETWORK },
	{ "accept4", CL_NETWORK },
	{ "access", CL_FILE },
	{ "acct", CL_FILE },
	{ "bind", CL_NETWORK | CL_SOCK_STATE },
	{ "bpf", CL_DESC },
	{ "chdir", CL_FILE },
	{ "chmod", CL_FILE },
	{ "chown", CL_FILE },
	{ "chroot", CL_FILE },
	{ "close", CL_DESC },
	{ "connect", CL_NETWORK | CL_SOCK_STATE },
	{ "copy_file_range", CL_DESC },
	{ "creat", CL_FILE | CL_DESC },
	{ "dup", CL_DESC },
	{ "dup2", CL_DESC },
	{ "dup3", CL_DESC },
	{ "epoll_create", CL_DESC },
	{ "epoll_create1", CL_DESC },
	{ "epoll_ctl", CL_DESC },
	{ "epoll_pwait", CL_DESC },
	{ "epoll_pwait2", CL_DESC },
	{ "epoll_wait", CL_DESC },
	{ "eventfd", CL_DESC },
	{ "eventfd2", CL_DESC },
	{ "execve", CL_FILE },
	{ "execveat", CL_FILE | CL_DESC },
	{ "faccessat", CL_FILE | CL_DESC },
	{ "faccessat2", CL_FILE | CL_DESC },
	{ "fadvise64", CL_DESC },
	{ "fallocate", CL_DESC },
	{ "fanotify_init", CL_DESC },
	{ "fanotify_mark", CL_FILE | CL_DESC },
	{ "fchdir", CL_DESC },
	{ "fchmod", CL_DESC },
	{ "fchmodat", CL_FILE | CL_DESC },
	{ "fchown", CL_DESC },
	{ "fchownat", CL_FILE | CL_DESC },
	{ "fcntl", CL_DESC },
	{ "fdatasync", CL_DESC },
	{ "fgetxattr", CL_DESC },
	{ "finit_module", CL_DESC },
	{ "flistxattr", CL_DESC },
	{ "flock", CL_DESC },
	{ "fremovexattr", CL_DESC },
	{ "fsconfig", CL_FILE | CL_DESC },
	{ "fsetxattr", CL_DESC },
	{ "fsmount", CL_DESC },
	{ "fsopen", CL_DESC },
	{ "fspick", CL_FILE | CL_DESC },
	{ "fstat", CL_DESC },
	{ "fstatfs", CL_DESC },
	{ "fsync", CL_DESC },
	{ "ftruncate", CL_DESC },
	{ "futimesat", CL_FILE | CL_DESC },
	{ "getcwd", CL_FILE },
	{ "getdents", CL_DESC },
	{ "getdents64", CL_DESC },
	{ "getpeername", CL_NETWORK },
	{ "getpmsg", CL_NETWORK },
	{ "getsockname", CL_NETWORK },
	{ "getsockopt", CL_NETWORK },
	{ "getxattr", CL_FILE },
	{ "inotify_add_watch", CL_FILE | CL_DESC },
	{ "inotify_init", CL_DESC },
	{ "inotify_init1", CL_DESC },
	{ "inotify_rm_watch", CL_DESC },
	{ "io_uring_enter", CL_DESC },
	{ "io_uring_register", CL_DESC },
	{ "io_uring_setup", CL_DESC },
	{ "ioctl", CL_DESC },
	{ "kexec_file_load", CL_DESC },
	{ "landlock_add_rule", CL_DESC },
	{ "landlock_create_ruleset", CL_DESC },
	{ "landlock_restrict_self", CL_DESC },
	{ "lchown", CL_FILE },
	{ "lgetxattr", CL_FILE },
	{ "link", CL_FILE },
	{ "linkat", CL_FILE | CL_DESC },
	{ "listen", CL_NETWORK | CL_SOCK_STATE },
	{ "listxattr", CL_FILE },
	{ "llistxattr", CL_FILE },
	{ "lremovexattr", CL_FILE },
	{ "lseek", CL_DESC },
	{ "lsetxattr", CL_FILE },
	{ "lstat", CL_FILE },
	{ "memfd_create", CL_DESC },
	{ "memfd_secret", CL_DESC },
	{ "mkdir", CL_FILE },
	{ "mkdirat", CL_FILE | CL_DESC },
	{ "mknod", CL_FILE },
	{ "mknodat", CL_FILE | CL_DESC },
	{ "mmap", CL_DESC },
	{ "mount", CL_FILE },
	{ "mount_setattr", CL_FILE | CL_DESC },
	{ "move_mount", CL_FILE | CL_DESC },
	{ "mq_getsetattr", CL_DESC },
	{ "mq_notify", CL_DESC },
	{ "mq_open", CL_DESC },
	{ "mq_timedreceive", CL_DESC },
	{ "mq_timedsend", CL_DESC },
	{ "name_to_handle_at", CL_FILE | CL_DESC },
	{ "newfstatat", CL_FILE | CL_DESC },
	{ "open", CL_FILE | CL_DESC },
	{ "open_by_handle_at", CL_DESC },
	{ "open_tree", CL_FILE | CL_DESC },
	{ "openat", CL_FILE | CL_DESC },
	{ "openat2", CL_FILE | CL_DESC },
	{ "perf_event_open", CL_DESC },
	{ "pidfd_getfd", CL_DESC },
	{ "pidfd_open", CL_DESC },
	{ "pidfd_send_signal", CL_DESC },
	{ "pipe", CL_DESC },
	{ "pipe2", CL_DESC },
	{ "pivot_root", CL_FILE },
	{ "poll", CL_DESC },
	{ "ppoll", CL_DESC },
	{ "pread64", CL_DESC },
	{ "preadv", CL_DESC },
	{ "preadv2", CL_DESC },
	{ "process_madvise", CL_DESC },
	{ "process_mrelease", CL_DESC },
	{ "pselect6", CL_DESC },
	{ "putpmsg", CL_NETWORK },
	{ "pwrite64", CL_DESC },
	{ "pwritev", CL_DESC },
	{ "pwritev2", CL_DESC },
	{ "quotactl", CL_FILE },
	{ "quotactl_fd", CL_DESC },
	{ "read", CL_DESC },
	{ "readahead", CL_DESC },
	{ "readlink", CL_FILE },
	{ "readlinkat", CL_FILE | CL_DESC },
	{ "readv", CL_DESC },
	{ "recvfrom", CL_NETWORK },
	{ "recvmmsg", CL_NETWORK },
	{ "recvmsg", CL_NETWORK },
	{ "removexattr", CL_FILE },
	{ "rename", CL_FILE | CL_PATH_MOVE },
	{ "renameat", CL_FILE | CL_DESC | CL_PATH_MOVE },
	{ "renameat2", CL_FILE | CL_DESC | CL_PATH_MOVE },
	{ "rmdir", CL_FILE | CL_PATH_MOVE },
	{ "select", CL_DESC },
	{ "sendfile", CL_NETWORK | CL_DESC },
	{ "sendmmsg", CL_NETWORK | CL_SOCK_STATE },
	{ "sendmsg", CL_NETWORK | CL_SOCK_STATE },
	{ "sendto", CL_NETWORK | CL_SOCK_STATE },
	{ "setns", CL_DESC },
	{ "setsockopt", CL_NETWORK },
	{ "setxattr", CL_FILE },
	{ "shutdown", CL_NETWORK },
	{ "signalfd", CL_DESC },
	{ "signalfd4", CL_DESC },
	{ "socket", CL_NETWORK },
	{ "socketpair", CL_NETWORK },
	{ "splice", CL_DESC },
	{ "stat", CL_FILE },
	{ "statfs", CL_FILE },
	{ "statx", CL_FILE | CL_DESC },
	{ "swapoff", CL_FILE },
	{ "swapon", CL_FILE },
	{ "symlink", CL_FILE },
	{ "symlinkat", CL_FILE | CL_DESC },
	{ "sync_file_range", CL_DESC },
	{ "syncfs", CL_DESC },
	{ "tee", CL_DESC },
	{ "timerfd_create", CL_DESC },
	{ "timerfd_gettime", CL_DESC },
	{ "timerfd_settime", CL_DESC },
	{ "truncate", CL_FILE },
	{ "umount2", CL_FILE },
	{ "unlink", CL_FILE | CL_PATH_MOVE },
	{ "unlinkat", CL_FILE | CL_DESC | CL_PATH_MOVE },
	{ "uselib", CL_FILE },
	{ "userfaultfd", CL_DESC },
	{ "utime", CL_FILE },
	{ "utimensat", CL_FILE | CL_DESC },
	{ "utimes", CL_FILE },
	{ "vmsplice", CL_DESC },
	{ "write", CL_DESC },
	{ "writev", CL_DESC },
};

static int by_name(const void *key, const void *row)
{
	return strcmp(key, ((const struct class_row *)row)->name);
}

static unsigned of_name(const char *name)
{
	const struct class_row *r;

	if (!name)
		return 0;
	r = bsearch(name, rows, sizeof(rows) / sizeof(rows[0]), sizeof(rows[0]), by_name);
	return r ? r->classes : 0;
}

unsigned syscall_class(int nr)
{
	static unsigned char by_nr[MAX_NR];
	static int ready;
	int i;

	if (!ready) {
		for (i = 0; i < MAX_NR; i++)
			by_nr[i] = (unsigned char)of_name(syscall_row(i)->name);
		ready = 1;
	}
	return nr >= 0 && nr < MAX_NR ? by_nr[nr] : 0;
}

unsigned class_by_name(const char *name)
{
	if (name[0] == '%')
		name++;
	if (strcmp(name, "file") == 0)
		return CL_FILE;
	if (strcmp(name, "network") == 0 || strcmp(name, "net") == 0)
		return CL_NETWORK;
	if (strcmp(name, "desc") == 0)
		return CL_DESC;
	return 0;
}
