/* syscall_stop.c - syscall-entry and syscall-exit stops: decode, keep the fd cache right, emit. */
#define _GNU_SOURCE
#include "syscall_stop.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>

#include "clock.h"
#include "emit.h"
#include "log.h"
#include "options.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

/* The fd table changes a successful call made, so the -y cache never shows a stale path. */
static void fd_effects(struct call *c)
{
	struct fd_cache *fds = &c->proc->fds;
	unsigned flags = c->row->flags;
	int pair[2];

	if (flags & SF_CLOSES_FD)
		fdc_forget(fds, (int)c->args[0]);
	if (c->failed)
		return;
	if (flags & SF_RET_FD)
		fdc_forget(fds, (int)c->rval);
	if (flags & SF_CLOSES_ANY)
		fdc_forget_all(fds);
	if (flags & SF_CHDIR)
		fdc_forget_cwd(fds);
	if (flags & SF_FD_PAIR) {
		/* pipe(fds), pipe2(fds, flags); socketpair(domain, type, protocol, fds) */
		uint64_t at = c->args[c->row->nargs == 4 ? 3 : 0];

		if (read_int(c, at, &pair[0]) == 0 && read_int(c, at + sizeof(int), &pair[1]) == 0) {
			fdc_forget(fds, pair[0]);
			fdc_forget(fds, pair[1]);
		}
	}
}

static void decode(struct call *c)
{
	(c->row->decode ? c->row->decode : decode_generic)(c);
}

static void syscall_entry(struct tracee *t, const struct __ptrace_syscall_info *info, uint64_t now)
{
	struct call *c = &t->call;
	int nr = (int)info->entry.nr;

	c->nr = nr;
	memcpy(c->args, info->entry.args, sizeof(c->args));
	c->enter_ns = now;
	c->exiting = c->failed = 0;
	c->rval = 0;
	/*
	 * A 32-bit process on a 64-bit kernel numbers its syscalls differently: no name, no
	 * decoding. Unnamed numbers print as strace prints them: syscall_0x3e7.
	 */
	c->row = syscall_row(info->arch == NATIVE_ARCH ? nr : -1);
	c->name = c->row->name;
	if (!c->name || info->arch != NATIVE_ARCH) {
		snprintf(c->name_buf, sizeof(c->name_buf), "syscall_%#x", (unsigned)nr);
		c->name = c->name_buf;
	}
	sb_reset(&c->args_text);
	sb_reset(&c->ret_text);
	/* The launched command shows from its execve on, failed attempts included. */
	if (c->row->flags & SF_EXEC)
		t->flags &= ~T_QUIET;
	t->flags |= T_IN_SYSCALL;
	if (!(t->flags & (T_QUIET | T_EXCLUDE)))
		decode(c);
}

static void syscall_exit(struct tracee *t, const struct __ptrace_syscall_info *info, uint64_t now)
{
	struct call *c = &t->call;

	/* No entry seen: the thread was seized inside this call. */
	if (!(t->flags & T_IN_SYSCALL))
		return;
	t->flags &= ~T_IN_SYSCALL;
	if (t->flags & (T_QUIET | T_EXCLUDE))
		return;
	c->exit_ns = now;
	c->exiting = 1;
	c->rval = info->exit.rval;
	c->failed = info->exit.is_error != 0;
	if (opt.decode_fds && c->proc)
		fd_effects(c);
	decode(c);
	decode_ret(c);
	emit_syscall(t);
}

void syscall_stop(struct tracee *t)
{
	struct __ptrace_syscall_info info;
	uint64_t now = now_ns();

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof(info), &info) < 0) {
		log_msg("ptrace(PTRACE_GET_SYSCALL_INFO, %d): %s", t->tid, strerror(errno));
		return;
	}
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
		syscall_entry(t, &info, now);
	else if (info.op == PTRACE_SYSCALL_INFO_EXIT)
		syscall_exit(t, &info, now);
}

void syscall_unfinished(struct tracee *t)
{
	struct call *c = &t->call;

	if ((t->flags & T_IN_SYSCALL) && !(t->flags & (T_QUIET | T_EXCLUDE))) {
		c->exit_ns = now_ns();
		c->exiting = 1;
		c->failed = 1; /* out-parameters were not written: print their addresses */
		c->rval = 0;
		decode(c);
		c->failed = 0;
		sb_reset(&c->ret_text);
		sb_puts(&c->ret_text, "?");
		emit_syscall(t);
	}
	t->flags &= ~T_IN_SYSCALL;
}
