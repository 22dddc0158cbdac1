/*
 * syscall_table.c - one row per syscall of the target architecture. Names come from the
 * kernel header at build time (target/gen/syscall_names.h); the rows below add argument
 * counts, fd effects and decoders. To decode one more syscall: add or extend its row here and
 * write its decoder in the decode_<family>.c file it belongs to.
 */
#include "syscall_table.h"

#include <stddef.h>
#include <sys/syscall.h>

#include "decode.h"
#include "syscall_names.h"

#define ROW(name, nargs, flags, decoder) [__NR_##name] = { nargs, flags, decoder, #name }

static const struct syscall_row rows[] = {
	/* decode_file.c */
	ROW(openat, 4, SF_RET_FD, decode_openat),
	ROW(execve, 3, SF_EXEC, decode_execve),
	ROW(execveat, 5, SF_EXEC, NULL),
	ROW(openat2, 4, SF_RET_FD, NULL),
	ROW(open_by_handle_at, 3, SF_RET_FD, NULL),
	ROW(chdir, 1, SF_CHDIR, NULL),
	ROW(fchdir, 1, SF_CHDIR, NULL),
	/* decode_fd.c */
	ROW(read, 3, 0, decode_read),
	ROW(write, 3, 0, decode_write),
	ROW(pread64, 4, 0, decode_pread),
	ROW(pwrite64, 4, 0, decode_pwrite),
	ROW(close, 1, SF_CLOSES_FD, decode_close),
	ROW(close_range, 3, SF_CLOSES_ANY, NULL),
	ROW(dup, 1, SF_RET_FD, decode_dup),
	ROW(dup3, 3, SF_RET_FD, decode_dup3),
	ROW(lseek, 3, 0, decode_lseek),
	ROW(pipe2, 2, SF_FD_PAIR, decode_pipe),
	ROW(eventfd2, 2, SF_RET_FD, NULL),
	ROW(epoll_create1, 1, SF_RET_FD, NULL),
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
	ROW(readv, 3, 0, NULL),
	ROW(writev, 3, 0, NULL),
	ROW(preadv, 5, 0, NULL),
	ROW(pwritev, 5, 0, NULL),
	ROW(sendfile, 4, 0, NULL),
	ROW(copy_file_range, 6, 0, NULL),
	ROW(fcntl, 3, 0, NULL),
	ROW(ioctl, 3, 0, NULL),
	ROW(fstat, 2, 0, NULL),
	ROW(newfstatat, 4, 0, NULL),
	ROW(statx, 5, 0, NULL),
	ROW(fstatfs, 2, 0, NULL),
	ROW(ftruncate, 2, 0, NULL),
	ROW(fsync, 1, 0, NULL),
	ROW(fdatasync, 1, 0, NULL),
	ROW(fallocate, 4, 0, NULL),
	ROW(flock, 2, 0, NULL),
	ROW(getdents64, 3, 0, NULL),
	ROW(readlinkat, 4, 0, NULL),
	ROW(faccessat, 3, 0, NULL),
	ROW(faccessat2, 4, 0, NULL),
	ROW(unlinkat, 3, 0, NULL),
	ROW(mkdirat, 3, 0, NULL),
	ROW(renameat2, 5, 0, NULL),
	ROW(getcwd, 2, 0, NULL),
	ROW(epoll_ctl, 4, 0, NULL),
	ROW(epoll_pwait, 6, 0, NULL),
	ROW(ppoll, 5, 0, NULL),
	ROW(pselect6, 6, 0, NULL),
	/* decode_net.c */
	ROW(socket, 3, SF_RET_FD, decode_socket),
	ROW(socketpair, 4, SF_FD_PAIR, NULL),
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
	ROW(setsockopt, 5, 0, NULL),
	ROW(getsockopt, 5, 0, NULL),
	ROW(sendmsg, 3, 0, NULL),
	ROW(recvmsg, 3, 0, NULL),
	ROW(sendmmsg, 4, 0, NULL),
	ROW(recvmmsg, 5, 0, NULL),
	/* memory */
	ROW(mmap, 6, SF_RET_ADDR, NULL),
	ROW(munmap, 2, 0, NULL),
	ROW(mprotect, 3, 0, NULL),
	ROW(mremap, 5, SF_RET_ADDR, NULL),
	ROW(madvise, 3, 0, NULL),
	ROW(brk, 1, SF_RET_ADDR, NULL),
	ROW(msync, 3, 0, NULL),
	ROW(mincore, 3, 0, NULL),
	ROW(membarrier, 3, 0, NULL),
	ROW(process_vm_readv, 6, 0, NULL),
	/* processes, threads, signals, time */
	ROW(exit, 1, 0, decode_exit),
	ROW(exit_group, 1, 0, decode_exit),
	ROW(clone, 5, 0, NULL),
	ROW(clone3, 2, 0, NULL),
	ROW(wait4, 4, 0, NULL),
	ROW(waitid, 5, 0, NULL),
	ROW(kill, 2, 0, NULL),
	ROW(tkill, 2, 0, NULL),
	ROW(tgkill, 3, 0, NULL),
	ROW(futex, 6, 0, NULL),
	ROW(set_robust_list, 2, 0, NULL),
	ROW(set_tid_address, 1, 0, NULL),
	ROW(rseq, 4, 0, NULL),
	ROW(gettid, 0, 0, NULL),
	ROW(getpid, 0, 0, NULL),
	ROW(getppid, 0, 0, NULL),
	ROW(getuid, 0, 0, NULL),
	ROW(geteuid, 0, 0, NULL),
	ROW(getgid, 0, 0, NULL),
	ROW(getegid, 0, 0, NULL),
	ROW(setsid, 0, 0, NULL),
	ROW(sched_yield, 0, 0, NULL),
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
#if defined(__x86_64__)
	/* Calls that newer architectures (aarch64) only have in their *at or 2/3 forms. */
	ROW(open, 3, SF_RET_FD, decode_open),
	ROW(creat, 2, SF_RET_FD, decode_creat),
	ROW(dup2, 2, SF_RET_FD, decode_dup2),
	ROW(pipe, 1, SF_FD_PAIR, decode_pipe),
	ROW(eventfd, 1, SF_RET_FD, NULL),
	ROW(epoll_create, 1, SF_RET_FD, NULL),
	ROW(signalfd, 3, SF_RET_FD, NULL),
	ROW(inotify_init, 0, SF_RET_FD, NULL),
	ROW(epoll_wait, 4, 0, NULL),
	ROW(poll, 3, 0, NULL),
	ROW(select, 5, 0, NULL),
	ROW(stat, 2, 0, NULL),
	ROW(lstat, 2, 0, NULL),
	ROW(access, 2, 0, NULL),
	ROW(readlink, 3, 0, NULL),
	ROW(unlink, 1, 0, NULL),
	ROW(mkdir, 2, 0, NULL),
	ROW(rename, 2, 0, NULL),
	ROW(arch_prctl, 2, 0, NULL),
	ROW(fork, 0, 0, NULL),
	ROW(vfork, 0, 0, NULL),
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
