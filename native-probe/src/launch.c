/* launch.c - see launch.h. */
#define _GNU_SOURCE
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "signals.h"
#include "tracee.h"
#include "tracer.h"

/* Searches PATH ourselves, as strace does, so the trace shows one execve and not one per entry. */
static int find_program(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *p, *end;
	struct stat st;

	if (strchr(name, '/')) {
		snprintf(out, size, "%s", name);
		return 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		snprintf(out, size, "%.*s%s%s", (int)(end - p), p, end > p ? "/" : "", name);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

pid_t launch_command(char **argv)
{
	char program[PATH_MAX], c;
	int sync[2];
	struct tracee *t;
	pid_t pid;

	if (find_program(argv[0], program, sizeof(program)) < 0) {
		log_msg("%s: command not found in PATH", argv[0]);
		return -1;
	}
	if (pipe2(sync, O_CLOEXEC) < 0) {
		log_msg("pipe2: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		log_msg("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* Wait until the parent has seized us: end of file on the pipe. */
		close(sync[1]);
		signals_reset();
		while (read(sync[0], &c, 1) < 0 && errno == EINTR)
			;
		execv(program, argv);
		log_msg("execv(%s): %s", program, strerror(errno));
		_exit(127);
	}
	close(sync[0]);
	if (ptrace(PTRACE_SEIZE, pid, 0L, tracer_options()) < 0) {
		log_msg("ptrace(PTRACE_SEIZE, %d): %s", (int)pid, strerror(errno));
		kill(pid, SIGKILL);
		close(sync[1]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	t = tracee_add(pid, pid);
	if (t)
		t->flags |= T_QUIET;
	/* Stopped before it can read the pipe's end of file, so its execve is traced. */
	ptrace(PTRACE_INTERRUPT, pid, 0L, 0L);
	close(sync[1]);
	return pid;
}
