/*
 * decode_poll.c - poll, ppoll, select, pselect6. The fds asked about are printed at entry (with
 * their paths under -y); what came back is added to the return value at exit, as strace does:
 * "= 1 ([{fd=3, revents=POLLIN}])", "= 2 (in [3], out [4], left {...})".
 */
#define _GNU_SOURCE
#include <poll.h>

#include "decode.h"
#include "options.h"

static const struct xlat poll_flags[] = {
	XLAT(POLLIN), XLAT(POLLPRI), XLAT(POLLOUT), XLAT(POLLERR), XLAT(POLLHUP), XLAT(POLLNVAL),
	XLAT(POLLRDNORM), XLAT(POLLRDBAND), XLAT_PAIR(0x100, "POLLWRNORM"),
	XLAT_PAIR(0x200, "POLLWRBAND"), XLAT_PAIR(0x400, "POLLMSG"), XLAT_PAIR(0x1000, "POLLREMOVE"),
	XLAT_PAIR(0x2000, "POLLRDHUP"), XLAT_PAIR(0x8000, "POLL_BUSY_LOOP"), XLAT_END,
};

static int print_pollfd(struct call *c, const void *elem, void *ctx)
{
	const struct pollfd *p = elem;

	(void)ctx;
	sb_puts(&c->args_text, "{fd=");
	arg_fd(c, p->fd);
	if (p->fd >= 0) {
		sb_puts(&c->args_text, ", events=");
		arg_flags(c, poll_flags, (unsigned short)p->events, "POLL???");
	}
	sb_putc(&c->args_text, '}');
	return 1;
}

static void pollfds_in(struct call *c)
{
	unsigned nfds = (unsigned)c->args[1];

	arg_array(c, c->args[0], nfds, sizeof(struct pollfd), print_pollfd, NULL);
	arg_sep(c);
	arg_uint(c, nfds);
	arg_sep(c);
}

/* A pollfd of the array at exit, read a chunk at a time (the array can be long); -1 when it
 * cannot be read. */
#define POLL_CHUNK 256

static int pollfd_at(struct call *c, uint64_t addr, uint64_t i, uint64_t nfds,
		     struct pollfd *chunk, uint64_t *first, uint64_t *count, struct pollfd *out)
{
	if (i < *first || i >= *first + *count) {
		uint64_t n = nfds - i < POLL_CHUNK ? nfds - i : POLL_CHUNK;

		*first = i;
		*count = read_mem(c, addr + i * sizeof(*chunk), chunk, n * sizeof(*chunk)) == 0 ? n : 0;
		if (!*count) {
			/* Part of the chunk is unreadable: this one element, then. */
			if (read_mem(c, addr + i * sizeof(*chunk), out, sizeof(*out)) < 0)
				return -1;
			return 0;
		}
	}
	*out = chunk[i - *first];
	return 0;
}

/* At exit: the fds with events (plain numbers), then what is left of the timeout. */
static void pollfds_out(struct call *c, uint64_t tsp)
{
	static struct pollfd chunk[POLL_CHUNK];
	struct strbuf *r = &c->ret_text;
	uint64_t addr = c->args[0], i, first = 0, count = 0;
	unsigned nfds = (unsigned)c->args[1], printed = 0;
	int any = 0;

	if (c->failed)
		return;
	if (c->rval == 0) {
		sb_puts(r, "0 (Timeout)");
		return;
	}
	sb_printf(r, "%lld (", (long long)c->rval);
	if (addr && nfds) {
		for (i = 0; i < nfds; i++) {
			struct pollfd p;

			if (pollfd_at(c, addr, i, nfds, chunk, &first, &count, &p) < 0) {
				sb_printf(r, "%s%#llx", any ? ", " : "[",
					  (unsigned long long)(addr + i * sizeof(p)));
				any = 1;
				break;
			}
			if (!p.revents)
				continue;
			sb_puts(r, any ? ", " : "[");
			any = 1;
			if (printed >= opt.string_limit) {
				sb_puts(r, "...");
				break;
			}
			sb_printf(r, "{fd=%d, revents=", p.fd);
			sb_flags(r, poll_flags, (unsigned short)p.revents, NULL);
			sb_putc(r, '}');
			printed++;
		}
		if (any)
			sb_putc(r, ']');
	}
	if (tsp) {
		int64_t ts[2];

		sb_puts(r, any ? ", left " : "left ");
		if (read_mem(c, tsp, ts, sizeof(ts)) < 0)
			sb_printf(r, "%#llx", (unsigned long long)tsp);
		else
			sb_timespec(r, ts[0], (uint64_t)ts[1]);
		any = 1;
	}
	if (!any) {
		/* Nothing to add after all: the plain number. */
		sb_reset(r);
		sb_printf(r, "%lld", (long long)c->rval);
		return;
	}
	sb_putc(r, ')');
}

