/* decode_types.c - kernel types several families print: timespec, timeval, signals, sigsets. */
#include "decode.h"
#include "siginfo.h"

/* Out-parameters of a failed call were not written: like strace, show their addresses. */
static int unwritten(struct call *c)
{
	return c->exiting && c->failed;
}

void sb_timespec(struct strbuf *b, int64_t sec, uint64_t nsec)
{
	sb_printf(b, "{tv_sec=%lld, tv_nsec=%llu}", (long long)sec, (unsigned long long)nsec);
}

void arg_timespec(struct call *c, uint64_t addr)
{
	int64_t ts[2];

	if (unwritten(c) || read_mem(c, addr, ts, sizeof(ts)) < 0)
		arg_ptr(c, addr);
	else
		sb_timespec(&c->args_text, ts[0], (uint64_t)ts[1]);
}

void arg_timeval(struct call *c, uint64_t addr)
{
	int64_t tv[2];

	if (unwritten(c) || read_mem(c, addr, tv, sizeof(tv)) < 0)
		arg_ptr(c, addr);
	else
		sb_printf(&c->args_text, "{tv_sec=%lld, tv_usec=%llu}", (long long)tv[0],
			  (unsigned long long)tv[1]);
}

void arg_signal(struct call *c, uint64_t sig)
{
	int s = (int)sig;

	if (s > 0 && s <= 64)
		sb_signal(&c->args_text, s);
	else
		sb_printf(&c->args_text, "%d", s);
}

static int popcount(const uint32_t *mask, unsigned words)
{
	int n = 0;
	unsigned i;

	for (i = 0; i < words; i++)
		n += __builtin_popcount(mask[i]);
	return n;
}

/* Inside a set strace drops the SIG prefix: [INT TERM RTMIN RT_3]. */
void sb_sigmask(struct strbuf *b, const uint32_t *mask, unsigned words)
{
	uint32_t inv[2];
	const uint32_t *m = mask;
	char sep = '[';
	unsigned i;

	if (words > 2)
		words = 2;
	/* Mostly full sets read better as what is missing. */
	if (popcount(mask, words) >= (int)(words * 32 * 2 / 3)) {
		for (i = 0; i < words; i++)
			inv[i] = ~mask[i];
		m = inv;
		sb_putc(b, '~');
	}
	for (i = 0; i < words * 32; i++) {
		int sig = (int)i + 1;

		if (!(m[i / 32] & (1u << (i % 32))))
			continue;
		sb_putc(b, sep);
		sep = ' ';
		if (signal_abbrev(sig))
			sb_puts(b, signal_abbrev(sig));
		else if (sig == 32)
			sb_puts(b, "RTMIN");
		else
			sb_printf(b, "RT_%d", sig - 32);
	}
	if (sep == '[')
		sb_putc(b, '[');
	sb_putc(b, ']');
}

void arg_sigset(struct call *c, uint64_t addr, uint64_t len)
{
	uint32_t mask[2] = { 0, 0 };

	if (!addr) {
		sb_puts(&c->args_text, "NULL");
		return;
	}
	/* The kernel's sigset_t is 8 bytes; other sizes are refused, and printed as addresses. */
	if (len != sizeof(mask) || unwritten(c) || read_mem(c, addr, mask, len) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_sigmask(&c->args_text, mask, (unsigned)(len + 3) / 4);
}
