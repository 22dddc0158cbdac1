/* attach.c - see attach.h. */
#include "attach.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "procfs.h"
#include "tracee.h"
#include "tracer.h"

/* What Yama's ptrace_scope (when above 0) means for us, to say why an attach was refused. */
static void yama_hint(char *msg, size_t size)
{
	static const char *const hints[] = {
		NULL,
		"without CAP_SYS_PTRACE only a parent, or a process the target allowed with "
		"prctl(PR_SET_PTRACER), may attach",
		"only processes with CAP_SYS_PTRACE may attach",
		"attaching is disabled until reboot",
	};
	char scope[16];
	int n;
	size_t len = strlen(msg);

	if (procfs_read_line("/proc/sys/kernel/yama/ptrace_scope", scope, sizeof(scope)) < 0)
		return;
	n = atoi(scope);
	if (n <= 0)
		return;
	snprintf(msg + len, size - len, " (/proc/sys/kernel/yama/ptrace_scope is %d: %s)", n,
		 n < 4 ? hints[n] : "attaching is restricted");
}

/*
 * A non-dumpable process (prctl(PR_SET_DUMPABLE, 0), a setuid or unreadable binary) may be
 * traced only with CAP_SYS_PTRACE, even by its own user. The kernel shows it: the files in its
 * /proc/PID belong to root while its real uid is someone else's (/proc/PID itself, a 0555
 * directory, keeps its user's uid).
 */
static int non_dumpable(pid_t tid)
{
	char path[64];
	struct stat st;
	long uid = procfs_status_field(tid, "Uid");

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	return uid > 0 && stat(path, &st) == 0 && st.st_uid == 0;
}

static void describe(pid_t tid, int err, struct attach_error *e)
{
	long tracer = procfs_status_field(tid, "TracerPid");
	char path[64], comm[64] = "?";

	e->err = err;
	e->tracer = 0;
	if (tracer > 0 && tracer != getpid()) {
		snprintf(path, sizeof(path), "/proc/%ld/comm", tracer);
		procfs_read_line(path, comm, sizeof(comm));
		e->tracer = (pid_t)tracer;
		snprintf(e->message, sizeof(e->message), "thread %d is already traced by pid %ld (%s)",
			 (int)tid, tracer, comm);
		return;
	}
	snprintf(e->message, sizeof(e->message), "PTRACE_SEIZE %d: %s", (int)tid, strerror(err));
	if (err == EPERM && non_dumpable(tid))
		snprintf(e->message, sizeof(e->message),
			 "PTRACE_SEIZE %d: %s (the process is non-dumpable: it called prctl(PR_SET_DUMPABLE, 0)"
			 " or runs a setuid or unreadable binary, and only a tracer with CAP_SYS_PTRACE may"
			 " trace it; run it as root or with CAP_SYS_PTRACE)", (int)tid, strerror(err));
	else if (err == EPERM)
		yama_hint(e->message, sizeof(e->message));
}

/* 1: attached, 0: nothing to do (known, excluded or gone), -1: refused. */
static int seize(pid_t pid, pid_t tid, struct attach_error *e)
{
	int err;

	if (tracee_find(tid) || tracer_is_excluded(tid))
		return 0;
	if (ptrace(PTRACE_SEIZE, tid, 0L, tracer_options()) == 0) {
		if (!tracee_add(tid, pid)) {
			ptrace(PTRACE_DETACH, tid, 0L, 0L);
			return 0;
		}
		if (ptrace(PTRACE_INTERRUPT, tid, 0L, 0L) < 0 && errno != ESRCH)
			log_msg("ptrace(PTRACE_INTERRUPT, %d): %s", (int)tid, strerror(errno));
		return 1;
	}
	err = errno;
	if (err == ESRCH)
		return 0; /* the thread ended meanwhile */
	if (err == EPERM) {
		long tracer = procfs_status_field(tid, "TracerPid");
		char state[32];

		/* Gone, or a zombie: a leader that called pthread_exit cannot be traced, nor needs to be. */
		if (tracer < 0 || procfs_status_text(tid, "State", state, sizeof(state)) < 0 ||
		    state[0] == 'Z' || state[0] == 'X')
			return 0;
		/* Ours already: a thread created by one we seized, its clone event not read yet. */
		if (tracer == getpid())
			return tracee_add(tid, pid) ? 1 : 0;
	}
	describe(tid, err, e);
	return -1;
}

int attach_process(pid_t pid, struct attach_error *e)
{
	int quiet_passes = 0, total = 0;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	/* The JVM starts threads at any time: stop when two passes in a row find none new. */
	while (quiet_passes < 2) {
		DIR *d = opendir(path);
		struct dirent *de;
		int found = 0;

		if (!d) {
			e->err = errno;
			e->tracer = 0;
			snprintf(e->message, sizeof(e->message), "%s: %s", path, strerror(errno));
			return -1;
		}
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);
			int r = tid > 0 ? seize(pid, tid, e) : 0;

			if (r < 0) {
				closedir(d);
				return -1;
			}
			found += r;
		}
		closedir(d);
		total += found;
		quiet_passes = found ? 0 : quiet_passes + 1;
	}
	return total;
}
