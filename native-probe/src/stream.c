/* stream.c - see stream.h and protocol.h. */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "protocol.h"
#include "signals.h"

#define BUF_SIZE     (4u << 20)
#define FLUSH_AT     (64u << 10) /* the tracer flushes itself past this much */
#define CONTROL_ROOM (64u << 10) /* kept free for non-syscall records when syscalls are dropped */
#define FINAL_WAIT_MS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *buf;
static size_t head, tail;      /* unsent bytes are buf[head, tail) */
static int out_fd = -1;
static int started, closed, broken;
static uint64_t sent, dropped_total, dropped_pending;
static uint64_t held;          /* the stamp of the stop being handled, 0 when none */
static uint64_t last_beat;     /* heartbeats never go back */

int stream_init(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
		log_msg("fcntl(%d, F_SETFL, O_NONBLOCK): %s", fd, strerror(errno));
		return -1;
	}
	buf = malloc(BUF_SIZE);
	if (!buf) {
		log_msg("malloc(%u): %s", BUF_SIZE, strerror(errno));
		return -1;
	}
	out_fd = fd;
	return 0;
}

/* Writes what the pipe takes now. Caller holds the lock. */
static void flush_locked(void)
{
	while (head < tail && !broken) {
		ssize_t n = write(out_fd, buf + head, tail - head);

		if (n > 0) {
			head += n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			if (n < 0 && errno != EAGAIN) {
				/* EPIPE: the agent is gone; that ends the probe like EOF on stdin. */
				broken = 1;
				signals_request_quit();
			}
			break;
		}
	}
	if (head == tail)
		head = tail = 0;
}

/* Room for n more bytes, keeping `reserve` free; compacts the buffer when that helps. */
static int room_locked(size_t n, size_t reserve)
{
	if (tail + n + reserve <= BUF_SIZE)
		return 1;
	if (head > 0) {
		memmove(buf, buf + head, tail - head);
		tail -= head;
		head = 0;
	}
	return tail + n + reserve <= BUF_SIZE;
}

