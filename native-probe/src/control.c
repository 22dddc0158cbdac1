/* control.c - see control.h. */
#define _GNU_SOURCE
#include "control.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "protocol.h"
#include "signals.h"
#include "stream.h"

#define MAX_PENDING 256

static int agent_mode;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
static int go_state;            /* 0 waiting, 1 go received, -1 stdin ended */
static pid_t *go_tids;
static int go_n;
static pid_t pending[MAX_PENDING];
static int npending;
static atomic_int any_pending, main_done;

static void command_go(char *rest)
{
	char *tok, *save = NULL;

	pthread_mutex_lock(&lock);
	if (go_state == 0) {
		for (tok = strtok_r(rest, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
			pid_t *p = realloc(go_tids, (go_n + 1) * sizeof(*p));

			if (!p)
				break;
			go_tids = p;
			go_tids[go_n++] = (pid_t)atoi(tok);
		}
		go_state = 1;
		pthread_cond_broadcast(&go_cond);
	}
	pthread_mutex_unlock(&lock);
}

static void command_exclude(const char *rest)
{
	pthread_mutex_lock(&lock);
	if (npending < MAX_PENDING)
		pending[npending++] = (pid_t)atoi(rest);
	else
		log_msg("exclude %s: too many pending commands, ignored", rest);
	any_pending = 1;
	pthread_mutex_unlock(&lock);
}

static void command(char *line)
{
	if (strncmp(line, "go", 2) == 0 && (line[2] == '\0' || line[2] == ' '))
		command_go(line + 2);
	else if (strncmp(line, "exclude ", 8) == 0)
		command_exclude(line + 8);
	else if (strcmp(line, "beat") == 0)
		stream_heartbeat();
	else if (line[0])
		log_msg("unknown command: %s", line);
}

/* Reads what stdin has; returns -1 at end of file. */
static int read_commands(void)
{
	static char line[4096];
	static size_t len;
	ssize_t n;
	char *nl;

	do
		n = read(STDIN_FILENO, line + len, sizeof(line) - 1 - len);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	len += n;
	line[len] = '\0';
	while ((nl = strchr(line, '\n'))) {
		*nl = '\0';
		command(line);
		len -= nl + 1 - line;
		memmove(line, nl + 1, len + 1);
	}
	if (len == sizeof(line) - 1)
		len = 0; /* a line longer than any command: drop it */
	return 0;
}

static void stdin_ended(void)
{
	pthread_mutex_lock(&lock);
	if (go_state == 0)
		go_state = -1;
	pthread_cond_broadcast(&go_cond);
	pthread_mutex_unlock(&lock);
	signals_request_quit();
}

static void *run(void *arg)
{
	const uint64_t period = SL_HEARTBEAT_MS * 1000000ull;
	uint64_t next_beat = now_ns() + period;
	int stdin_open = agent_mode;

	(void)arg;
	for (;;) {
		struct pollfd p = { .fd = stdin_open ? STDIN_FILENO : -1, .events = POLLIN };
		uint64_t now = now_ns(), wait = next_beat > now ? next_beat - now : 0;
		struct timespec ts = { (time_t)(wait / 1000000000u), (long)(wait % 1000000000u) };

		if (ppoll(&p, 1, &ts, NULL) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
			if (read_commands() < 0) {
				stdin_open = 0;
				stdin_ended();
			}
		}
		now = now_ns();
		if (now >= next_beat) {
			if (agent_mode)
				stream_heartbeat();
			next_beat += period;
			if (next_beat <= now)
				next_beat = now + period;
		}
		if (!main_done && (signals_quit_requested() || any_pending))
			signals_wake_main();
	}
	return NULL;
}

int control_start(int agent)
{
	sigset_t block, old;
	pthread_t th;
	int err;

	agent_mode = agent;
	signals_fill_mask(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	err = pthread_create(&th, NULL, run, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		log_msg("pthread_create: %s", strerror(err));
		return -1;
	}
	pthread_detach(th);
	return 0;
}

int control_wait_go(pid_t **tids, int *n)
{
	int state;

	pthread_mutex_lock(&lock);
	while (go_state == 0 && !signals_quit_requested()) {
		struct timespec ts;

		/* Timed, so a SIGTERM that lands on this thread is noticed. */
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 10000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&go_cond, &lock, &ts);
	}
	state = go_state;
	*tids = go_tids;
	*n = go_n;
	pthread_mutex_unlock(&lock);
	return state == 1 && !signals_quit_requested() ? 0 : -1;
}

int control_take_excludes(pid_t *buf, int max)
{
	int n = 0;

	if (!any_pending)
		return 0;
	pthread_mutex_lock(&lock);
	while (n < max && n < npending) {
		buf[n] = pending[n];
		n++;
	}
	memmove(pending, pending + n, (npending - n) * sizeof(pending[0]));
	npending -= n;
	any_pending = npending > 0;
	pthread_mutex_unlock(&lock);
	return n;
}

void control_main_done(void)
{
	main_done = 1;
}
