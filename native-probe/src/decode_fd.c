/* decode_fd.c - syscalls on an fd and its data: read, write, pread64, pwrite64, close, dup*,
 * lseek, pipe*. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

#include "decode.h"
#include "xlat.h"

static const struct xlat whences[] = {
	XLAT(SEEK_SET), XLAT(SEEK_CUR), XLAT(SEEK_END), XLAT(SEEK_DATA), XLAT(SEEK_HOLE), XLAT_END,
};

static const struct xlat cloexec_flags[] = { XLAT(O_CLOEXEC), XLAT_END };

static const struct xlat pipe_flags[] = {
	XLAT(O_NONBLOCK), XLAT(O_DIRECT), XLAT(O_CLOEXEC), XLAT_END,
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

void decode_dup(struct call *c)
{
	if (!c->exiting)
		arg_fd(c, (int)c->args[0]);
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
		sb_flags(&c->args_text, cloexec_flags, (unsigned)c->args[2], "0");
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
	sb_enum(&c->args_text, whences, (unsigned)c->args[2], "SEEK");
}

/* pipe(fds), pipe2(fds, flags): the two new fds are known at exit. */
void decode_pipe(struct call *c)
{
	int fds[2];

	if (!c->exiting)
		return;
	if (c->failed || read_int(c, c->args[0], &fds[0]) < 0 ||
	    read_int(c, c->args[0] + sizeof(int), &fds[1]) < 0) {
		arg_ptr(c, c->args[0]);
	} else {
		sb_putc(&c->args_text, '[');
		arg_fd(c, fds[0]);
		arg_sep(c);
		arg_fd(c, fds[1]);
		sb_putc(&c->args_text, ']');
	}
	if (c->row->nargs > 1) {
		arg_sep(c);
		sb_flags(&c->args_text, pipe_flags, (unsigned)c->args[1], "0");
	}
}