static size_t padded(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Appends a record: header, fixed part (already in rec), then text; pads to 8 bytes. */
static int append_locked(uint32_t type, void *rec, size_t fixed, const char *const *texts,
			 const size_t *lens, int ntexts, size_t reserve)
{
	struct sl_rec_header *h = rec;
	size_t size = fixed, at;
	int i;

	for (i = 0; i < ntexts; i++)
		size += lens[i];
	size = padded(size);
	if (!room_locked(size, reserve))
		return -1;
	h->type = type;
	h->size = (uint32_t)size;
	memcpy(buf + tail, rec, fixed);
	at = tail + fixed;
	for (i = 0; i < ntexts; i++) {
		memcpy(buf + at, texts[i], lens[i]);
		at += lens[i];
	}
	memset(buf + at, 0, tail + size - at);
	tail += size;
	return 0;
}

/*
 * Tells the agent about drops once syscall records fit again (`reserve` as for them), so a
 * full buffer yields one DROPPED record per episode, not one per dropped call. Caller holds
 * the lock.
 */
static void report_drops_locked(size_t reserve)
{
	struct sl_rec_dropped d = { .count = dropped_pending, .now_ns = now_ns() };

	if (dropped_pending && append_locked(SL_REC_DROPPED, &d, sizeof(d), NULL, NULL, 0, reserve) == 0)
		dropped_pending = 0;
}

static void control_record(uint32_t type, void *rec, size_t fixed, const char *text, size_t len)
{
	pthread_mutex_lock(&lock);
	if (!closed && out_fd >= 0)
		append_locked(type, rec, fixed, &text, &len, text ? 1 : 0, 0);
	pthread_mutex_unlock(&lock);
}

void stream_hello(pid_t target, unsigned threads)
{
	struct sl_rec_hello r = {
		.magic = SL_PROTO_MAGIC, .version = SL_PROTO_VERSION, .probe_pid = getpid(),
		.target_pid = target, .threads = threads, .now_ns = now_ns(),
	};

	control_record(SL_REC_HELLO, &r, sizeof(r), NULL, 0);
	pthread_mutex_lock(&lock);
	started = 1;
	flush_locked();
	pthread_mutex_unlock(&lock);
}

uint64_t stream_hold(void)
{
	uint64_t now;

	pthread_mutex_lock(&lock);
	now = now_ns();
	held = now;
	pthread_mutex_unlock(&lock);
	return now;
}

void stream_release(void)
{
	pthread_mutex_lock(&lock);
	held = 0;
	pthread_mutex_unlock(&lock);
}

/* Cuts the texts to fit SL_TEXT_MAX: the fd target first to its own limit, then the arguments
 * (a return value is long only with a very long fd path). Returns SL_SC_TRUNCATED or 0. */
static unsigned fit(size_t lens[4])
{
	unsigned cut = 0;
	size_t room;

	if (lens[3] > SL_FD_TARGET_MAX) {
		lens[3] = SL_FD_TARGET_MAX;
		cut = SL_SC_TRUNCATED;
	}
	room = SL_TEXT_MAX - lens[3];
	if (lens[0] + lens[1] + lens[2] > room) {
		if (lens[0] + lens[2] > room)
			lens[2] = room - lens[0];
		lens[1] = room - lens[0] - lens[2];
		cut = SL_SC_TRUNCATED;
	}
	return cut;
}

void stream_syscall(const struct call *c, int fd, const char *fd_target)
{
	struct sl_rec_syscall r = {
		.tid = c->tid, .nr = c->nr, .ret = c->rval, .enter_ns = c->enter_ns, .exit_ns = c->exit_ns,
		.flags = c->failed ? SL_SC_FAILED : 0, .fd = fd,
	};
	const char *texts[4] = { c->name, sb_str(&c->args_text), sb_str(&c->ret_text),
				 fd_target ? fd_target : "" };
	size_t lens[4] = { strlen(c->name), c->args_text.len, c->ret_text.len, strlen(texts[3]) };

	memcpy(r.args, c->args, sizeof(r.args));
	r.flags |= fit(lens);
	r.name_len = lens[0];
	r.args_len = lens[1];
	r.ret_len = lens[2];
	r.fd_target_len = lens[3];
	pthread_mutex_lock(&lock);
	held = 0; /* in the stream now (or counted as dropped): heartbeats may pass its exit */
	if (!closed && out_fd >= 0) {
		report_drops_locked(CONTROL_ROOM);
		if (append_locked(SL_REC_SYSCALL, &r, sizeof(r), texts, lens, 4,
				  CONTROL_ROOM) == 0) {
			sent++;
		} else {
			dropped_total++;
			dropped_pending++;
		}
		if (tail - head >= FLUSH_AT)
			flush_locked();
	}
	pthread_mutex_unlock(&lock);
}

void stream_thread(pid_t tid, unsigned event)
{
	struct sl_rec_thread r = { .tid = tid, .event = event, .now_ns = now_ns() };

	control_record(SL_REC_THREAD, &r, sizeof(r), NULL, 0);
}

void stream_heartbeat(void)
{
	struct sl_rec_heartbeat r;

	pthread_mutex_lock(&lock);
	if (started && !closed) {
		report_drops_locked(CONTROL_ROOM);
		/*
		 * Read under the lock: every syscall record queued before has exit_ns <= now_ns.
		 * While a stop is handled its record is not queued yet (the thread may already
		 * run on): say no more than just before its stamp.
		 */
		r.now_ns = now_ns();
		if (held && r.now_ns >= held)
			r.now_ns = held - 1;
		if (r.now_ns < last_beat)
			r.now_ns = last_beat;
		last_beat = r.now_ns;
		r.dropped_total = dropped_total;
		append_locked(SL_REC_HEARTBEAT, &r, sizeof(r), NULL, NULL, 0, 0);
		flush_locked();
	}
	pthread_mutex_unlock(&lock);
}

/* Flushes everything left, waiting for the agent at most FINAL_WAIT_MS. Caller holds the lock. */
static void final_flush_locked(void)
{
	uint64_t deadline = now_ns() + FINAL_WAIT_MS * 1000000ull;
	struct pollfd p = { .fd = out_fd, .events = POLLOUT };

	closed = 1;
	for (;;) {
		uint64_t now;

		flush_locked();
		now = now_ns();
		if (head == tail || broken || now >= deadline)
			break;
		poll(&p, 1, (int)((deadline - now) / 1000000) + 1);
	}
}

void stream_error(int err, pid_t tracer, const char *message)
{
	struct sl_rec_error r = { .err = err, .tracer_pid = tracer, .message_len = strlen(message) };
	size_t len = r.message_len;

	pthread_mutex_lock(&lock);
	if (!closed && out_fd >= 0) {
		append_locked(SL_REC_ERROR, &r, sizeof(r), &message, &len, 1, 0);
		final_flush_locked();
	}
	pthread_mutex_unlock(&lock);
}

void stream_bye(void)
{
	struct sl_rec_bye r;

	pthread_mutex_lock(&lock);
	if (!closed && out_fd >= 0) {
		report_drops_locked(0);
		r.now_ns = now_ns();
		r.syscalls = sent;
		r.dropped = dropped_total;
		append_locked(SL_REC_BYE, &r, sizeof(r), NULL, NULL, 0, 0);
		final_flush_locked();
	}
	pthread_mutex_unlock(&lock);
}

int stream_broken(void)
{
	int b;

	pthread_mutex_lock(&lock);
	b = broken;
	pthread_mutex_unlock(&lock);
	return b;
}
