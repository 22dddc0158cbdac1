/*
 * storm [MS [THREADS]]: THREADS threads (default 1) make small syscalls as fast as they can
 * for MS milliseconds (default 20): write to /dev/null, read from /dev/zero, open and close a
 * file. Load for agent_check.py --storm, which checks the stream's ordering under it; with
 * one thread its fd numbers do not depend on scheduling, so the differential test runs it too.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long ms = 20;

static long elapsed_ms(const struct timespec *from)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - from->tv_sec) * 1000 + (now.tv_nsec - from->tv_nsec) / 1000000;
}

static void *worker(void *arg)
{
	int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
	struct timespec start;
	char buf[16];

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (elapsed_ms(&start) < ms) {
		int fd = open("/dev/null", O_RDONLY);

		write(out, "storm\n", 6);
		read(in, buf, sizeof(buf));
		close(fd);
	}
	close(in);
	close(out);
	return NULL;
}

int main(int argc, char **argv)
{
	long i, n = argc > 2 ? atol(argv[2]) : 1;
	pthread_t t[64];

	if (argc > 1)
		ms = atol(argv[1]);
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}
