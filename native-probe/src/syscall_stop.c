/*
 * syscall_stop.c - syscall-entry and syscall-exit stops: keep the fd cache right, read what
 * the decoder needs while the thread is stopped, resume it, then format and emit.
 *
 * At each stop the decoder runs twice (capture.h): recording, with the thread stopped, then
 * replaying, once it runs on. What stays inside the stop: PTRACE_GET_SYSCALL_INFO, the
 * decoder's reads of tracee memory (at most -s bytes of a buffer, a path, a struct), the fd
 * cache's readlink and socket queries when an fd's text is not cached, and the fd cache upkeep
 * of the call's effects (close, dup2, bind ...). All of these must see the thread's memory and
 * fd table as they are at that stop; the formatting does not.
 */
#define _GNU_SOURCE
#include "syscall_stop.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <time.h>

#include "capture.h"
#include "classes.h"
#include "clock.h"
#include "emit.h"
#include "filter.h"
#include "log.h"
#include "options.h"
#include "stream.h"
#include "tracer.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

/* The fd table changes a successful call made, so the -y cache never shows a stale text. */
static void fd_effects(struct call *c)
{
	struct fd_cache *fds = &c->proc->fds;
	unsigned flags = c->row->flags, cls = syscall_class(c->nr);
	int pair[2];

	if (flags & SF_CLOSES_FD)
		fdc_forget(fds, (int)c->args[0]);
	/* Even a failed connect (EINPROGRESS) or send may have bound the socket. */
	if ((cls & CL_SOCK_STATE) && fds->unsettled)
		fdc_forget_unsettled(fds);
	if (c->failed)
		return;
	if (flags & SF_RET_FD)
		fdc_forget(fds, (int)c->rval);
	if (flags & SF_CLOSES_ANY)
		fdc_forget_all(fds);
	if (flags & SF_CHDIR)
		fdc_forget_cwd(fds);
	if (cls & CL_PATH_MOVE)
		fdc_forget_paths(fds);
	if (flags & SF_FD_PAIR) {
		/* pipe(fds), pipe2(fds, flags); socketpair(domain, type, protocol, fds) */
		uint64_t at = c->args[c->row->nargs == 4 ? 3 : 0];

		if (read_int(c, at, &pair[0]) == 0 && read_int(c, at + sizeof(int), &pair[1]) == 0) {
			fdc_forget(fds, pair[0]);
			fdc_forget(fds, pair[1]);
		}
	}
}

/*
 * One run of the decoder for the current phase (entry or exit, c->exiting says which):
 * recording, with the text discarded, or replaying into the text. At exit the return value
 * is decoded too.
 */
static void run_decoder(struct tracee *t, enum capture_mode mode)
{
	struct call *c = &t->call;
	int discard = mode == CAPTURE_RECORD;

	c->args_text.discard = c->ret_text.discard = discard;
	capture_begin(&t->cap, mode);
	(c->row->decode ? c->row->decode : decode_generic)(c);
	if (c->exiting)
		decode_ret(c);
	capture_end();
	c->args_text.discard = c->ret_text.discard = 0;
}

/* The call is printed, sent or counted (else only the fd cache follows it). */
static int shown(const struct tracee *t)
{
	return !(t->flags & (T_QUIET | T_EXCLUDE)) && filter_traced(t->call.nr);
}

/* Decodes the current phase around the thread's resumption; with -c there is nothing to format. */
static void decode_and_resume(struct tracee *t)
{
	if (!shown(t) || opt.summary) {
		tracer_resume(t, 0);
		return;
	}
	run_decoder(t, CAPTURE_RECORD);
	if (t->call.exiting && (t->call.row->flags & SF_RET_FD) && !t->call.failed)
		capture_set_fd(&t->cap, (int)t->call.rval);
	tracer_resume(t, 0);
	run_decoder(t, CAPTURE_REPLAY);
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
	capture_new_call(&t->cap);
	if (opt.wall_time || opt.json)
		clock_gettime(CLOCK_REALTIME, &t->enter_wall);
	/* The launched command shows from its execve on, failed attempts included. */
	if (c->row->flags & SF_EXEC)
		t->flags &= ~T_QUIET;
	t->flags |= T_IN_SYSCALL;
	decode_and_resume(t);
}

static void syscall_exit(struct tracee *t, const struct __ptrace_syscall_info *info, uint64_t now)
{
	struct call *c = &t->call;

	/* No entry seen: the thread was seized inside this call. */
	if (!(t->flags & T_IN_SYSCALL)) {
		tracer_resume(t, 0);
		return;
	}
	t->flags &= ~T_IN_SYSCALL;
	c->exit_ns = now;
	c->exiting = 1;
	c->rval = info->exit.rval;
	c->failed = info->exit.is_error != 0;
	/* Excluded and quiet threads' calls change the process's fd table all the same. */
	if (opt.decode_fds && c->proc)
		fd_effects(c);
	decode_and_resume(t);
	if (shown(t))
		emit_syscall(t);
}

void syscall_stop(struct tracee *t)
{
	struct __ptrace_syscall_info info;
	/* Agent mode: heartbeats wait for this stop's record (stream.h). */
	uint64_t now = opt.agent ? stream_hold() : now_ns();

	if (t->proc)
		t->proc->fds.via = t->tid;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof(info), &info) < 0) {
		log_msg("ptrace(PTRACE_GET_SYSCALL_INFO, %d): %s", t->tid, strerror(errno));
		tracer_resume(t, 0);
	} else if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		syscall_entry(t, &info, now);
	} else if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
		syscall_exit(t, &info, now);
	} else {
		tracer_resume(t, 0); /* a seccomp stop: we never ask for them */
	}
	if (opt.agent)
		stream_release();
}

void syscall_unfinished(struct tracee *t)
{
	struct call *c = &t->call;
	uint64_t now = opt.agent ? stream_hold() : now_ns();

	/* The thread never runs again: decoding now costs it nothing. */
	if ((t->flags & T_IN_SYSCALL) && shown(t) && !opt.summary) {
		size_t entry_len = c->args_text.len;

		c->exit_ns = now;
		c->exiting = 1;
		c->failed = 1; /* out-parameters were not written: print their addresses */
		c->rval = 0;
		(c->row->decode ? c->row->decode : decode_generic)(c);
		c->failed = 0;
		/*
		 * Like strace: a call whose arguments were all shown at entry ends `tgkill(...) = ?`;
		 * one that had more to show at exit ends after what the entry showed,
		 * `epoll_wait(4,  <unfinished ...>) = ?`.
		 */
		if (c->args_text.len > entry_len) {
			c->args_text.len = entry_len;
			if (c->args_text.s)
				c->args_text.s[entry_len] = '\0';
			sb_puts(&c->args_text, " <unfinished ...>");
		}
		sb_reset(&c->ret_text);
		sb_puts(&c->ret_text, "?");
		emit_syscall(t);
	}
	t->flags &= ~T_IN_SYSCALL;
	if (opt.agent)
		stream_release();
}
