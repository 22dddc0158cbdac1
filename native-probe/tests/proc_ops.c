#define _GNU_SOURCE
/*
 * proc_ops: the process syscalls, each once succeeding and once failing: clone (fork and
 * thread-like), clone3, vfork, execve, wait4, kill, tgkill, exit_group. Run it with -f so the
 * children are traced too. Output is only compared with strace.
 */
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[65536];

static int child_fn(void *arg)
{
	(void)arg;
	return 3;
}

static void waits(pid_t pid)
{
	struct rusage ru;
	int status;

	wait4(pid, &status, 0, NULL);
	wait4(-1, &status, WNOHANG, NULL);
	wait4(-1, NULL, WNOHANG | __WALL, &ru);
	wait4(999999, &status, WNOHANG | WUNTRACED | WCONTINUED, NULL);
	wait4(-1, &status, 0x1000, NULL);
}

int main(int argc, char **argv)
{
	struct clone_args args = { .flags = CLONE_CLEAR_SIGHAND, .exit_signal = SIGCHLD };
	char *envp[] = { "A=1", "B=2", NULL };
	pid_t pid;
	int status;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 7;
	/* fork through clone: flags, child_tidptr */
	pid = fork();
	if (pid == 0)
		_exit(1);
	waits(pid);
	pid = clone(child_fn, stack + sizeof(stack), SIGCHLD, NULL);
	wait4(pid, &status, 0, NULL);
	pid = clone(child_fn, stack + sizeof(stack), CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, NULL);
	wait4(pid, &status, __WALL, NULL);
	clone(child_fn, stack + sizeof(stack), CLONE_THREAD, NULL);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(2);
	wait4(pid, &status, 0, NULL);
	syscall(SYS_clone3, &args, 8);
	syscall(SYS_clone3, NULL, sizeof(args));
	pid = vfork();
	if (pid == 0) {
		execle("/proc/self/exe", "proc_ops", "child", (char *)NULL, envp);
		_exit(127);
	}
	wait4(pid, &status, 0, NULL);
	pid = fork();
	if (pid == 0) {
		execve("/nonexistent", (char *[]){ "x", NULL }, envp);
		raise(SIGKILL);
	}
	wait4(pid, &status, 0, NULL);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, 0);
	kill(pid, SIGTERM);
	wait4(pid, &status, 0, NULL);
	kill(999999, SIGKILL);
	kill(getpid(), 99);
	syscall(SYS_tgkill, getpid(), getpid(), 0);
	syscall(SYS_tgkill, getpid(), 999999, SIGUSR1);
	signal(SIGUSR2, SIG_IGN);
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
	syscall(SYS_exit_group, 5);
	return 0;
}
