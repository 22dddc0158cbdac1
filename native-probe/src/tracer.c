/* tracer.c - see tracer.h. */
#define _GNU_SOURCE
#include "tracer.h"

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "control.h"
#include "emit.h"
#include "log.h"
#include "options.h"
#include "procfs.h"
#include "protocol.h"
#include "signals.h"
#include "tracee.h"

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

#define SYSCALL_TRAP (SIGTRAP | 0x80) /* syscall stops, thanks to PTRACE_O_TRACESYSGOOD */
#define DETACH_WAIT_NS (2000ull * 1000000)

static pid_t *excluded;
static int nexcluded;
static pid_t command_pid;
static int command_status = -1;

unsigned long tracer_options(void)
{
	unsigned long o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
			  PTRACE_O_TRACEEXIT;

	if (opt.follow_forks)
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	return o;
}

int tracer_is_excluded(pid_t tid)
{
	int i;

	for (i = 0; i < nexcluded; i++)
		if (excluded[i] == tid)
			return 1;
	return 0;
}

void tracer_exclude(pid_t tid)
{
	pid_t *p;

	if (tracer_is_excluded(tid))
		return;
	p = realloc(excluded, (nexcluded + 1) * sizeof(*p));
	if (!p)
		return;
	excluded = p;
	excluded[nexcluded++] = tid;
}

void tracer_set_command(pid_t pid)
{
	command_pid = pid;
}

int tracer_command_status(void)
{
	return command_status;
}

static void resume(struct tracee *t, int sig)
{
	/* ESRCH: killed while stopped (SIGKILL); its death is reported next. */
	if (ptrace(PTRACE_SYSCALL, t->tid, 0L, (long)sig) < 0 && errno != ESRCH)
		log_msg("ptrace(PTRACE_SYSCALL, %d, %d): %s", t->tid, sig, strerror(errno));
}

static void detach(struct tracee *t, int sig)
{
	if (ptrace(PTRACE_DETACH, t->tid, 0L, (long)sig) < 0 && errno != ESRCH)
		log_msg("ptrace(PTRACE_DETACH, %d, %d): %s", t->tid, sig, strerror(errno));
	tracee_remove(t);
}

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
	if ((flags & SF_FD_PAIR) && read_int(c, c->args[c->row->nargs == 4 ? 3 : 0], &pair[0]) == 0 &&
	    read_int(c, c->args[c->row->nargs == 4 ? 3 : 0] + sizeof(int), &pair[1]) == 0) {
		fdc_forget(fds, pair[0]);
		fdc_forget(fds, pair[1]);
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
	/* A 32-bit process on a 64-bit kernel numbers its syscalls differently: name them only. */
	c->row = syscall_row(info->arch == NATIVE_ARCH ? nr : -1);
	c->name = c->row->name;
	if (!c->name || info->arch != NATIVE_ARCH) {
		snprintf(c->name_buf, sizeof(c->name_buf), "syscall_%d", nr);
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

static void syscall_stop(struct tracee *t)
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

/* PTRACE_EVENT_EXIT: a call still in flight (exit_group, or one cut short) never returns. */
static void exit_event(struct tracee *t)
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
	t->flags |= T_EXITING;
}

/*
 * PTRACE_EVENT_EXEC. When a non-leader thread calls execve, it takes over the leader's tid
 * and the kernel tells us its former tid: its call in flight (the execve) moves along.
 */
static void exec_event(struct tracee *t)
{
	unsigned long former = 0;
	struct tracee *old;

	ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &former);
	old = (pid_t)former != t->tid ? tracee_find((pid_t)former) : NULL;
	if (old) {
		struct call keep = t->call;

		emit_superseded(t->tid, old->tid);
		t->call = old->call;
		old->call = keep;
		t->call.tid = t->tid;
		t->call.proc = t->proc;
		t->flags = (t->flags & ~T_IN_SYSCALL) | (old->flags & T_IN_SYSCALL);
		tracee_remove(old);
	}
	t->flags &= ~T_EXITING;
	if (t->proc)
		fdc_forget_all(&t->proc->fds);
}

/* clone/fork/vfork event: the child is attached already; its first stop may come before or after. */
static void new_child_event(struct tracee *t)
{
	unsigned long child = 0;
	struct tracee *n;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &child) < 0 || tracee_find((pid_t)child))
		return;
	n = tracee_add((pid_t)child, 0);
	if (n)
		n->flags |= T_NEW;
}

/*
 * First stop of a tracee the kernel attached for us: find its process. A clone() without
 * CLONE_THREAD makes a new process even without a fork event; it is followed only with -f.
 * Returns 0 to go on handling the stop, -1 when the tracee was let go.
 */
