/* emit.c - see emit.h. */
#include "emit.h"

#include <string.h>
#include <sys/ptrace.h>

#include "options.h"
#include "protocol.h"
#include "stream.h"
#include "text_out.h"

void emit_syscall(struct tracee *t)
{
	if (t->flags & (T_QUIET | T_EXCLUDE))
		return;
	if (opt.agent)
		stream_syscall(&t->call);
	else
		text_syscall(&t->call);
}

void emit_signal(struct tracee *t, int sig)
{
	siginfo_t si;

	if (opt.agent || (t->flags & T_QUIET))
		return;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) < 0) {
		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
	}
	text_signal(t->tid, &si);
}

void emit_exit(struct tracee *t, int status)
{
	if (opt.agent)
		stream_thread(t->tid, SL_THREAD_EXITED);
	else if (!(t->flags & T_QUIET))
		text_exit(t->tid, status);
}

void emit_superseded(pid_t tid, pid_t former)
{
	if (!opt.agent)
		text_superseded(tid, former);
}

void emit_thread(pid_t tid, unsigned event)
{
	if (opt.agent)
		stream_thread(tid, event);
}
