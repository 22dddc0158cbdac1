/* threads [N]: N threads (default 2) each write one line to /dev/null; main joins them. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int out;

static void *worker(void *arg)
{
	char line[32];

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
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	write(out, "main\n", 5);
	return 0;
}
