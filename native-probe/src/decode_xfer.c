/* decode_xfer.c - calls that move or sync file data without a user buffer: sendfile,
 * copy_file_range, splice, sync_file_range, fallocate, fadvise64. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <linux/falloc.h>

#include "decode.h"

static const struct xlat splice_flags[] = {
	XLAT(SPLICE_F_MOVE), XLAT(SPLICE_F_NONBLOCK), XLAT(SPLICE_F_MORE), XLAT(SPLICE_F_GIFT),
	XLAT_END,
};

static const struct xlat falloc_flags[] = {
	XLAT(FALLOC_FL_KEEP_SIZE), XLAT(FALLOC_FL_PUNCH_HOLE), XLAT(FALLOC_FL_NO_HIDE_STALE),
	XLAT(FALLOC_FL_COLLAPSE_RANGE), XLAT(FALLOC_FL_ZERO_RANGE), XLAT(FALLOC_FL_INSERT_RANGE),
	XLAT(FALLOC_FL_UNSHARE_RANGE), XLAT_END,
};

static const struct xlat fadvise_advice[] = {
	XLAT(POSIX_FADV_NORMAL), XLAT(POSIX_FADV_RANDOM), XLAT(POSIX_FADV_SEQUENTIAL),
	XLAT(POSIX_FADV_WILLNEED), XLAT(POSIX_FADV_DONTNEED), XLAT(POSIX_FADV_NOREUSE), XLAT_END,
};

static const struct xlat sync_file_range_flags[] = {
	XLAT(SYNC_FILE_RANGE_WAIT_BEFORE), XLAT(SYNC_FILE_RANGE_WRITE),
	XLAT(SYNC_FILE_RANGE_WAIT_AFTER), XLAT_END,
};

/* The 64-bit offset at addr as [5] (unsigned or signed), or the address; 0 or -1. */
static int offset_at(struct call *c, uint64_t addr, int is_signed)
{
	uint64_t v;

	if (read_mem(c, addr, &v, sizeof(v)) < 0) {
		arg_ptr(c, addr);
		return -1;
	}
	sb_printf(&c->args_text, is_signed ? "[%" PRId64 "]" : "[%" PRIu64 "]", v);
	return 0;
}

/*
 * sendfile(out, in, offset, count): the kernel advances *offset, so a successful call that
 * moved data shows it before and after: [3] => [8]. saved[0] says the entry half printed it.
 */
void decode_sendfile(struct call *c)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		arg_fd(c, (int)c->args[1]);
		arg_sep(c);
		c->saved[0] = offset_at(c, c->args[2], 0) == 0;
		if (!c->saved[0]) {
			arg_sep(c);
			arg_ulong(c, c->args[3]);
		}
		return;
	}
	if (!c->saved[0])
		return;
	if (!c->failed && c->rval) {
		sb_puts(&c->args_text, " => ");
		offset_at(c, c->args[2], 0);
	}
	arg_sep(c);
	arg_ulong(c, c->args[3]);
}

/* copy_file_range, splice: fd, offset pointer, fd, offset pointer, length, flags. */
static void fd_offset_pairs(struct call *c)
{
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	offset_at(c, c->args[1], 1);
	arg_sep(c);
	arg_fd(c, (int)c->args[2]);
	arg_sep(c);
	offset_at(c, c->args[3], 1);
	arg_sep(c);
	arg_ulong(c, c->args[4]);
	arg_sep(c);
}

void decode_copy_file_range(struct call *c)
{
	if (c->exiting)
		return;
	fd_offset_pairs(c);
	arg_uint(c, c->args[5]);
}

void decode_splice(struct call *c)
{
	if (c->exiting)
		return;
	fd_offset_pairs(c);
	arg_flags(c, splice_flags, (unsigned)c->args[5], "SPLICE_F_???");
}

void decode_sync_file_range(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_long(c, c->args[1]);
	arg_sep(c);
	arg_long(c, c->args[2]);
	arg_sep(c);
	arg_flags(c, sync_file_range_flags, c->args[3], "SYNC_FILE_RANGE_???");
}

void decode_fallocate(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_flags(c, falloc_flags, (unsigned)c->args[1], "FALLOC_FL_???");
	arg_sep(c);
	arg_long(c, c->args[2]);
	arg_sep(c);
	arg_long(c, c->args[3]);
}

void decode_fadvise64(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_long(c, c->args[1]);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	arg_sep(c);
	arg_xval(c, fadvise_advice, c->args[3], "POSIX_FADV_???");
}
