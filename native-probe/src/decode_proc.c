/* decode_proc.c - processes: clone, clone3, execve, wait4, kill, tgkill. */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/wait.h>

#include "decode.h"
#include "options.h"
#include "quote.h"
#include "siginfo.h"
#include "tmem.h"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif
#define K_CLONE_CLEAR_SIGHAND 0x100000000ULL
#define K_CLONE_INTO_CGROUP 0x200000000ULL

/* strace's order. */
static const struct xlat clone_flags[] = {
	XLAT(CLONE_VM), XLAT(CLONE_FS), XLAT(CLONE_FILES), XLAT(CLONE_SIGHAND), XLAT(CLONE_PIDFD),
	XLAT(CLONE_PTRACE), XLAT(CLONE_VFORK), XLAT(CLONE_PARENT), XLAT(CLONE_THREAD),
	XLAT(CLONE_NEWNS), XLAT(CLONE_SYSVSEM), XLAT(CLONE_SETTLS), XLAT(CLONE_PARENT_SETTID),
	XLAT(CLONE_CHILD_CLEARTID), XLAT(CLONE_UNTRACED), XLAT(CLONE_CHILD_SETTID),
	XLAT(CLONE_NEWCGROUP), XLAT(CLONE_NEWUTS), XLAT(CLONE_NEWIPC), XLAT(CLONE_NEWUSER),
	XLAT(CLONE_NEWPID), XLAT(CLONE_NEWNET), XLAT(CLONE_IO), XLAT(CLONE_NEWTIME),
	XLAT_PAIR(K_CLONE_CLEAR_SIGHAND, "CLONE_CLEAR_SIGHAND"),
	XLAT_PAIR(K_CLONE_INTO_CGROUP, "CLONE_INTO_CGROUP"), XLAT_END,
};

/* WUNTRACED is WSTOPPED, and strace names it so. */
static const struct xlat wait_options[] = {
	XLAT(WNOHANG), XLAT(WEXITED), XLAT(WSTOPPED), XLAT(WCONTINUED),
	XLAT(WNOWAIT), XLAT(__WCLONE), XLAT(__WALL), XLAT(__WNOTHREAD), XLAT_END,
};

/* x86_64: clone(flags, stack, parent_tid, child_tid, tls); aarch64 swaps the last two. */
#if defined(__aarch64__)
#define CLONE_ARG_CTID 4
#define CLONE_ARG_TLS 3
#else
#define CLONE_ARG_CTID 3
#define CLONE_ARG_TLS 4
#endif
#define CLONE_OUT_FLAGS (CLONE_PARENT_SETTID | CLONE_PIDFD | CLONE_CHILD_SETTID | \
			 CLONE_CHILD_CLEARTID | CLONE_SETTLS)

