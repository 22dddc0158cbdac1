/* exec_thread [PROGRAM]: a second thread execs PROGRAM (default /bin/true) while main sleeps. */
#include <pthread.h>
#include <unistd.h>

static char *program = "/bin/true";

static void *worker(void *arg)
{
	char *argv[] = { program, NULL };

	(void)arg;
	write(1, "exec\n", 5);
	execv(program, argv);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1)
		program = argv[1];
	pthread_create(&t, NULL, worker, NULL);
	for (;;)
		pause();
}
