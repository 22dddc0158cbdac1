/* guard.c - see guard.h. Only async-signal-safe calls after the fork: the probe has threads. */
#define _GNU_SOURCE
#include "guard.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 100

/* The probe's state letter from /proc/PID/stat (after "(comm) "), or 0 when it is gone. */
static char state_of(const char *path)
{
	char buf[512], *p = NULL;
	ssize_t n, i;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++)
		if (buf[i] == ')')
			p = buf + i;
	return p && p + 2 < buf + n ? p[2] : 0;
}

static void watch(pid_t probe, const char *path, const char *line, size_t len, int stall_ms)
{
	struct timespec tick = { 0, TICK_MS * 1000000L };
	int stopped_ms = 0;
	char state;

	for (;;) {
		nanosleep(&tick, NULL);
		if (getppid() != probe)
			_exit(0);
		state = state_of(path);
		if (!state || state == 'Z' || state == 'X')
			_exit(0);
		stopped_ms = state == 'T' || state == 't' ? stopped_ms + TICK_MS : 0;
		if (stopped_ms >= stall_ms) {
			if (write(STDERR_FILENO, line, len) < 0) {
				/* nothing to do about it: the kill matters more */
			}
			kill(probe, SIGKILL);
			_exit(0);
		}
	}
}

int guard_start(int stall_ms)
{
	pid_t probe = getpid(), pid;
	char path[64], line[200];
	int len, fd, sig;
	sigset_t all;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)probe);
	len = snprintf(line, sizeof(line), "syscall-lens-probe: stopped for %d ms (SIGSTOP or a debugger);"
		       " killed by its guard so that the threads it held run on\n", stall_ms);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		return 0;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != probe)
		_exit(0); /* the probe ended before the line above */
	prctl(PR_SET_NAME, "sl-probe-guard");
	/* Not the record stream, nor the control pipe: the agent must see them close with the probe. */
	for (fd = 0; fd < 1024; fd++)
		if (fd != STDERR_FILENO)
			close(fd);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	watch(probe, path, line, (size_t)len, stall_ms);
	return 0;
}