/* [1234] for the int at addr; the address when it was not written (a failed call). */
static void int_out(struct call *c, uint64_t addr, int as_fd)
{
	int v;

	if ((c->exiting && c->failed) || read_int(c, addr, &v) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_putc(&c->args_text, '[');
	if (as_fd)
		arg_fd(c, v);
	else
		arg_int(c, (uint64_t)v);
	sb_putc(&c->args_text, ']');
}

void decode_clone(struct call *c)
{
	uint64_t flags = c->args[0] & ~(uint64_t)CSIGNAL;
	unsigned sig = (unsigned)(c->args[0] & CSIGNAL);

	if (!c->exiting) {
		sb_puts(&c->args_text, "child_stack=");
		arg_ptr(c, c->args[1]);
		sb_puts(&c->args_text, ", flags=");
		if (flags) {
			arg_flags(c, clone_flags, flags, "CLONE_???");
			if (sig)
				sb_putc(&c->args_text, '|');
		}
		if (sig || !flags)
			arg_signal(c, sig);
		return;
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		sb_puts(&c->args_text, ", parent_tid=");
		int_out(c, c->args[2], !(flags & CLONE_PARENT_SETTID));
	}
	if (flags & CLONE_SETTLS) {
		sb_puts(&c->args_text, ", tls=");
		arg_ptr(c, c->args[CLONE_ARG_TLS]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		sb_puts(&c->args_text, ", child_tidptr=");
		arg_ptr(c, c->args[CLONE_ARG_CTID]);
	}
}

#define CLONE_ARGS_MIN 64 /* up to tls: the first version of struct clone_args */

/* clone3({flags=..., exit_signal=SIGCHLD, stack=NULL, stack_size=0}, size) */
void decode_clone3(struct call *c)
{
	struct clone_args a = { 0 };
	uint64_t size = c->args[1], n = size < sizeof(a) ? size : sizeof(a);
	struct strbuf *b = &c->args_text;

	if (c->exiting) {
		if (c->saved[0] && !c->failed && read_mem(c, c->args[0], &a, n) == 0) {
			sb_puts(b, " => {");
			if (a.flags & CLONE_PIDFD) {
				sb_puts(b, "pidfd=");
				int_out(c, a.pidfd, 1);
			}
			if (a.flags & CLONE_PARENT_SETTID) {
				sb_puts(b, (a.flags & CLONE_PIDFD) ? ", parent_tid=" : "parent_tid=");
				int_out(c, a.parent_tid, 0);
			}
			sb_putc(b, '}');
		}
		arg_sep(c);
		arg_ulong(c, size);
		return;
	}
	c->saved[0] = 0;
	if (n < CLONE_ARGS_MIN || read_mem(c, c->args[0], &a, n) < 0) {
		arg_ptr(c, c->args[0]);
		return;
	}
	sb_puts(b, "{flags=");
	arg_flags(c, clone_flags, a.flags, "CLONE_???");
	if (a.flags & CLONE_PIDFD) {
		sb_puts(b, ", pidfd=");
		arg_ptr(c, a.pidfd);
	}
	if (a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		sb_puts(b, ", child_tid=");
		arg_ptr(c, a.child_tid);
	}
	if (a.flags & CLONE_PARENT_SETTID) {
		sb_puts(b, ", parent_tid=");
		arg_ptr(c, a.parent_tid);
	}
	sb_puts(b, ", exit_signal=");
	if (a.exit_signal < INT_MAX)
		arg_signal(c, a.exit_signal);
	else
		sb_printf(b, "%llu", (unsigned long long)a.exit_signal);
	sb_puts(b, ", stack=");
	arg_ptr(c, a.stack);
	sb_printf(b, ", stack_size=%#llx", (unsigned long long)a.stack_size);
	if (a.flags & CLONE_SETTLS) {
		sb_puts(b, ", tls=");
		arg_ptr(c, a.tls);
	}
	sb_putc(b, '}');
	c->saved[0] = (a.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) != 0;
}

/* argv as ["a", "b"], at most -s strings; envp only as a count. */
static void string_array(struct call *c, uint64_t addr)
{
	char s[4096];
	size_t limit = opt.string_limit < sizeof(s) - 2 ? opt.string_limit : sizeof(s) - 2;
	unsigned i;

	sb_putc(&c->args_text, '[');
	for (i = 0;; i++) {
		uint64_t p;
		ssize_t n;

		if (tmem_read(c->tid, addr + i * sizeof(p), &p, sizeof(p)) < 0 || !p)
			break;
		if (i)
			sb_puts(&c->args_text, ", ");
		if (i >= opt.string_limit) {
			sb_puts(&c->args_text, "...");
			break;
		}
		n = tmem_read_str(c->tid, p, s, limit + 1);
		if (n < 0)
			sb_printf(&c->args_text, "%#llx", (unsigned long long)p);
		else
			quote_bytes(&c->args_text, s, (size_t)n > limit ? limit : (size_t)n, (size_t)n > limit);
	}
	sb_putc(&c->args_text, ']');
}

static unsigned count_pointers(struct call *c, uint64_t addr)
{
	unsigned n = 0;
	uint64_t p;

	while (n < 65536 && tmem_read(c->tid, addr + n * sizeof(p), &p, sizeof(p)) == 0 && p)
		n++;
	return n;
}

void decode_execve(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	if (c->args[1])
		string_array(c, c->args[1]);
	else
		sb_puts(&c->args_text, "NULL");
	arg_sep(c);
	arg_ptr(c, c->args[2]);
	if (c->args[2]) {
		unsigned n = count_pointers(c, c->args[2]);

		sb_printf(&c->args_text, " /* %u var%s */", n, n == 1 ? "" : "s");
	}
}

/* {WIFEXITED(s) && WEXITSTATUS(s) == 1}, as strace spells a wait status. */
static void wait_status(struct strbuf *b, int status)
{
	if (WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);

		sb_puts(b, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		sb_signal(b, sig & 0x7f);
		sb_puts(b, (sig & 0x80) ? " | 0x80}" : "}");
		status &= ~((sig << 8) | 0x7f);
	} else if (WIFSIGNALED(status)) {
		sb_puts(b, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		sb_signal(b, WTERMSIG(status));
		sb_puts(b, WCOREDUMP(status) ? " && WCOREDUMP(s)}" : "}");
		status &= ~(WTERMSIG(status) | 0x80);
	} else if (WIFEXITED(status)) {
		sb_printf(b, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}", WEXITSTATUS(status));
		status &= ~(WEXITSTATUS(status) << 8);
	} else if (WIFCONTINUED(status)) {
		sb_puts(b, "[{WIFCONTINUED(s)}");
		status &= ~0xffff;
	} else {
		sb_printf(b, "[%#x]", (unsigned)status);
		return;
	}
	if ((unsigned)status >> 16) {
		sb_printf(b, "|%#x<<16", (unsigned)status >> 16);
		status &= 0xffff;
	}
	if (status)
		sb_printf(b, "|%#x", (unsigned)status);
	sb_putc(b, ']');
}

/* wait4(pid, &status, options, &rusage): the status is known at exit. */
void decode_wait4(struct call *c)
{
	int status;

	if (!c->exiting) {
		arg_int(c, c->args[0]);
		arg_sep(c);
		return;
	}
	if (c->rval == 0 || c->failed || read_int(c, c->args[1], &status) < 0)
		arg_ptr(c, c->args[1]);
	else
		wait_status(&c->args_text, status);
	arg_sep(c);
	arg_flags(c, wait_options, c->args[2], "W???");
	arg_sep(c);
	if (!c->failed && c->rval > 0 && c->args[3]) {
		int64_t ru[4];

		if (read_mem(c, c->args[3], ru, sizeof(ru)) < 0)
			arg_ptr(c, c->args[3]);
		else
			sb_printf(&c->args_text, "{ru_utime={tv_sec=%lld, tv_usec=%llu}, "
				  "ru_stime={tv_sec=%lld, tv_usec=%llu}, ...}", (long long)ru[0],
				  (unsigned long long)ru[1], (long long)ru[2], (unsigned long long)ru[3]);
	} else {
		arg_ptr(c, c->args[3]);
	}
}

void decode_kill(struct call *c)
{
	if (c->exiting)
		return;
	arg_int(c, c->args[0]);
	arg_sep(c);
	arg_signal(c, c->args[1]);
}

void decode_tgkill(struct call *c)
{
	if (c->exiting)
		return;
	arg_int(c, c->args[0]);
	arg_sep(c);
	arg_int(c, c->args[1]);
	arg_sep(c);
	arg_signal(c, c->args[2]);
}
