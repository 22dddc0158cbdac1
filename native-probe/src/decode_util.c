/* decode_util.c - argument printers shared by the decoders, and the return value. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "errnoent.h"
#include "options.h"
#include "quote.h"
#include "tmem.h"
#include "tracee.h"

/* "<path>"; for an unlinked file readlink says "path (deleted)", strace prints <path>(deleted). */
static void decorate(struct strbuf *b, const char *path)
{
	static const char deleted[] = " (deleted)";
	size_t len, dlen = sizeof(deleted) - 1;

	if (!path)
		return;
	len = strlen(path);
	if (len > dlen && strcmp(path + len - dlen, deleted) == 0) {
		sb_putc(b, '<');
		sb_write(b, path, len - dlen);
		sb_puts(b, ">(deleted)");
		return;
	}
	sb_putc(b, '<');
	sb_puts(b, path);
	sb_putc(b, '>');
}

void arg_sep(struct call *c)
{
	sb_puts(&c->args_text, ", ");
}

void arg_fd(struct call *c, int fd)
{
	sb_printf(&c->args_text, "%d", fd);
	if (opt.decode_fds && c->proc)
		decorate(&c->args_text, fdc_path(&c->proc->fds, c->proc->tgid, fd));
}

void arg_dirfd(struct call *c, int fd)
{
	if (fd != AT_FDCWD) {
		arg_fd(c, fd);
		return;
	}
	sb_puts(&c->args_text, "AT_FDCWD");
	if (opt.decode_fds && c->proc)
		decorate(&c->args_text, fdc_cwd(&c->proc->fds, c->proc->tgid));
}

void arg_ptr(struct call *c, uint64_t addr)
{
	if (addr)
		sb_printf(&c->args_text, "%#llx", (unsigned long long)addr);
	else
		sb_puts(&c->args_text, "NULL");
}

void arg_int(struct call *c, uint64_t v)
{
	sb_printf(&c->args_text, "%d", (int)v);
}

void arg_uint(struct call *c, uint64_t v)
{
	sb_printf(&c->args_text, "%u", (unsigned)v);
}

void arg_hex(struct call *c, uint64_t v)
{
	sb_printf(&c->args_text, "%#llx", (unsigned long long)v);
}

void arg_mode(struct call *c, uint64_t mode)
{
	sb_printf(&c->args_text, "%#03o", (unsigned)mode);
}

void arg_flags(struct call *c, const struct xlat *x, uint64_t v, const char *dflt)
{
	sb_flags(&c->args_text, x, v, dflt);
}

void arg_xval(struct call *c, const struct xlat *x, uint64_t v, const char *dflt)
{
	sb_enum(&c->args_text, x, v, dflt);
}

void arg_ulong(struct call *c, uint64_t v)
{
	sb_printf(&c->args_text, "%llu", (unsigned long long)v);
}

void arg_long(struct call *c, uint64_t v)
{
	sb_printf(&c->args_text, "%lld", (long long)v);
}

void arg_path(struct call *c, uint64_t addr)
{
	/* Paths are never cut at -s, only at PATH_MAX, as strace does. */
	char buf[PATH_MAX + 1];
	ssize_t n;

	if (!addr) {
		sb_puts(&c->args_text, "NULL");
		return;
	}
	n = tmem_read_str(c->tid, addr, buf, PATH_MAX);
	if (n < 0)
		arg_ptr(c, addr);
	else
		quote_bytes(&c->args_text, buf, n, n == PATH_MAX);
}

void arg_buf(struct call *c, uint64_t addr, uint64_t len)
{
	static char *buf;
	static size_t cap;
	size_t n = len < opt.string_limit ? len : opt.string_limit;
	/* One byte more than shown, as strace reads: an unreadable one makes it the address. */
	size_t want = len > n ? n + 1 : n;

	if (!addr) {
		sb_puts(&c->args_text, "NULL");
		return;
	}
	if (want > cap) {
		char *p = realloc(buf, want);

		if (!p) {
			arg_ptr(c, addr);
			return;
		}
		buf = p;
		cap = want;
	}
	if (tmem_read(c->tid, addr, buf, want) < 0)
		arg_ptr(c, addr);
	else
		quote_bytes(&c->args_text, buf, n, len > n);
}

void arg_buf_out(struct call *c, uint64_t addr, uint64_t size)
{
	uint64_t got = c->failed ? 0 : (uint64_t)c->rval;

	if (c->failed && addr)
		arg_ptr(c, addr);
	else
		arg_buf(c, addr, got < size ? got : size);
}

int read_int(struct call *c, uint64_t addr, int *v)
{
	return addr ? tmem_read(c->tid, addr, v, sizeof(*v)) : -1;
}

