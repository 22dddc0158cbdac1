/* decode_file.c - syscalls on paths: open, openat, creat, execve. */
#define _GNU_SOURCE
#include <fcntl.h>

#include "decode.h"
#include "options.h"
#include "quote.h"
#include "tmem.h"
#include "xlat.h"

/* The kernel's O_LARGEFILE: the C library defines it as 0 on 64-bit targets; the kernel sets it. */
#if defined(__aarch64__)
#define K_O_LARGEFILE 0400000
#else
#define K_O_LARGEFILE 0100000
#endif
#define K_O_TMPFILE_BIT (O_TMPFILE & ~O_DIRECTORY)

/* strace's order, which is not numeric: O_DIRECTORY and FASYNC come last. */
static const struct xlat open_flags[] = {
	XLAT(O_CREAT), XLAT(O_EXCL), XLAT(O_NOCTTY), XLAT(O_TRUNC), XLAT(O_APPEND), XLAT(O_NONBLOCK),
	XLAT(O_SYNC), XLAT(O_DSYNC), XLAT_PAIR(O_SYNC & ~O_DSYNC, "__O_SYNC"), XLAT(O_DIRECT),
	XLAT_PAIR(K_O_LARGEFILE, "O_LARGEFILE"), XLAT(O_NOFOLLOW), XLAT(O_NOATIME), XLAT(O_CLOEXEC),
	XLAT(O_PATH), XLAT(O_TMPFILE), XLAT_PAIR(K_O_TMPFILE_BIT, "__O_TMPFILE"), XLAT(O_DIRECTORY),
	XLAT(FASYNC), XLAT_END,
};

static const char *const access_modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

/* Flags, then the mode when the call may create a file. */
static void flags_and_mode(struct call *c, uint64_t flags64, uint64_t mode)
{
	unsigned flags = (unsigned)flags64;

	sb_puts(&c->args_text, access_modes[flags & O_ACCMODE]);
	if (flags & ~O_ACCMODE) {
		sb_putc(&c->args_text, '|');
		sb_flags(&c->args_text, open_flags, flags & ~O_ACCMODE, NULL);
	}
	if (flags & (O_CREAT | K_O_TMPFILE_BIT))
		sb_printf(&c->args_text, ", %#03o", (unsigned)mode & 0177777);
}

void decode_open(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	flags_and_mode(c, c->args[1], c->args[2]);
}

void decode_openat(struct call *c)
{
	if (c->exiting)
		return;
	arg_dirfd(c, (int)c->args[0]);
	arg_sep(c);
	arg_path(c, c->args[1]);
	arg_sep(c);
	flags_and_mode(c, c->args[2], c->args[3]);
}

void decode_creat(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	sb_printf(&c->args_text, ", %#03o", (unsigned)c->args[1] & 0177777);
}

/* argv as ["a", "b"], at most -s strings; envp only as a count. */
static void string_array(struct call *c, uint64_t addr)
{
	char s[4096];
	size_t limit = opt.string_limit < sizeof(s) - 2 ? opt.string_limit : sizeof(s) - 2;
	unsigned i;

	sb_putc(&c->args_text, '[');
	for (i = 0;; i++) {
		uint64_t p;
		ssize_t n;

		if (tmem_read(c->tid, addr + i * sizeof(p), &p, sizeof(p)) < 0 || !p)
			break;
		if (i)
			sb_puts(&c->args_text, ", ");
		if (i >= opt.string_limit) {
			sb_puts(&c->args_text, "...");
			break;
		}
		n = tmem_read_str(c->tid, p, s, limit + 1);
		if (n < 0)
			sb_printf(&c->args_text, "%#llx", (unsigned long long)p);
		else
			quote_bytes(&c->args_text, s, (size_t)n > limit ? limit : (size_t)n, (size_t)n > limit);
	}
	sb_putc(&c->args_text, ']');
}

static unsigned count_pointers(struct call *c, uint64_t addr)
{
	unsigned n = 0;
	uint64_t p;

	while (n < 65536 && tmem_read(c->tid, addr + n * sizeof(p), &p, sizeof(p)) == 0 && p)
		n++;
	return n;
}

void decode_execve(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	if (c->args[1])
		string_array(c, c->args[1]);
	else
		sb_puts(&c->args_text, "NULL");
	arg_sep(c);
	arg_ptr(c, c->args[2]);
	if (c->args[2]) {
		unsigned n = count_pointers(c, c->args[2]);

		sb_printf(&c->args_text, " /* %u var%s */", n, n == 1 ? "" : "s");
	}
}
