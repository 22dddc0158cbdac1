/* emit.c - see emit.h. */
#include "emit.h"

#include <string.h>
#include <sys/ptrace.h>

#include "json_out.h"
#include "options.h"
#include "protocol.h"
#include "stream.h"
#include "summary.h"
#include "text_out.h"

/* Standalone lines: none with -c, JSON with --json, else strace's text. */
static int lines(void)
{
	return !opt.agent && !opt.summary;
}

void emit_syscall(struct tracee *t)
{
	if (t->flags & (T_QUIET | T_EXCLUDE))
		return;
	if (opt.agent)
		stream_syscall(&t->call, t->cap.fd, t->cap.fd_text);
	else if (opt.summary)
		summary_add(&t->call);
	else if (opt.json)
		json_syscall(t);
	else
		text_syscall(&t->call, &t->enter_wall);
}

void emit_signal(struct tracee *t, int sig)
{
	siginfo_t si;

	if (!lines() || (t->flags & T_QUIET))
		return;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) < 0) {
		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
	}
	if (opt.json)
		json_signal(t->tid, &si);
	else
		text_signal(t->tid, &si);
}

void emit_exit(struct tracee *t, int status)
{
	if (opt.agent)
		stream_thread(t->tid, SL_THREAD_EXITED);
	else if (lines() && !(t->flags & T_QUIET))
		(opt.json ? json_exit : text_exit)(t->tid, status);
}

void emit_superseded(pid_t tid, pid_t former)
{
	if (lines())
		(opt.json ? json_superseded : text_superseded)(tid, former);
}

void emit_thread(pid_t tid, unsigned event)
{
	if (opt.agent)
		stream_thread(tid, event);
}
