/*
 * threads [N]: N threads (default 2) each write one line to /dev/null; main joins them.
 * The threads wait until main has made them all: a thread that ends clears the tid that
 * clone3 wrote at parent_tid, and a tracer reading it at clone3's exit would then see 0.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int out;
static pthread_barrier_t all_made;

static void *worker(void *arg)
{
	char line[32];

	pthread_barrier_wait(&all_made);
	snprintf(line, sizeof(line), "thread %ld\n", (long)arg);
	write(out, line, strlen(line));
	return NULL;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 2;
	pthread_t t[64];

	if (n > 64)
		n = 64;
	out = open("/dev/null", O_WRONLY);
	pthread_barrier_init(&all_made, NULL, (unsigned)n + 1);
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&all_made);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	write(out, "main\n", 5);
	return 0;
}
