/*
 * decode_stat.c - fstat, stat, lstat, newfstatat, statx. strace abbreviates the structures:
 * the type and permissions, the size (the device number for devices), then "...".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode.h"

static const struct xlat file_types[] = {
	XLAT(S_IFREG), XLAT(S_IFSOCK), XLAT(S_IFIFO), XLAT(S_IFLNK), XLAT(S_IFDIR), XLAT(S_IFBLK),
	XLAT(S_IFCHR), XLAT_END,
};

/* STATX_ALL and STATX_BASIC_STATS come first, so they win over their parts. */
static const struct xlat statx_masks[] = {
	XLAT_PAIR(0xfff, "STATX_ALL"), XLAT_PAIR(0x7ff, "STATX_BASIC_STATS"),
	XLAT_PAIR(0x1, "STATX_TYPE"), XLAT_PAIR(0x2, "STATX_MODE"), XLAT_PAIR(0x4, "STATX_NLINK"),
	XLAT_PAIR(0x8, "STATX_UID"), XLAT_PAIR(0x10, "STATX_GID"), XLAT_PAIR(0x20, "STATX_ATIME"),
	XLAT_PAIR(0x40, "STATX_MTIME"), XLAT_PAIR(0x80, "STATX_CTIME"), XLAT_PAIR(0x100, "STATX_INO"),
	XLAT_PAIR(0x200, "STATX_SIZE"), XLAT_PAIR(0x400, "STATX_BLOCKS"),
	XLAT_PAIR(0x800, "STATX_BTIME"), XLAT_PAIR(0x1000, "STATX_MNT_ID"),
	XLAT_PAIR(0x2000, "STATX_DIOALIGN"), XLAT_END,
};

static const struct xlat statx_attrs[] = {
	XLAT_PAIR(0x4, "STATX_ATTR_COMPRESSED"), XLAT_PAIR(0x10, "STATX_ATTR_IMMUTABLE"),
	XLAT_PAIR(0x20, "STATX_ATTR_APPEND"), XLAT_PAIR(0x40, "STATX_ATTR_NODUMP"),
	XLAT_PAIR(0x800, "STATX_ATTR_ENCRYPTED"), XLAT_PAIR(0x1000, "STATX_ATTR_AUTOMOUNT"),
	XLAT_PAIR(0x2000, "STATX_ATTR_MOUNT_ROOT"), XLAT_PAIR(0x100000, "STATX_ATTR_VERITY"),
	XLAT_PAIR(0x200000, "STATX_ATTR_DAX"), XLAT_END,
};

static const struct xlat statx_sync_types[] = {
	XLAT_PAIR(0, "AT_STATX_SYNC_AS_STAT"), XLAT_PAIR(0x2000, "AT_STATX_FORCE_SYNC"),
	XLAT_PAIR(0x4000, "AT_STATX_DONT_SYNC"), XLAT_END,
};
#define STATX_SYNC_TYPE 0x6000

#define STATX_TYPE_MODE 0x3
#define STATX_SIZE_BIT 0x200

void sb_file_mode(struct strbuf *b, unsigned mode)
{
	const char *type = (mode & S_IFMT) ? xlat_name(file_types, mode & S_IFMT) : "";

	if (!type) {
		sb_printf(b, "%#03o", mode);
		return;
	}
	sb_printf(b, "%s%s%s%s%s%#03o", type, type[0] ? "|" : "", (mode & S_ISUID) ? "S_ISUID|" : "",
		  (mode & S_ISGID) ? "S_ISGID|" : "", (mode & S_ISVTX) ? "S_ISVTX|" : "",
		  mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
}

/* At exit: the struct stat at addr, or its address when the call failed. */
static void stat_out(struct call *c, uint64_t addr)
{
	struct stat st;

	if (c->failed || read_mem(c, addr, &st, sizeof(st)) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_puts(&c->args_text, "{st_mode=");
	sb_file_mode(&c->args_text, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		sb_printf(&c->args_text, ", st_rdev=makedev(%#x, %#x)", major(st.st_rdev),
			  minor(st.st_rdev));
	else
		sb_printf(&c->args_text, ", st_size=%llu", (unsigned long long)st.st_size);
	sb_puts(&c->args_text, ", ...}");
}

void decode_fstat(struct call *c)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		return;
	}
	arg_sep(c);
	stat_out(c, c->args[1]);
}

/* stat, lstat */
void decode_stat(struct call *c)
{
	if (!c->exiting) {
		arg_path(c, c->args[0]);
		return;
	}
	arg_sep(c);
	stat_out(c, c->args[1]);
}

void decode_newfstatat(struct call *c)
{
	if (!c->exiting) {
		arg_dirfd(c, (int)c->args[0]);
		arg_sep(c);
		arg_path(c, c->args[1]);
		return;
	}
	arg_sep(c);
	stat_out(c, c->args[2]);
	arg_sep(c);
	arg_flags(c, at_flags, (unsigned)c->args[3], "AT_???");
}

/* statx(dirfd, path, flags, mask, buf): the sync type is printed apart from the AT_ flags. */
void decode_statx(struct call *c)
{
	struct statx stx;
	unsigned flags = (unsigned)c->args[2];

	if (!c->exiting) {
		arg_dirfd(c, (int)c->args[0]);
		arg_sep(c);
		arg_path(c, c->args[1]);
		arg_sep(c);
		sb_flags(&c->args_text, statx_sync_types, flags & STATX_SYNC_TYPE, NULL);
		if (flags & ~STATX_SYNC_TYPE) {
			sb_putc(&c->args_text, '|');
			sb_flags(&c->args_text, at_flags, flags & ~STATX_SYNC_TYPE, NULL);
		}
		arg_sep(c);
		arg_flags(c, statx_masks, (unsigned)c->args[3], "STATX_???");
		arg_sep(c);
		return;
	}
	if (c->failed || read_mem(c, c->args[4], &stx, sizeof(stx)) < 0) {
		arg_ptr(c, c->args[4]);
		return;
	}
	sb_puts(&c->args_text, "{stx_mask=");
	arg_flags(c, statx_masks, stx.stx_mask, "STATX_???");
	sb_puts(&c->args_text, ", stx_attributes=");
	arg_flags(c, statx_attrs, stx.stx_attributes, "STATX_ATTR_???");
	if (stx.stx_mask & STATX_TYPE_MODE) {
		sb_puts(&c->args_text, ", stx_mode=");
		sb_file_mode(&c->args_text, stx.stx_mode);
	}
	if (stx.stx_mask & STATX_SIZE_BIT)
		sb_printf(&c->args_text, ", stx_size=%llu", (unsigned long long)stx.stx_size);
	sb_puts(&c->args_text, ", ...}");
}
