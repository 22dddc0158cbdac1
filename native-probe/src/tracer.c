/* tracer.c - see tracer.h. */
#define _GNU_SOURCE
#include "tracer.h"

#include <errno.h>
#include <sched.h>
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
#include "idle_poll.h"
#include "log.h"
#include "options.h"
#include "procfs.h"
#include "protocol.h"
#include "signals.h"
#include "syscall_stop.h"
#include "tracee.h"

#define SYSCALL_TRAP (SIGTRAP | 0x80) /* syscall stops, thanks to PTRACE_O_TRACESYSGOOD */
#define DETACH_WAIT_NS (2000ull * 1000000)

/* --profile: the stop loop's time, split where it goes. */
static struct {
	uint64_t stops, held_ns, resume_ns, after_ns; /* a stop: waitpid's return to the resume, the
						       * PTRACE_SYSCALL itself, the work after it */
	uint64_t polled, polled_ns;         /* stops found while polling, and the time polling for them */
	uint64_t slept, slept_ns, poll_lost_ns; /* stops waited for asleep; polls that found nothing */
	uint64_t got, resuming, resumed;    /* when the current stop came, and was resumed */
} prof;

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

void tracer_resume(struct tracee *t, int sig)
{
	int profiled = opt.profile && !prof.resuming;

	if (profiled)
		prof.resuming = now_ns();
	/* ESRCH: killed while stopped (SIGKILL); its death is reported next. */
	if (ptrace(PTRACE_SYSCALL, t->tid, 0L, (long)sig) < 0 && errno != ESRCH)
		log_msg("ptrace(PTRACE_SYSCALL, %d, %d): %s", t->tid, sig, strerror(errno));
	if (profiled)
		prof.resumed = now_ns();
}

static void detach(struct tracee *t, int sig)
{
	if (ptrace(PTRACE_DETACH, t->tid, 0L, (long)sig) < 0 && errno != ESRCH)
		log_msg("ptrace(PTRACE_DETACH, %d, %d): %s", t->tid, sig, strerror(errno));
	tracee_remove(t);
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
		struct capture keep_cap = t->cap;
		struct timespec keep_wall = t->enter_wall;

		emit_superseded(t->tid, old->tid);
		emit_thread(old->tid, SL_THREAD_EXITED); /* its tid is gone; it lives on as t */
		t->call = old->call;
		old->call = keep;
		t->cap = old->cap;
		old->cap = keep_cap;
		t->enter_wall = old->enter_wall;
		old->enter_wall = keep_wall;
		t->call.tid = t->tid;
		t->call.proc = t->proc;
		t->flags = (t->flags & ~T_IN_SYSCALL) | (old->flags & T_IN_SYSCALL);
		tracee_remove(old);
	}
	t->flags &= ~T_EXITING;
	if (t->proc)
		fdc_forget_all(&t->proc->fds);
}

/* clone/fork/vfork event: the child is attached already; its first stop comes before or after. */
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
		syscall_stop(t); /* resumes t itself, before it formats the call */
		return;
	}
	switch (event) {
	case 0:
		/* Signal-delivery-stop: the JVM relies on its signals (SIGSEGV, SIGQUIT ...): re-inject. */
		emit_signal(t, sig);
		tracer_resume(t, sig);
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
		syscall_unfinished(t);
		t->flags |= T_EXITING;
		break;
	}
	tracer_resume(t, 0);
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

/*
 * The next stop, polled for up to --spin-us before sleeping in waitpid. A thread making
 * syscalls back to back stops again within microseconds of being resumed. Sleeping between
 * two such stops costs far more than the poll: the stop must wake the tracer's CPU from idle
 * (an interrupt between CPUs, and on a virtual machine an exit to the host), and the tracee
 * waits for that on every stop. Measured on a 2-vCPU VM, a C loop of write(2): 97 us per write
 * sleeping, 29 us polling for up to 20-50 us, and less CPU time for the tracer in all
 * (docs/performance.md). A tracer that meets no stop within the window sleeps, so an idle
 * application costs one window per stop at most. On a busy machine no CPU idles, sleeping is
 * cheap, and the poll yields its CPU to whoever waits for it.
 */
static pid_t next_stop(int *status)
{
	uint64_t from = opt.profile ? now_ns() : 0, until;
	pid_t tid;

	if (opt.spin_us) {
		until = now_ns() + (uint64_t)opt.spin_us * 1000;
		do {
			tid = waitpid(-1, status, __WALL | WNOHANG);
			if (tid != 0) {
				if (tid > 0)
					idle_poll_polled();
				if (opt.profile) {
					prof.got = now_ns();
					prof.polled++;
					prof.polled_ns += prof.got - from;
				}
				return tid;
			}
			sched_yield(); /* a busy machine: whoever waits for this CPU runs first */
		} while (now_ns() < until && !signals_quit_requested());
	}
	idle_poll_sleeping();
	if (opt.profile) {
		uint64_t now = now_ns();

		prof.poll_lost_ns += now - from;
		from = now;
	}
	tid = waitpid(-1, status, __WALL);
	if (tid > 0)
		idle_poll_woke();
	if (opt.profile) {
		prof.got = now_ns();
		prof.slept++;
		prof.slept_ns += prof.got - from;
	}
	return tid;
}

static void profile_stop_done(void)
{
	uint64_t done = now_ns();

	prof.stops++;
	if (prof.resuming) {
		prof.held_ns += prof.resuming - prof.got;
		prof.resume_ns += prof.resumed - prof.resuming;
		prof.after_ns += done - prof.resumed;
	} else {
		prof.held_ns += done - prof.got; /* no resume: an exit, a detach */
	}
	prof.resuming = 0;
}

static double per(uint64_t ns, uint64_t n)
{
	return n ? (double)ns / (double)n / 1000.0 : 0.0;
}

static void profile_report(void)
{
	uint64_t taken, held_ns;

	idle_poll_stats(&taken, &held_ns);
	fprintf(stderr,
		"syscall-lens-probe profile: %llu stops; per stop %.2f us held (the stop seen to "
		"PTRACE_SYSCALL), %.2f us in PTRACE_SYSCALL, %.2f us of work after it; %llu stops "
		"found while polling (%.2f us each), %llu waited for asleep (%.2f us each), %.3f s "
		"polled in vain; idle CPUs kept polling %llu times, %.3f s in all\n",
		(unsigned long long)prof.stops, per(prof.held_ns, prof.stops),
		per(prof.resume_ns, prof.stops), per(prof.after_ns, prof.stops), (unsigned long long)prof.polled,
		per(prof.polled_ns, prof.polled), (unsigned long long)prof.slept,
		per(prof.slept_ns, prof.slept), (double)prof.poll_lost_ns / 1e9, (unsigned long long)taken,
		(double)held_ns / 1e9);
}

void tracer_run(void)
{
	int status;
	pid_t tid;

	while (tracee_count() > 0 && !signals_quit_requested()) {
		apply_excludes();
		tid = next_stop(&status);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno != ECHILD)
				log_msg("waitpid(-1): %s", strerror(errno));
			break;
		}
		on_status(tid, status);
		if (opt.profile)
			profile_stop_done();
	}
	if (opt.profile)
		profile_report();
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

	idle_poll_sleeping();
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
