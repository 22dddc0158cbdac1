/* decode_path.c - syscalls on names in the file system: access, mkdir, unlink, rmdir, rename,
 * readlink, chmod, truncate (and their *at forms), getdents64. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "tmem.h"

#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

/* strace's order. */
const struct xlat at_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), XLAT(AT_REMOVEDIR), XLAT(AT_SYMLINK_FOLLOW),
	XLAT(AT_NO_AUTOMOUNT), XLAT(AT_EMPTY_PATH), XLAT(AT_RECURSIVE), XLAT_END,
};

static const struct xlat faccessat_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), XLAT(AT_EACCESS), XLAT(AT_EMPTY_PATH), XLAT_END,
};

static const struct xlat access_modes[] = {
	XLAT(F_OK), XLAT(R_OK), XLAT(W_OK), XLAT(X_OK), XLAT_END,
};

static const struct xlat rename_flags[] = {
	XLAT_PAIR(1, "RENAME_NOREPLACE"), XLAT_PAIR(2, "RENAME_EXCHANGE"),
	XLAT_PAIR(4, "RENAME_WHITEOUT"), XLAT_END,
};

/* The path at args[i], preceded by its directory fd when `at`. */
static void at_path(struct call *c, int at, int i)
{
	if (at) {
		arg_dirfd(c, (int)c->args[i - 1]);
		arg_sep(c);
	}
	arg_path(c, c->args[i]);
}

/* unlink, rmdir (and chdir-like calls): one path. */
void decode_path_only(struct call *c)
{
	if (!c->exiting)
		arg_path(c, c->args[0]);
}

static void access_like(struct call *c, int at)
{
	at_path(c, at, at);
	arg_sep(c);
	arg_flags(c, access_modes, (unsigned)c->args[at + 1], "?_OK");
}

void decode_access(struct call *c)
{
	if (!c->exiting)
		access_like(c, 0);
}

void decode_faccessat(struct call *c)
{
	if (!c->exiting)
		access_like(c, 1);
}

void decode_faccessat2(struct call *c)
{
	if (c->exiting)
		return;
	access_like(c, 1);
	arg_sep(c);
	arg_flags(c, faccessat_flags, c->args[3], "AT_???");
}

static void path_mode(struct call *c, int at)
{
	if (c->exiting)
		return;
	at_path(c, at, at);
	arg_sep(c);
	arg_mode(c, c->args[at + 1] & 0177777);
}

void decode_mkdir(struct call *c)
{
	path_mode(c, 0);
}

void decode_mkdirat(struct call *c)
{
	path_mode(c, 1);
}

void decode_chmod(struct call *c)
{
	path_mode(c, 0);
}

void decode_fchmodat(struct call *c)
{
	path_mode(c, 1);
}

void decode_fchmod(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_mode(c, c->args[1] & 0177777);
}

void decode_unlinkat(struct call *c)
{
	if (c->exiting)
		return;
	at_path(c, 1, 1);
	arg_sep(c);
	arg_flags(c, at_flags, (unsigned)c->args[2], "AT_???");
}

void decode_rename(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	arg_path(c, c->args[1]);
}

void decode_renameat(struct call *c)
{
	if (c->exiting)
		return;
	at_path(c, 1, 1);
	arg_sep(c);
	at_path(c, 1, 3);
}

void decode_renameat2(struct call *c)
{
	decode_renameat(c);
	if (!c->exiting) {
		arg_sep(c);
		arg_flags(c, rename_flags, (unsigned)c->args[4], "RENAME_??");
	}
}

/* readlink(path, buf, size): the target is not NUL-terminated; rval bytes of it. */
static void readlink_like(struct call *c, int at)
{
	if (!c->exiting) {
		at_path(c, at, at);
		return;
	}
	arg_sep(c);
	arg_buf_out(c, c->args[at + 1], c->args[at + 2]);
	arg_sep(c);
	arg_ulong(c, c->args[at + 2]);
}

void decode_readlink(struct call *c)
{
	readlink_like(c, 0);
}

void decode_readlinkat(struct call *c)
{
	readlink_like(c, 1);
}

void decode_truncate(struct call *c)
{
	if (c->exiting)
		return;
	arg_path(c, c->args[0]);
	arg_sep(c);
	arg_ulong(c, c->args[1]);
}

/*
 * getdents64(fd, dirp, count): strace shows the buffer as its address and the number of
 * entries, walking the records by their d_reclen; a tail too short for a header adds "+".
 */
#define DIRENT64_HEADER 19 /* d_ino, d_off, d_reclen, d_type */
#define D_RECLEN_AT 16

void decode_getdents64(struct call *c)
{
	static unsigned char buf[32768];
	uint64_t count = (unsigned)c->args[2], len, off = 0, window;
	unsigned entries = 0;
	char note[48] = "";

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		return;
	}
	arg_sep(c);
	len = c->failed ? 0 : (uint64_t)c->rval;
	arg_ptr(c, c->args[1]);
	if (c->failed || len > count) {
		arg_sep(c);
		arg_uint(c, count);
		return;
	}
	/* One read for the usual buffer; records past it are read one header at a time. */
	window = len < sizeof(buf) ? len : sizeof(buf);
	if (tmem_read(c->tid, c->args[1], buf, window) < 0)
		window = 0;
	while (len >= DIRENT64_HEADER) {
		unsigned char head[DIRENT64_HEADER];
		const unsigned char *h = buf + off;
		unsigned short reclen;

		if (off + DIRENT64_HEADER > window) {
			if (tmem_read(c->tid, c->args[1] + off, head, sizeof(head)) < 0)
				break;
			h = head;
		}
		entries++;
		memcpy(&reclen, h + D_RECLEN_AT, sizeof(reclen));
		if (reclen > len) {
			snprintf(note, sizeof(note), " /* d_reclen %u bytes overflow */",
				 (unsigned)(reclen - len));
			len = 0;
			break;
		}
		if (reclen < DIRENT64_HEADER) {
			snprintf(note, sizeof(note), " /* d_reclen %u bytes underflow */",
				 (unsigned)(DIRENT64_HEADER - reclen));
			reclen = DIRENT64_HEADER;
		}
		len -= reclen;
		off += reclen;
	}
	sb_puts(&c->args_text, note);
	sb_printf(&c->args_text, " /* %u%s entries */", entries, len ? "+" : "");
	arg_sep(c);
	arg_uint(c, count);
}
