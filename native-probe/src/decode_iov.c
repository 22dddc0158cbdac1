/* decode_iov.c - the vectored reads and writes (readv, writev, preadv*, pwritev*) and the
 * iovec array printer that sendmsg/recvmsg share. */
#define _GNU_SOURCE
#include <sys/uio.h>

#include "decode.h"

static const struct xlat rwf_flags[] = {
	XLAT_PAIR(0x1, "RWF_HIPRI"), XLAT_PAIR(0x2, "RWF_DSYNC"), XLAT_PAIR(0x4, "RWF_SYNC"),
	XLAT_PAIR(0x8, "RWF_NOWAIT"), XLAT_PAIR(0x10, "RWF_APPEND"), XLAT_END,
};

struct iov_ctx {
	uint64_t left;    /* bytes still to show across the buffers; UINT64_MAX: all */
	int as_addr;
};

static int print_iovec(struct call *c, const void *elem, void *ctx)
{
	const struct iovec *iov = elem;
	struct iov_ctx *x = ctx;
	uint64_t len = iov->iov_len < x->left ? iov->iov_len : x->left;

	if (x->left != UINT64_MAX)
		x->left -= len;
	sb_puts(&c->args_text, "{iov_base=");
	if (x->as_addr)
		arg_ptr(c, (uintptr_t)iov->iov_base);
	else
		arg_buf(c, (uintptr_t)iov->iov_base, len);
	sb_printf(&c->args_text, ", iov_len=%llu}", (unsigned long long)iov->iov_len);
	return 1;
}

void arg_iov(struct call *c, uint64_t addr, uint64_t cnt, uint64_t data_size, int as_addr)
{
	struct iov_ctx x = { data_size, as_addr };

	arg_array(c, addr, cnt, sizeof(struct iovec), print_iovec, &x);
}

/*
 * readv-like calls print everything but the fd at exit: the buffers hold rval bytes in all,
 * filled in order; a failed call shows the buffers' addresses. The p* forms add the offset,
 * the *2 forms the RWF_ flags.
 */
static void readv_like(struct call *c, int offset, int flags)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		return;
	}
	arg_sep(c);
	arg_iov(c, c->args[1], c->args[2], c->failed ? UINT64_MAX : (uint64_t)c->rval, c->failed);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	if (offset) {
		arg_sep(c);
		arg_long(c, c->args[3]);
	}
	if (flags) {
		arg_sep(c);
		arg_flags(c, rwf_flags, (unsigned)c->args[5], "RWF_???");
	}
}

static void writev_like(struct call *c, int offset, int flags)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_iov(c, c->args[1], c->args[2], UINT64_MAX, 0);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	if (offset) {
		arg_sep(c);
		arg_long(c, c->args[3]);
	}
	if (flags) {
		arg_sep(c);
		arg_flags(c, rwf_flags, (unsigned)c->args[5], "RWF_???");
	}
}

void decode_readv(struct call *c)
{
	readv_like(c, 0, 0);
}

void decode_preadv(struct call *c)
{
	readv_like(c, 1, 0);
}

void decode_preadv2(struct call *c)
{
	readv_like(c, 1, 1);
}

void decode_writev(struct call *c)
{
	writev_like(c, 0, 0);
}

void decode_pwritev(struct call *c)
{
	writev_like(c, 1, 0);
}

void decode_pwritev2(struct call *c)
{
	writev_like(c, 1, 1);
}
