/* idle_poll.c - see idle_poll.h. */
#define _GNU_SOURCE
#include "idle_poll.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "options.h"

static int fd = -1;
static int held;
static unsigned streak;
static uint64_t taken, held_ns, since, released;

void idle_poll_open(void)
{
	if (opt.idle_halt || !opt.spin_us)
		return; /* no polling tracer, no streaks */
	/* Opening adds a request with no constraint; only the writes below change it. */
	fd = open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC);
	if (fd < 0 && errno != EACCES && errno != EPERM && errno != ENOENT)
		log_msg("/dev/cpu_dma_latency: %s; idle CPUs halt as usual", strerror(errno));
}

/* 0: poll when idle; -1: the kernel's default, no constraint. */
static int request(int32_t us)
{
	if (write(fd, &us, sizeof(us)) == (ssize_t)sizeof(us))
		return 0;
	log_msg("/dev/cpu_dma_latency: %s; idle CPUs halt as usual", strerror(errno));
	close(fd);
	fd = -1;
	return -1;
}

static void take(uint64_t now)
{
	if (fd >= 0 && request(0) == 0) {
		held = 1;
		taken++;
		since = now;
	}
}

void idle_poll_polled(void)
{
	if (fd < 0 || held || ++streak < IDLE_POLL_STREAK)
		return;
	take(now_ns());
}

void idle_poll_woke(void)
{
	uint64_t now;

	if (!released)
		return;
	now = now_ns();
	if (now - released < IDLE_POLL_SHORT_SLEEP_NS)
		take(now);
	released = 0;
}

void idle_poll_sleeping(void)
{
	streak = 0;
	if (!held)
		return;
	held = 0;
	released = now_ns();
	held_ns += released - since;
	request(-1);
}

void idle_poll_stats(uint64_t *t, uint64_t *h)
{
	*t = taken;
	*h = held_ns + (held ? now_ns() - since : 0);
}
