/*
 * syscall_table.c - one row per syscall of the target architecture. Numbers and names come
 * from the kernel header at build time (target/gen/ARCH/syscall_nrs.h: SL_NR_<name> and
 * syscall_names[]), so this file builds for any architecture the Makefile knows, whatever the
 * host. The rows add argument counts, fd effects and decoders. To decode one more syscall: add
 * or extend its row here and write its decoder in the decode_<family>.c file it belongs to.
 */
#include "syscall_table.h"

#include <stddef.h>
#include <string.h>

#include "decode.h"
#include "syscall_nrs.h"

#define ROW(name, nargs, flags, decoder) [SL_NR_##name] = { nargs, flags, decoder, #name }

static const struct syscall_row rows[] = {
	/* decode_file.c */
	ROW(openat, 4, SF_RET_FD, decode_openat),
	ROW(openat2, 4, SF_RET_FD, decode_openat2),
	ROW(open_by_handle_at, 3, SF_RET_FD, NULL),
	/* decode_path.c */
	ROW(faccessat, 3, 0, decode_faccessat),
	ROW(faccessat2, 4, 0, decode_faccessat2),
	ROW(mkdirat, 3, 0, decode_mkdirat),
	ROW(unlinkat, 3, 0, decode_unlinkat),
	ROW(renameat, 4, 0, decode_renameat),
	ROW(renameat2, 5, 0, decode_renameat2),
	ROW(readlinkat, 4, 0, decode_readlinkat),
	ROW(fchmod, 2, 0, decode_fchmod),
	ROW(fchmodat, 3, 0, decode_fchmodat),
	ROW(truncate, 2, 0, decode_truncate),
	ROW(getdents64, 3, 0, decode_getdents64),
	ROW(chdir, 1, SF_CHDIR, decode_path_only),
	ROW(fchdir, 1, SF_CHDIR, decode_fd_only),
	ROW(getcwd, 2, 0, NULL),
	/* decode_stat.c */
	ROW(fstat, 2, 0, decode_fstat),
	ROW(newfstatat, 4, 0, decode_newfstatat),
	ROW(statx, 5, 0, decode_statx),
	ROW(fstatfs, 2, 0, NULL),
	/* decode_fd.c */
	ROW(read, 3, 0, decode_read),
	ROW(write, 3, 0, decode_write),
	ROW(pread64, 4, 0, decode_pread),
	ROW(pwrite64, 4, 0, decode_pwrite),
	ROW(close, 1, SF_CLOSES_FD, decode_close),
	ROW(close_range, 3, SF_CLOSES_ANY, decode_close_range),
	ROW(dup, 1, SF_RET_FD, decode_fd_only),
	ROW(dup3, 3, SF_RET_FD, decode_dup3),
	ROW(lseek, 3, 0, decode_lseek),
	ROW(ftruncate, 2, 0, decode_ftruncate),
	ROW(fsync, 1, 0, decode_fd_only),
	ROW(fdatasync, 1, 0, decode_fd_only),
	ROW(flock, 2, 0, decode_flock),
	ROW(pipe2, 2, SF_FD_PAIR, decode_pipe),
	ROW(eventfd2, 2, SF_RET_FD, decode_eventfd2),
	ROW(timerfd_create, 2, SF_RET_FD, NULL),
	ROW(signalfd4, 4, SF_RET_FD, NULL),
	ROW(inotify_init1, 1, SF_RET_FD, NULL),
	ROW(memfd_create, 2, SF_RET_FD, NULL),
	ROW(pidfd_open, 2, SF_RET_FD, NULL),
	ROW(pidfd_getfd, 3, SF_RET_FD, NULL),
	ROW(userfaultfd, 1, SF_RET_FD, NULL),
	ROW(perf_event_open, 5, SF_RET_FD, NULL),
	ROW(fanotify_init, 2, SF_RET_FD, NULL),
	ROW(io_uring_setup, 2, SF_RET_FD, NULL),
	ROW(mq_open, 4, SF_RET_FD, NULL),
	/* decode_iov.c */
	ROW(readv, 3, 0, decode_readv),
	ROW(writev, 3, 0, decode_writev),
	ROW(preadv, 5, 0, decode_preadv),
	ROW(pwritev, 5, 0, decode_pwritev),
	ROW(preadv2, 6, 0, decode_preadv2),
	ROW(pwritev2, 6, 0, decode_pwritev2),
	/* decode_xfer.c */
	ROW(sendfile, 4, 0, decode_sendfile),
	ROW(copy_file_range, 6, 0, decode_copy_file_range),
	ROW(splice, 6, 0, decode_splice),
	ROW(sync_file_range, 4, 0, decode_sync_file_range),
	ROW(fallocate, 4, 0, decode_fallocate),
	ROW(fadvise64, 4, 0, decode_fadvise64),
	/* decode_fcntl.c, decode_ioctl.c */
	ROW(fcntl, 3, 0, decode_fcntl),
	ROW(ioctl, 3, 0, decode_ioctl),
	/* decode_poll.c, decode_epoll.c */
	ROW(ppoll, 5, 0, decode_ppoll),
	ROW(pselect6, 6, 0, decode_pselect6),
	ROW(epoll_create1, 1, SF_RET_FD, decode_epoll_create1),
	ROW(epoll_ctl, 4, 0, decode_epoll_ctl),
	ROW(epoll_pwait, 6, 0, decode_epoll_pwait),
	ROW(epoll_pwait2, 6, 0, decode_epoll_pwait2),
	/* decode_net.c, decode_sockopt.c, decode_msg.c */
	ROW(socket, 3, SF_RET_FD, decode_socket),
	ROW(socketpair, 4, SF_FD_PAIR, decode_socketpair),
	ROW(bind, 3, 0, decode_bind),
	ROW(connect, 3, 0, decode_bind),
	ROW(listen, 2, 0, decode_listen),
	ROW(accept, 3, SF_RET_FD, decode_sockname),
	ROW(accept4, 4, SF_RET_FD, decode_accept4),
	ROW(getsockname, 3, 0, decode_sockname),
	ROW(getpeername, 3, 0, decode_sockname),
	ROW(recvfrom, 6, 0, decode_recvfrom),
	ROW(sendto, 6, 0, decode_sendto),
	ROW(shutdown, 2, 0, decode_shutdown),
	ROW(setsockopt, 5, 0, decode_setsockopt),
	ROW(getsockopt, 5, 0, decode_getsockopt),
	ROW(sendmsg, 3, 0, decode_sendmsg),
	ROW(recvmsg, 3, 0, decode_recvmsg),
	ROW(sendmmsg, 4, 0, decode_sendmmsg),
	ROW(recvmmsg, 5, 0, decode_recvmmsg),
	/* decode_mem.c */
	ROW(mmap, 6, SF_RET_ADDR, decode_mmap),
	ROW(munmap, 2, 0, decode_munmap),
	ROW(mprotect, 3, 0, decode_mprotect),
	ROW(mremap, 5, SF_RET_ADDR, decode_mremap),
	ROW(madvise, 3, 0, decode_madvise),
	ROW(brk, 1, SF_RET_ADDR, decode_brk),
	ROW(msync, 3, 0, decode_msync),
	ROW(mincore, 3, 0, decode_mincore),
	ROW(membarrier, 3, 0, NULL),
	ROW(process_vm_readv, 6, 0, NULL),
	/* decode_proc.c */
	ROW(execve, 3, SF_EXEC, decode_execve),
	ROW(execveat, 5, SF_EXEC, NULL),
	ROW(exit, 1, 0, decode_exit),
	ROW(exit_group, 1, 0, decode_exit),
	ROW(clone, 5, 0, decode_clone),
	ROW(clone3, 2, 0, decode_clone3),
	ROW(wait4, 4, 0, decode_wait4),
	ROW(waitid, 5, 0, NULL),
	ROW(kill, 2, 0, decode_kill),
	ROW(tkill, 2, 0, decode_kill),
	ROW(tgkill, 3, 0, decode_tgkill),
	/* not decoded yet: arguments in hex */
	ROW(futex, 6, 0, NULL),
	ROW(set_robust_list, 2, 0, NULL),
	ROW(set_tid_address, 1, 0, NULL),
	ROW(rseq, 4, 0, NULL),
	ROW(gettid, 0, 0, decode_none),
	ROW(getpid, 0, 0, decode_none),
	ROW(getppid, 0, 0, decode_none),
	ROW(getuid, 0, 0, decode_none),
	ROW(geteuid, 0, 0, decode_none),
	ROW(getgid, 0, 0, decode_none),
	ROW(getegid, 0, 0, decode_none),
	ROW(setsid, 0, 0, decode_none),
	ROW(sched_yield, 0, 0, decode_none),
	ROW(sched_getaffinity, 3, 0, NULL),
	ROW(sched_setaffinity, 3, 0, NULL),
	ROW(rt_sigaction, 4, 0, NULL),
	ROW(rt_sigprocmask, 4, 0, NULL),
	ROW(rt_sigreturn, 0, 0, NULL),
	ROW(sigaltstack, 2, 0, NULL),
	ROW(restart_syscall, 0, 0, NULL),
	ROW(prctl, 5, 0, NULL),
	ROW(prlimit64, 4, 0, NULL),
	ROW(getrusage, 2, 0, NULL),
	ROW(sysinfo, 1, 0, NULL),
	ROW(uname, 1, 0, NULL),
	ROW(umask, 1, 0, NULL),
	ROW(getrandom, 3, 0, NULL),
	ROW(clock_gettime, 2, 0, NULL),
	ROW(clock_getres, 2, 0, NULL),
	ROW(clock_nanosleep, 4, 0, NULL),
	ROW(nanosleep, 2, 0, NULL),
	ROW(gettimeofday, 2, 0, NULL),
	ROW(timer_create, 3, 0, NULL),
	ROW(timer_settime, 4, 0, NULL),
	ROW(timer_delete, 1, 0, NULL),
	ROW(seccomp, 3, 0, NULL),
#ifdef SL_NR_open
	/* Calls that newer architectures (aarch64) only have in their *at or 2/3 forms: the
	 * generic list of asm-generic/unistd.h leaves all of them out. */
	ROW(open, 3, SF_RET_FD, decode_open),
	ROW(creat, 2, SF_RET_FD, decode_creat),
	ROW(stat, 2, 0, decode_stat),
	ROW(lstat, 2, 0, decode_stat),
	ROW(access, 2, 0, decode_access),
	ROW(mkdir, 2, 0, decode_mkdir),
	ROW(rmdir, 1, 0, decode_path_only),
	ROW(unlink, 1, 0, decode_path_only),
	ROW(rename, 2, 0, decode_rename),
	ROW(readlink, 3, 0, decode_readlink),
	ROW(chmod, 2, 0, decode_chmod),
	ROW(dup2, 2, SF_RET_FD, decode_dup2),
	ROW(pipe, 1, SF_FD_PAIR, decode_pipe),
	ROW(eventfd, 1, SF_RET_FD, NULL),
	ROW(epoll_create, 1, SF_RET_FD, decode_epoll_create),
	ROW(signalfd, 3, SF_RET_FD, NULL),
	ROW(inotify_init, 0, SF_RET_FD, decode_none),
	ROW(epoll_wait, 4, 0, decode_epoll_wait),
	ROW(poll, 3, 0, decode_poll),
	ROW(select, 5, 0, decode_select),
	ROW(fork, 0, 0, decode_none),
	ROW(vfork, 0, 0, decode_none),
#endif
#ifdef SL_NR_arch_prctl
	ROW(arch_prctl, 2, 0, NULL),
#endif
};

#define NROWS  (sizeof(rows) / sizeof(rows[0]))
#define NNAMES (sizeof(syscall_names) / sizeof(syscall_names[0]))

const struct syscall_row *syscall_row(int nr)
{
	/* Numbers without a row: named from the header, all six arguments in hex. */
	static struct syscall_row generic[NNAMES > NROWS ? NNAMES : NROWS];
	static const struct syscall_row unknown = { 6, 0, decode_generic, NULL };
	struct syscall_row *r;

	if (nr < 0 || (size_t)nr >= sizeof(generic) / sizeof(generic[0]))
		return &unknown;
	if ((size_t)nr < NROWS && rows[nr].name)
		return &rows[nr];
	r = &generic[nr];
	if (!r->decode) {
		r->nargs = 6;
		r->decode = decode_generic;
		r->name = (size_t)nr < NNAMES ? syscall_names[nr] : NULL;
	}
	return r->name ? r : &unknown;
}

int syscall_nr(const char *name)
{
	size_t i;

	for (i = 0; i < NNAMES; i++)
		if (syscall_names[i] && strcmp(syscall_names[i], name) == 0)
			return (int)i;
	return -1;
}