int read_mem(struct call *c, uint64_t addr, void *dst, size_t len)
{
	return addr ? tmem_read(c->tid, addr, dst, len) : -1;
}

void arg_int_at(struct call *c, uint64_t addr)
{
	int v;

	if (read_int(c, addr, &v) < 0)
		arg_ptr(c, addr);
	else
		sb_printf(&c->args_text, "[%d]", v);
}

/* A few elements at a time: one read per chunk, not per element, keeps long arrays cheap. */
#define ARRAY_CHUNK 4096

void arg_array(struct call *c, uint64_t addr, uint64_t n, size_t size, elem_fn *print_elem,
	       void *ctx)
{
	unsigned char buf[ARRAY_CHUNK];
	uint64_t shown = n < opt.string_limit ? n : opt.string_limit, i = 0;
	size_t per = sizeof(buf) / size;

	if (!addr) {
		sb_puts(&c->args_text, "NULL");
		return;
	}
	if (n == 0) {
		sb_puts(&c->args_text, "[]");
		return;
	}
	if (size > sizeof(buf) || n > UINT64_MAX / size || addr + n * size < addr) {
		arg_ptr(c, addr);
		return;
	}
	if (shown == 0) {
		/* -s 0: strace still reads the first element, then shows only that there are some. */
		if (tmem_read(c->tid, addr, buf, size) < 0)
			arg_ptr(c, addr);
		else
			sb_puts(&c->args_text, "[...]");
		return;
	}
	while (i < shown) {
		size_t k = shown - i < per ? shown - i : per, j;

		/* A chunk that cannot be read whole is read one element at a time. */
		if (tmem_read(c->tid, addr + i * size, buf, k * size) < 0)
			k = 1;
		for (j = 0; j < k; j++, i++) {
			if (k == 1 && tmem_read(c->tid, addr + i * size, buf, size) < 0) {
				if (i == 0) {
					arg_ptr(c, addr);
					return;
				}
				sb_printf(&c->args_text, ", ... /* %#llx */]",
					  (unsigned long long)(addr + i * size));
				return;
			}
			sb_puts(&c->args_text, i ? ", " : "[");
			if (!print_elem(c, buf + j * size, ctx)) {
				sb_putc(&c->args_text, ']');
				return;
			}
		}
	}
	if (n > shown)
		sb_puts(&c->args_text, ", ...");
	sb_putc(&c->args_text, ']');
}

void decode_ret(struct call *c)
{
	if (c->ret_text.len)
		return;
	if (c->failed) {
		sb_error_ret(&c->ret_text, c->rval);
	} else if (c->row->flags & SF_RET_ADDR) {
		sb_printf(&c->ret_text, "%#llx", (unsigned long long)c->rval);
	} else {
		sb_printf(&c->ret_text, "%lld", (long long)c->rval);
		if ((c->row->flags & SF_RET_FD) && opt.decode_fds && c->proc)
			decorate(&c->ret_text, fdc_path(&c->proc->fds, c->proc->tgid, (int)c->rval));
	}
}

static int print_fd_elem(struct call *c, const void *elem, void *ctx)
{
	(void)ctx;
	arg_fd(c, *(const int *)elem);
	return 1;
}

void arg_fd_pair(struct call *c, uint64_t addr)
{
	if (c->failed && addr)
		arg_ptr(c, addr);
	else
		arg_array(c, addr, 2, sizeof(int), print_fd_elem, NULL);
}

void forget_fd(struct call *c, int fd)
{
	if (c->proc)
		fdc_forget(&c->proc->fds, fd);
}

void ret_new_fd(struct call *c)
{
	if (c->failed)
		return;
	forget_fd(c, (int)c->rval);
	sb_printf(&c->ret_text, "%lld", (long long)c->rval);
	if (opt.decode_fds && c->proc)
		decorate(&c->ret_text, fdc_path(&c->proc->fds, c->proc->tgid, (int)c->rval));
}

/* Any syscall without its own decoder: its arguments in hex, as strace prints unknown ones. */
void decode_generic(struct call *c)
{
	int i;

	if (c->exiting)
		return;
	for (i = 0; i < c->row->nargs; i++) {
		if (i)
			arg_sep(c);
		if (c->args[i])
			sb_printf(&c->args_text, "%#llx", (unsigned long long)c->args[i]);
		else
			sb_putc(&c->args_text, '0');
	}
}

/* getpid, fork, vfork ...: no arguments, as strace prints them. */
void decode_none(struct call *c)
{
	(void)c;
}

/* exit, exit_group: the status as an int. */
void decode_exit(struct call *c)
{
	if (!c->exiting)
		arg_int(c, c->args[0]);
}
