/* decode_file.c - syscalls that open a path: open, openat, openat2, creat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>

#include "decode.h"

/* The kernel's O_LARGEFILE: the C library defines it as 0 on 64-bit targets; the kernel sets it. */
#if defined(__aarch64__)
#define K_O_LARGEFILE 0400000
#else
#define K_O_LARGEFILE 0100000
#endif
#define K_O_TMPFILE_BIT (O_TMPFILE & ~O_DIRECTORY)

/* strace's order, which is not numeric: O_DIRECTORY and FASYNC come last. */
const struct xlat open_flags[] = {
	XLAT(O_CREAT), XLAT(O_EXCL), XLAT(O_NOCTTY), XLAT(O_TRUNC), XLAT(O_APPEND), XLAT(O_NONBLOCK),
	XLAT(O_SYNC), XLAT(O_DSYNC), XLAT_PAIR(O_SYNC & ~O_DSYNC, "__O_SYNC"), XLAT(O_DIRECT),
	XLAT_PAIR(K_O_LARGEFILE, "O_LARGEFILE"), XLAT(O_NOFOLLOW), XLAT(O_NOATIME), XLAT(O_CLOEXEC),
	XLAT(O_PATH), XLAT(O_TMPFILE), XLAT_PAIR(K_O_TMPFILE_BIT, "__O_TMPFILE"), XLAT(O_DIRECTORY),
	XLAT(FASYNC), XLAT_END,
};

static const struct xlat resolve_flags[] = {
	XLAT(RESOLVE_NO_XDEV), XLAT(RESOLVE_NO_MAGICLINKS), XLAT(RESOLVE_NO_SYMLINKS),
	XLAT(RESOLVE_BENEATH), XLAT(RESOLVE_IN_ROOT), XLAT(RESOLVE_CACHED), XLAT_END,
};

static const char *const access_modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

void sb_open_flags(struct strbuf *b, unsigned flags)
{
	sb_puts(b, access_modes[flags & O_ACCMODE]);
	if (flags & ~O_ACCMODE) {
		sb_putc(b, '|');
		sb_flags(b, open_flags, flags & ~O_ACCMODE, NULL);
	}
}

/* Flags, then the mode when the call may create a file. */
static void flags_and_mode(struct call *c, uint64_t flags, uint64_t mode)
{
	sb_open_flags(&c->args_text, (unsigned)flags);
	if (flags & (O_CREAT | K_O_TMPFILE_BIT)) {
		arg_sep(c);
		arg_mode(c, mode & 0177777);
	}
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

/* openat2(dirfd, path, {flags=..., mode=..., resolve=...}, size): the struct has grown over
 * time; a size below the first version's 24 bytes is refused and printed as an address. */
void decode_openat2(struct call *c)
{
	struct open_how how = { 0 };
	uint64_t size = c->args[3];

	if (c->exiting)
		return;
	arg_dirfd(c, (int)c->args[0]);
	arg_sep(c);
	arg_path(c, c->args[1]);
	arg_sep(c);
	if (size < 24 || read_mem(c, c->args[2], &how, sizeof(how)) < 0) {
		arg_ptr(c, c->args[2]);
	} else {
		sb_puts(&c->args_text, "{flags=");
		sb_open_flags(&c->args_text, (unsigned)how.flags);
		if ((how.flags & (O_CREAT | K_O_TMPFILE_BIT)) || how.mode)
			sb_printf(&c->args_text, ", mode=%#03llo", (unsigned long long)how.mode);
		sb_puts(&c->args_text, ", resolve=");
		arg_flags(c, resolve_flags, how.resolve, "RESOLVE_???");
		sb_putc(&c->args_text, '}');
	}
	arg_sep(c);
	arg_ulong(c, size);
}

void decode_creat(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	arg_mode(c, c->args[1] & 0177777);
}
