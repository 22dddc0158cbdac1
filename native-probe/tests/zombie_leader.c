/* zombie_leader [SECONDS]: main exits its thread (the process lives on as a zombie leader) while a
 * second thread writes a line to /dev/null every 100 ms for SECONDS (default 3), then exits. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static int seconds = 3, out;

static void *worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < seconds * 10; i++) {
		write(out, "tick\n", 5);
		usleep(100000);
	}
	exit(0);
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1)
		seconds = atoi(argv[1]);
	/* Before the thread: pthread_exit's loading of libgcc_s would race it for the lowest fd. */
	out = open("/dev/null", O_WRONLY);
	pthread_create(&t, NULL, worker, NULL);
	pthread_exit(NULL);
}
