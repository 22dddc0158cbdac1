#define _GNU_SOURCE
/*
 * harden_no_writes(): after it, the probe may still read a tracee (PEEKDATA, GETREGS) but every
 * request that writes into one, and process_vm_writev, fails with EPERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harden.h"

static int failed;

static void expect(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "harden_test: %s (errno %d %s)\n", what, errno, strerror(errno));
		failed++;
	}
}

static volatile long word = 42;

int main(void)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(word == 42 ? 0 : 3);
	}
	waitpid(child, &status, 0);
	expect(WIFSTOPPED(status), "the child stops under ptrace");
	expect(harden_no_writes() == 0, "the filter installs");

	errno = 0;
	long v = ptrace(PTRACE_PEEKDATA, child, (void *)&word, 0);
	expect(v == 42 && errno == 0, "PEEKDATA still reads");
	struct user_regs_struct regs;
	expect(ptrace(PTRACE_GETREGS, child, 0, &regs) == 0, "GETREGS still reads");

	errno = 0;
	expect(ptrace(PTRACE_POKEDATA, child, (void *)&word, (void *)7L) == -1 && errno == EPERM, "POKEDATA is refused");
	errno = 0;
	expect(ptrace(PTRACE_POKETEXT, child, (void *)&word, (void *)7L) == -1 && errno == EPERM, "POKETEXT is refused");
	errno = 0;
	expect(ptrace(PTRACE_SETREGS, child, 0, &regs) == -1 && errno == EPERM, "SETREGS is refused");

	long seven = 7;
	struct iovec local = { &seven, sizeof seven }, remote = { (void *)&word, sizeof word };
	errno = 0;
	expect(process_vm_writev(child, &local, 1, &remote, 1, 0) == -1 && errno == EPERM,
	       "process_vm_writev is refused");

	ptrace(PTRACE_CONT, child, 0, 0);
	waitpid(child, &status, 0);
	expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's memory is unchanged");
	printf("harden_test: %s\n", failed ? "FAILED" : "ok");
	return failed ? 1 : 0;
}