void decode_poll(struct call *c)
{
	if (!c->exiting) {
		pollfds_in(c);
		arg_int(c, c->args[2]);
	} else {
		pollfds_out(c, 0);
	}
}

void decode_ppoll(struct call *c)
{
	if (!c->exiting) {
		pollfds_in(c);
		arg_timespec(c, c->args[2]);
		arg_sep(c);
		arg_sigset(c, c->args[3], c->args[4]);
		arg_sep(c);
		arg_ulong(c, c->args[4]);
	} else {
		pollfds_out(c, c->args[2]);
	}
}

/* fd_set bitmaps: nfds bits, read in whole words. */
#define MAX_SELECT_FDS (1024 * 1024)
static unsigned char fdset[MAX_SELECT_FDS / 8];

static int select_nfds(struct call *c, size_t *size)
{
	int nfds = (int)c->args[0];

	if (nfds < 0)
		nfds = 0;
	if (nfds > MAX_SELECT_FDS)
		nfds = MAX_SELECT_FDS;
	*size = (((size_t)nfds + 7) / 8 + sizeof(long) - 1) & ~(sizeof(long) - 1);
	return nfds;
}

static int next_bit(int from, int nfds)
{
	for (; from < nfds; from++)
		if (fdset[from / 8] & (1u << (from % 8)))
			return from;
	return -1;
}

static void select_in(struct call *c, int is_timeval)
{
	size_t size;
	int nfds = select_nfds(c, &size), i, j, first;

	arg_int(c, c->args[0]);
	for (i = 1; i <= 3; i++) {
		uint64_t addr = c->args[i];

		arg_sep(c);
		if (!size || read_mem(c, addr, fdset, size) < 0) {
			arg_ptr(c, addr);
			continue;
		}
		first = next_bit(0, nfds);
		sb_putc(&c->args_text, '[');
		for (j = next_bit(0, nfds); j >= 0; j = next_bit(j + 1, nfds)) {
			if (j != first)
				sb_putc(&c->args_text, ' ');
			arg_fd(c, j);
		}
		sb_putc(&c->args_text, ']');
	}
	arg_sep(c);
	if (is_timeval)
		arg_timeval(c, c->args[4]);
	else
		arg_timespec(c, c->args[4]);
}

/* "in [3], out [4], left {...}" after the count; the bracket quirk is strace's. */
static void select_out(struct call *c, int is_timeval)
{
	static const char *const names[] = { "in", "out", "except" };
	struct strbuf *r = &c->ret_text;
	size_t size;
	int nfds = select_nfds(c, &size), ready = (int)c->rval, i, j;
	const char *sep = "";
	int any = 0;

	if (c->failed)
		return;
	if (ready == 0) {
		sb_puts(r, "0 (Timeout)");
		return;
	}
	sb_printf(r, "%lld (", (long long)c->rval);
	for (i = 0; i < 3 && ready > 0; i++) {
		int first = 1;

		if (!c->args[i + 1] || read_mem(c, c->args[i + 1], fdset, size) < 0)
			continue;
		for (j = next_bit(0, nfds); j >= 0; j = next_bit(j + 1, nfds)) {
			if (first) {
				sb_printf(r, "%s%s [%d", sep, names[i], j);
				first = 0;
				any = 1;
				sep = ", ";
			} else {
				sb_printf(r, " %d", j);
			}
			if (--ready == 0)
				break;
		}
		if (any)
			sb_putc(r, ']');
	}
	if (c->args[4]) {
		int64_t t[2];

		sb_printf(r, "%sleft ", sep);
		if (read_mem(c, c->args[4], t, sizeof(t)) < 0)
			sb_printf(r, "%#llx", (unsigned long long)c->args[4]);
		else if (is_timeval)
			sb_printf(r, "{tv_sec=%lld, tv_usec=%llu}", (long long)t[0],
				  (unsigned long long)t[1]);
		else
			sb_timespec(r, t[0], (uint64_t)t[1]);
	}
	sb_putc(r, ')');
}

void decode_select(struct call *c)
{
	if (!c->exiting)
		select_in(c, 1);
	else
		select_out(c, 1);
}

/* pselect6's sixth argument points to {sigset pointer, its size}. */
void decode_pselect6(struct call *c)
{
	uint64_t sas[2];

	if (c->exiting) {
		select_out(c, 0);
		return;
	}
	select_in(c, 0);
	arg_sep(c);
	if (read_mem(c, c->args[5], sas, sizeof(sas)) < 0) {
		arg_ptr(c, c->args[5]);
		return;
	}
	sb_puts(&c->args_text, "{sigmask=");
	arg_sigset(c, sas[0], sas[1]);
	sb_printf(&c->args_text, ", sigsetsize=%llu}", (unsigned long long)sas[1]);
}
