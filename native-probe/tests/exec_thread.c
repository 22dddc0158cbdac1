/* exec_thread [PROGRAM]: a second thread execs PROGRAM (default /bin/true) while main sleeps. */
#include <pthread.h>
#include <unistd.h>

static char *program = "/bin/true";
static int go[2];

static void *worker(void *arg)
{
	char *argv[] = { program, NULL };
	char c;

	(void)arg;
	/*
	 * Wait until main is back from pthread_create: otherwise the execve can kill main inside
	 * its clone3, and whether that clone3 line ends or is cut short differs from run to run.
	 */
	if (read(go[0], &c, 1) != 1)
		return NULL;
	write(1, "exec\n", 5);
	execv(program, argv);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1)
		program = argv[1];
	if (pipe(go) != 0)
		return 1;
	pthread_create(&t, NULL, worker, NULL);
	write(go[1], "x", 1);
	for (;;)
		pause();
}