static int first_stop(struct tracee *t)
{
	pid_t tid = t->tid;
	long tgid;

	t->flags &= ~T_NEW;
	if (!t->proc) {
		tgid = procfs_status_field(tid, "Tgid");
		if (tgid <= 0)
			tgid = tid;
		if ((!proc_find((pid_t)tgid) && !opt.follow_forks) || tracee_set_proc(t, (pid_t)tgid) < 0) {
			detach(t, 0);
			return -1;
		}
	}
	if (tracer_is_excluded(tid)) {
		detach(t, 0);
		emit_thread(tid, SL_THREAD_EXCLUDED);
		return -1;
	}
	emit_thread(tid, SL_THREAD_ATTACHED);
	return 0;
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void on_stop(struct tracee *t, int sig, int event)
{
	if ((t->flags & T_NEW) && first_stop(t) < 0)
		return;
	if (t->flags & T_EXCLUDE) {
		pid_t tid = t->tid;

		/* Pass on a signal it was about to receive; a group-stop stays in effect. */
		detach(t, event == 0 && sig != SYSCALL_TRAP ? sig : 0);
		emit_thread(tid, SL_THREAD_EXCLUDED);
		return;
	}
	if (sig == SYSCALL_TRAP) {
		syscall_stop(t);
		resume(t, 0);
		return;
	}
	switch (event) {
	case 0:
		/* Signal-delivery-stop: the JVM relies on its signals (SIGSEGV, SIGQUIT ...): re-inject. */
		emit_signal(t, sig);
		resume(t, sig);
		return;
	case PTRACE_EVENT_STOP:
		/* Group-stop (SIGSTOP and friends): stay stopped without blocking other events. */
		if (is_stop_signal(sig)) {
			if (ptrace(PTRACE_LISTEN, t->tid, 0L, 0L) < 0 && errno != ESRCH)
				log_msg("ptrace(PTRACE_LISTEN, %d): %s", t->tid, strerror(errno));
			return;
		}
		break; /* PTRACE_INTERRUPT or the first stop of a new tracee */
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		new_child_event(t);
		break;
	case PTRACE_EVENT_EXEC:
		exec_event(t);
		break;
	case PTRACE_EVENT_EXIT:
		exit_event(t);
		break;
	}
	resume(t, 0);
}

static void on_status(pid_t tid, int status)
{
	struct tracee *t = tracee_find(tid);

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (tid == command_pid)
			command_status = status;
		if (t) {
			emit_exit(t, status);
			tracee_remove(t);
		}
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (!t) {
		/* A new tracee whose first stop came before its parent's clone event. */
		t = tracee_add(tid, 0);
		if (!t) {
			ptrace(PTRACE_DETACH, tid, 0L, 0L);
			return;
		}
		t->flags |= T_NEW;
	}
	on_stop(t, WSTOPSIG(status), status >> 16);
}

static void apply_excludes(void)
{
	pid_t tids[64];
	int i, n = control_take_excludes(tids, 64);

	for (i = 0; i < n; i++) {
		struct tracee *t = tracee_find(tids[i]);

		tracer_exclude(tids[i]);
		/* Make its next stop come now, even if it sleeps in a syscall. */
		if (t && !(t->flags & T_EXCLUDE)) {
			t->flags |= T_EXCLUDE;
			ptrace(PTRACE_INTERRUPT, t->tid, 0L, 0L);
		}
	}
}

void tracer_run(void)
{
	int status;
	pid_t tid;

	while (tracee_count() > 0 && !signals_quit_requested()) {
		apply_excludes();
		tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno != ECHILD)
				log_msg("waitpid(-1): %s", strerror(errno));
			break;
		}
		on_status(tid, status);
	}
}

static void interrupt_for_detach(struct tracee *t, void *arg)
{
	(void)arg;
	/* Exiting threads stop no more; the kernel lets go of them when they die or we exit. */
	if ((t->flags & T_EXITING) || (ptrace(PTRACE_INTERRUPT, t->tid, 0L, 0L) < 0 && errno == ESRCH))
		tracee_remove(t);
}

/* One stop during detach: let the thread go, handing back a signal it was about to get. */
static void detach_stopped(pid_t tid, int status)
{
	struct tracee *t = tracee_find(tid);
	int sig = WSTOPSIG(status), event = status >> 16;
	unsigned long child;

	if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK) {
		/* A child attached at the last moment: wait for its stop too. */
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0L, &child) == 0 && !tracee_find((pid_t)child) &&
		    procfs_status_field((pid_t)child, "TracerPid") == getpid())
			tracee_add((pid_t)child, 0);
	}
	if (t) {
		detach(t, event == 0 && sig != SYSCALL_TRAP ? sig : 0);
	} else {
		ptrace(PTRACE_DETACH, tid, 0L, 0L);
	}
}

void tracer_detach_all(void)
{
	uint64_t deadline = now_ns() + DETACH_WAIT_NS;
	struct timespec ms = { 0, 1000000 };
	int status;
	pid_t tid;

	tracee_for_each(interrupt_for_detach, NULL);
	while (tracee_count() > 0 && now_ns() < deadline) {
		tid = waitpid(-1, &status, __WALL | WNOHANG);
		if (tid == 0) {
			nanosleep(&ms, NULL);
			continue;
		}
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFSTOPPED(status)) {
			detach_stopped(tid, status);
		} else if (tracee_find(tid)) {
			if (tid == command_pid)
				command_status = status;
			tracee_remove(tracee_find(tid));
		}
	}
	if (tracee_count() > 0)
		log_msg("%d threads did not stop to be detached; the kernel releases them as the probe exits",
			tracee_count());
}
