/*
 * capture.c - see capture.h. The log is a byte array of entries, each a header and its bytes,
 * 8-byte aligned. A replayed read is looked for from the cursor on, then from the start, so a
 * decoder that asks in a slightly different order still finds its bytes.
 */
#include "capture.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

enum kind { K_MEM = 1, K_FD = 2 };

struct entry {
	uint32_t kind;
	int32_t rc;             /* K_MEM: tmem_read's result; K_FD: 1 when there is a text */
	uint64_t key;           /* K_MEM: the address; K_FD: the fd */
	uint64_t len;           /* K_MEM: bytes asked for; K_FD: the text's length with its NUL */
	/* then len bytes when rc says there are any, padded to 8 */
};

static struct capture *cur;
static enum capture_mode mode;
static unsigned long misses;
static int debug = -1;

static size_t padded(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static int has_data(const struct entry *e)
{
	return e->kind == K_MEM ? e->rc == 0 : e->rc == 1;
}

static size_t entry_size(const struct entry *e)
{
	return sizeof(*e) + (has_data(e) ? padded(e->len) : 0);
}

void capture_new_call(struct capture *cap)
{
	cap->fd = -1;
	free(cap->fd_text);
	cap->fd_text = NULL;
}

void capture_begin(struct capture *cap, enum capture_mode m)
{
	cur = cap;
	mode = m;
	if (m == CAPTURE_RECORD)
		cap->len = 0;
	cap->cursor = 0;
}

void capture_end(void)
{
	cur = NULL;
	mode = CAPTURE_OFF;
}

enum capture_mode capture_mode(void)
{
	return mode;
}

void capture_free(struct capture *cap)
{
	free(cap->log);
	free(cap->fd_text);
	memset(cap, 0, sizeof(*cap));
	cap->fd = -1;
}

static void append(uint32_t kind, int32_t rc, uint64_t key, const void *data, size_t len)
{
	struct entry e = { .kind = kind, .rc = rc, .key = key, .len = len };
	size_t need = entry_size(&e);

	if (cur->len + need > cur->cap) {
		size_t cap = cur->cap ? cur->cap : 4096;
		unsigned char *p;

		while (cap < cur->len + need)
			cap *= 2;
		p = realloc(cur->log, cap);
		if (!p)
			return; /* the replay reads live instead */
		cur->log = p;
		cur->cap = cap;
	}
	memcpy(cur->log + cur->len, &e, sizeof(e));
	if (has_data(&e))
		memcpy(cur->log + cur->len + sizeof(e), data, len);
	cur->len += need;
}

static const struct entry *find_between(uint32_t kind, uint64_t key, uint64_t len, size_t from,
					size_t to, size_t *next)
{
	size_t at = from;

	while (at < to) {
		const struct entry *e = (const struct entry *)(cur->log + at);

		at += entry_size(e);
		if (e->kind == kind && e->key == key && (kind != K_MEM || e->len == len)) {
			*next = at;
			return e;
		}
	}
	return NULL;
}

static const struct entry *find(uint32_t kind, uint64_t key, uint64_t len)
{
	const struct entry *e;
	size_t next;

	e = find_between(kind, key, len, cur->cursor, cur->len, &next);
	if (!e)
		e = find_between(kind, key, len, 0, cur->cursor, &next);
	if (e) {
		cur->cursor = next;
		return e;
	}
	if (debug < 0)
		debug = getenv("SL_CAPTURE_DEBUG") != NULL;
	if (debug)
		log_msg("capture: replay miss (%s %#llx, %llu bytes)",
			kind == K_MEM ? "memory" : "fd", (unsigned long long)key, (unsigned long long)len);
	misses++;
	return NULL;
}

int capture_replay_mem(uint64_t addr, void *dst, size_t len, int *rc)
{
	const struct entry *e;

	if (mode != CAPTURE_REPLAY || !(e = find(K_MEM, addr, len)))
		return 0;
	*rc = e->rc;
	if (e->rc == 0)
		memcpy(dst, e + 1, len);
	return 1;
}

void capture_record_mem(uint64_t addr, const void *src, size_t len, int rc)
{
	if (mode == CAPTURE_RECORD)
		append(K_MEM, rc, addr, src, len);
}

int capture_replay_fd(int fd, const char **text)
{
	const struct entry *e;

	if (mode != CAPTURE_REPLAY || !(e = find(K_FD, (uint64_t)(int64_t)fd, 0)))
		return 0;
	*text = e->rc == 1 ? (const char *)(e + 1) : NULL;
	return 1;
}

void capture_record_fd(int fd, const char *text)
{
	if (mode != CAPTURE_RECORD)
		return;
	append(K_FD, text ? 1 : 0, (uint64_t)(int64_t)fd, text, text ? strlen(text) + 1 : 0);
	/* The first fd a decoder prints is the one the call acts on (AT_FDCWD is not an fd). */
	if (cur->fd < 0 && fd >= 0) {
		cur->fd = fd;
		cur->fd_text = text ? strdup(text) : NULL;
	}
}

void capture_set_fd(struct capture *cap, int fd)
{
	size_t at = 0;

	cap->fd = fd;
	free(cap->fd_text);
	cap->fd_text = NULL;
	while (at < cap->len) {
		const struct entry *e = (const struct entry *)(cap->log + at);

		if (e->kind == K_FD && e->key == (uint64_t)(int64_t)fd && e->rc == 1)
			cap->fd_text = strdup((const char *)(e + 1));
		at += entry_size(e);
	}
}

unsigned long capture_misses(void)
{
	return misses;
}
