/* decode_fd.c - syscalls on an fd and its data: read, write, pread64, pwrite64, close,
 * close_range, dup*, lseek, ftruncate, fsync-like calls, flock, pipe*, eventfd2. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <unistd.h>

#include "decode.h"

static const struct xlat whences[] = {
	XLAT(SEEK_SET), XLAT(SEEK_CUR), XLAT(SEEK_END), XLAT(SEEK_DATA), XLAT(SEEK_HOLE), XLAT_END,
};

static const struct xlat close_range_flags[] = {
	XLAT(CLOSE_RANGE_UNSHARE), XLAT(CLOSE_RANGE_CLOEXEC), XLAT_END,
};

/* strace's order; LOCK_RW (both bits) before its halves. */
static const struct xlat flock_ops[] = {
	XLAT(LOCK_SH), XLAT(LOCK_EX), XLAT(LOCK_NB), XLAT(LOCK_UN), XLAT_PAIR(32, "LOCK_MAND"),
	XLAT_PAIR(192, "LOCK_RW"), XLAT_PAIR(64, "LOCK_READ"), XLAT_PAIR(128, "LOCK_WRITE"), XLAT_END,
};

static const struct xlat eventfd_flags[] = {
	XLAT(EFD_SEMAPHORE), XLAT(EFD_CLOEXEC), XLAT(EFD_NONBLOCK), XLAT_END,
};

/* read(fd, buf, count): the data is known only at exit. */
void decode_read(struct call *c)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		return;
	}
	arg_sep(c);
	arg_buf_out(c, c->args[1], c->args[2]);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
}

void decode_write(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_buf(c, c->args[1], c->args[2]);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
}

void decode_pread(struct call *c)
{
	decode_read(c);
	if (c->exiting) {
		arg_sep(c);
		arg_long(c, c->args[3]);
	}
}

void decode_pwrite(struct call *c)
{
	decode_write(c);
	if (!c->exiting) {
		arg_sep(c);
		arg_long(c, c->args[3]);
	}
}

/* close(fd): printed at entry, while the path is still known. */
void decode_close(struct call *c)
{
	if (!c->exiting)
		arg_fd(c, (int)c->args[0]);
}

/* dup, fsync, fdatasync, and any call whose only argument is an fd. */
void decode_fd_only(struct call *c)
{
	if (!c->exiting)
		arg_fd(c, (int)c->args[0]);
}

void decode_close_range(struct call *c)
{
	if (c->exiting)
		return;
	arg_uint(c, c->args[0]);
	arg_sep(c);
	arg_uint(c, c->args[1]);
	arg_sep(c);
	arg_flags(c, close_range_flags, (unsigned)c->args[2], "CLOSE_RANGE_???");
}

void decode_dup2(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_fd(c, (int)c->args[1]);
}

void decode_dup3(struct call *c)
{
	decode_dup2(c);
	if (!c->exiting) {
		arg_sep(c);
		arg_flags(c, open_flags, (unsigned)c->args[2], "O_???");
	}
}

void decode_lseek(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_long(c, c->args[1]);
	arg_sep(c);
	arg_xval(c, whences, c->args[2], "SEEK_???");
}

/* ftruncate(fd, length): strace prints the length unsigned. */
void decode_ftruncate(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_ulong(c, c->args[1]);
}

void decode_flock(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_flags(c, flock_ops, (unsigned)c->args[1], "LOCK_???");
}

/* pipe(fds), pipe2(fds, flags): the two new fds are known at exit. */
void decode_pipe(struct call *c)
{
	if (!c->exiting)
		return;
	arg_fd_pair(c, c->args[0]);
	if (c->row->nargs > 1) {
		arg_sep(c);
		arg_flags(c, open_flags, (unsigned)c->args[1], "O_???");
	}
}

void decode_eventfd2(struct call *c)
{
	if (c->exiting)
		return;
	arg_uint(c, c->args[0]);
	arg_sep(c);
	arg_flags(c, eventfd_flags, (unsigned)c->args[1], "EFD_???");
}
