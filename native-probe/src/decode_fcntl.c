/* decode_fcntl.c - fcntl: the third argument and the return value mean what the command says. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>

#include "decode.h"
#include "siginfo.h"

#ifndef F_CANCELLK
#define F_CANCELLK 1029
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x10
#endif

static const struct xlat fcntl_cmds[] = {
	XLAT(F_DUPFD), XLAT(F_GETFD), XLAT(F_SETFD), XLAT(F_GETFL), XLAT(F_SETFL), XLAT(F_GETLK),
	XLAT(F_SETLK), XLAT(F_SETLKW), XLAT(F_SETOWN), XLAT(F_GETOWN), XLAT(F_SETSIG),
	XLAT(F_GETSIG), XLAT(F_SETOWN_EX), XLAT(F_GETOWN_EX), XLAT(F_GETOWNER_UIDS),
	XLAT(F_OFD_GETLK), XLAT(F_OFD_SETLK), XLAT(F_OFD_SETLKW), XLAT(F_SETLEASE),
	XLAT(F_GETLEASE), XLAT(F_NOTIFY), XLAT(F_CANCELLK), XLAT(F_DUPFD_CLOEXEC),
	XLAT(F_SETPIPE_SZ), XLAT(F_GETPIPE_SZ), XLAT(F_ADD_SEALS), XLAT(F_GET_SEALS), XLAT_END,
};

static const struct xlat fd_flags[] = { XLAT(FD_CLOEXEC), XLAT_END };

static const struct xlat lock_types[] = {
	XLAT(F_RDLCK), XLAT(F_WRLCK), XLAT(F_UNLCK), XLAT(F_EXLCK), XLAT(F_SHLCK), XLAT_END,
};

static const struct xlat whences[] = {
	XLAT(SEEK_SET), XLAT(SEEK_CUR), XLAT(SEEK_END), XLAT(SEEK_DATA), XLAT(SEEK_HOLE), XLAT_END,
};

static const struct xlat notify_flags[] = {
	XLAT(DN_ACCESS), XLAT(DN_MODIFY), XLAT(DN_CREATE), XLAT(DN_DELETE), XLAT(DN_RENAME),
	XLAT(DN_ATTRIB), XLAT(DN_MULTISHOT), XLAT_END,
};

static const struct xlat seals[] = {
	XLAT(F_SEAL_SEAL), XLAT(F_SEAL_SHRINK), XLAT(F_SEAL_GROW), XLAT(F_SEAL_WRITE),
	XLAT(F_SEAL_FUTURE_WRITE), XLAT_END,
};

static const struct xlat owner_types[] = {
	XLAT(F_OWNER_TID), XLAT(F_OWNER_PID), XLAT(F_OWNER_PGRP), XLAT_END,
};

/* struct flock (the same as flock64 on 64-bit targets); l_pid only for what F_GETLK returns. */
static void flock_at(struct call *c, uint64_t addr, int getlk)
{
	struct flock fl;

	if ((c->exiting && c->failed) || read_mem(c, addr, &fl, sizeof(fl)) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_puts(&c->args_text, "{l_type=");
	arg_xval(c, lock_types, (uint16_t)fl.l_type, "F_???");
	sb_puts(&c->args_text, ", l_whence=");
	arg_xval(c, whences, (uint16_t)fl.l_whence, "SEEK_???");
	sb_printf(&c->args_text, ", l_start=%lld, l_len=%lld", (long long)fl.l_start,
		  (long long)fl.l_len);
	if (getlk)
		sb_printf(&c->args_text, ", l_pid=%d", (int)fl.l_pid);
	sb_putc(&c->args_text, '}');
}

static void owner_at(struct call *c, uint64_t addr)
{
	struct f_owner_ex o;

	if ((c->exiting && c->failed) || read_mem(c, addr, &o, sizeof(o)) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_puts(&c->args_text, "{type=");
	arg_xval(c, owner_types, (unsigned)o.type, "F_OWNER_???");
	sb_printf(&c->args_text, ", pid=%d}", o.pid);
}

/* What follows the command at entry. Returns 1 when the rest waits for the exit stop. */
static int fcntl_entry(struct call *c, unsigned cmd)
{
	uint64_t arg = c->args[2];

	switch (cmd) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG: case F_GETLEASE:
	case F_GETPIPE_SZ: case F_GET_SEALS:
		return 0;
	case F_GETLK: case F_OFD_GETLK: case F_GETOWN_EX:
		return 1;
	}
	arg_sep(c);
	switch (cmd) {
	case F_SETFD:
		arg_flags(c, fd_flags, arg, "FD_???");
		break;
	case F_SETOWN: case F_SETPIPE_SZ: case F_DUPFD: case F_DUPFD_CLOEXEC:
		arg_int(c, arg);
		break;
	case F_SETFL:
		sb_open_flags(&c->args_text, (unsigned)arg);
		break;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		flock_at(c, arg, 0);
		break;
	case F_SETOWN_EX:
		owner_at(c, arg);
		break;
	case F_NOTIFY:
		arg_flags(c, notify_flags, arg, "DN_???");
		break;
	case F_SETLEASE:
		arg_xval(c, lock_types, arg, "F_???");
		break;
	case F_ADD_SEALS:
		arg_flags(c, seals, arg, "F_SEAL_???");
		break;
	case F_SETSIG:
		arg_signal(c, arg);
		break;
	default:
		arg_hex(c, arg);
	}
	return 0;
}

/* The return value with what it means: "0x1 (flags FD_CLOEXEC)". */
static void fcntl_ret(struct call *c, unsigned cmd)
{
	struct strbuf *r = &c->ret_text;
	uint64_t v = (uint64_t)c->rval;
	const char *name;

	if (c->failed)
		return;
	switch (cmd) {
	case F_DUPFD: case F_DUPFD_CLOEXEC:
		ret_new_fd(c);
		break;
	case F_GETFD:
		if (v) {
			sb_printf(r, "%#llx (flags ", (unsigned long long)v);
			sb_flags(r, fd_flags, v, NULL);
			sb_putc(r, ')');
		}
		break;
	case F_GETFL:
		sb_printf(r, "%#llx (flags ", (unsigned long long)v);
		sb_open_flags(r, (unsigned)v);
		sb_putc(r, ')');
		break;
	case F_GETLEASE:
		name = xlat_name(lock_types, v);
		sb_printf(r, "%#llx", (unsigned long long)v);
		if (name)
			sb_printf(r, " (%s)", name);
		break;
	case F_GET_SEALS:
		if (v) {
			sb_printf(r, "%#llx (seals ", (unsigned long long)v);
			sb_flags(r, seals, v, NULL);
			sb_putc(r, ')');
		}
		break;
	case F_GETSIG:
		if (v > 0 && v <= 64) {
			sb_printf(r, "%lld (", (long long)c->rval);
			sb_signal(r, (int)v);
			sb_putc(r, ')');
		}
		break;
	}
}

void decode_fcntl(struct call *c)
{
	unsigned cmd = (unsigned)c->args[1];

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		arg_xval(c, fcntl_cmds, c->args[1], "F_???");
		c->saved[0] = fcntl_entry(c, cmd);
		return;
	}
	if (c->saved[0]) {
		arg_sep(c);
		if (cmd == F_GETOWN_EX)
			owner_at(c, c->args[2]);
		else
			flock_at(c, c->args[2], 1);
	}
	fcntl_ret(c, cmd);
}
