/*
 * decode_ioctl.c - ioctl: the request by name (or as _IOC(dir, type, nr, size) when it has
 * none), and the argument of the terminal ('T') and socket (0x89) requests a JVM makes:
 * FIONREAD, FIONBIO, FIOCLEX, TCGETS, TIOCGWINSZ, SIOCGIFCONF, SIOCGIFFLAGS, ...
 * Anything else shows its argument in hex, as strace does.
 */
#define _GNU_SOURCE
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "decode_ioctl.h"

/* Numbers that other drivers reuse show every name, as strace lists them: "A or B". */
static const struct xlat ioctl_names[] = {
	XLAT(TCGETS), XLAT_PAIR(TCSETS, "SNDCTL_TMR_START or TCSETS"),
	XLAT_PAIR(TCSETSW, "SNDCTL_TMR_STOP or TCSETSW"),
	XLAT_PAIR(TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF"), XLAT(TCGETA), XLAT(TCSETA),
	XLAT(TCSETAW), XLAT(TCSETAF), XLAT(TCSBRK), XLAT(TCXONC), XLAT(TCFLSH), XLAT(TIOCEXCL),
	XLAT(TIOCNXCL), XLAT(TIOCSCTTY), XLAT(TIOCGPGRP), XLAT(TIOCSPGRP), XLAT(TIOCOUTQ),
	XLAT(TIOCSTI), XLAT(TIOCGWINSZ), XLAT(TIOCSWINSZ), XLAT(TIOCMGET), XLAT(TIOCMBIS),
	XLAT(TIOCMBIC), XLAT(TIOCMSET), XLAT(TIOCGSOFTCAR), XLAT(TIOCSSOFTCAR), XLAT(FIONREAD),
	XLAT(TIOCLINUX), XLAT(TIOCCONS), XLAT(TIOCGSERIAL), XLAT(TIOCSSERIAL), XLAT(TIOCPKT),
	XLAT(FIONBIO), XLAT(TIOCNOTTY), XLAT(TIOCSETD), XLAT(TIOCGETD), XLAT(TCSBRKP),
	XLAT(TIOCSBRK), XLAT(TIOCCBRK), XLAT(TIOCGSID), XLAT(TIOCGPTN), XLAT(TIOCSPTLCK),
	XLAT(TIOCGDEV), XLAT(TIOCSIG), XLAT(TIOCVHANGUP), XLAT(TIOCGPKT), XLAT(TIOCGPTLCK),
	XLAT(TIOCGEXCL), XLAT(TIOCGPTPEER), XLAT(FIONCLEX), XLAT(FIOCLEX), XLAT(FIOASYNC),
	XLAT(TIOCSERCONFIG), XLAT(TIOCSERGWILD), XLAT(TIOCSERSWILD), XLAT(TIOCGLCKTRMIOS),
	XLAT(TIOCSLCKTRMIOS), XLAT(TIOCSERGSTRUCT), XLAT(TIOCSERGETLSR), XLAT(TIOCSERGETMULTI),
	XLAT(TIOCSERSETMULTI), XLAT(TIOCMIWAIT), XLAT(TIOCGICOUNT), XLAT(FIOQSIZE),
	XLAT(FIOSETOWN), XLAT(SIOCSPGRP), XLAT(FIOGETOWN), XLAT(SIOCGPGRP), XLAT(SIOCATMARK),
	XLAT_PAIR(0x8906, "SIOCGSTAMP_OLD"), XLAT_PAIR(0x8907, "SIOCGSTAMPNS_OLD"),
	XLAT(SIOCADDRT), XLAT(SIOCDELRT), XLAT(SIOCRTMSG), XLAT(SIOCGIFNAME), XLAT(SIOCSIFLINK),
	XLAT(SIOCGIFCONF), XLAT(SIOCGIFFLAGS), XLAT(SIOCSIFFLAGS), XLAT(SIOCGIFADDR),
	XLAT(SIOCSIFADDR), XLAT(SIOCGIFDSTADDR), XLAT(SIOCSIFDSTADDR), XLAT(SIOCGIFBRDADDR),
	XLAT(SIOCSIFBRDADDR), XLAT(SIOCGIFNETMASK), XLAT(SIOCSIFNETMASK), XLAT(SIOCGIFMETRIC),
	XLAT(SIOCSIFMETRIC), XLAT(SIOCGIFMEM), XLAT(SIOCSIFMEM), XLAT(SIOCGIFMTU), XLAT(SIOCSIFMTU),
	XLAT(SIOCSIFNAME), XLAT(SIOCSIFHWADDR), XLAT(SIOCGIFENCAP), XLAT(SIOCSIFENCAP),
	XLAT(SIOCGIFHWADDR), XLAT(SIOCGIFSLAVE), XLAT(SIOCSIFSLAVE), XLAT(SIOCADDMULTI),
	XLAT(SIOCDELMULTI), XLAT(SIOCGIFINDEX), XLAT(SIOCSIFPFLAGS), XLAT(SIOCGIFPFLAGS),
	XLAT(SIOCDIFADDR), XLAT(SIOCSIFHWBROADCAST), XLAT(SIOCGIFCOUNT), XLAT(SIOCGIFBR),
	XLAT(SIOCSIFBR), XLAT(SIOCGIFTXQLEN), XLAT(SIOCSIFTXQLEN), XLAT(SIOCETHTOOL),
	XLAT(SIOCGMIIPHY), XLAT(SIOCGMIIREG), XLAT(SIOCSMIIREG), XLAT(SIOCWANDEV),
	XLAT(SIOCOUTQNSD), XLAT(SIOCGSKNS), XLAT(SIOCDARP), XLAT(SIOCGARP), XLAT(SIOCSARP),
	XLAT(SIOCDRARP), XLAT(SIOCGRARP), XLAT(SIOCSRARP), XLAT(SIOCGIFMAP), XLAT(SIOCSIFMAP),
	XLAT(SIOCADDDLCI), XLAT(SIOCDELDLCI), XLAT(SIOCGIFVLAN), XLAT(SIOCSIFVLAN),
	XLAT(SIOCBONDENSLAVE), XLAT(SIOCBONDRELEASE), XLAT(SIOCBONDSETHWADDR),
	XLAT(SIOCBONDSLAVEINFOQUERY), XLAT(SIOCBONDINFOQUERY), XLAT(SIOCBONDCHANGEACTIVE),
	XLAT(SIOCBRADDBR), XLAT(SIOCBRDELBR), XLAT(SIOCBRADDIF), XLAT(SIOCBRDELIF),
	XLAT(SIOCSHWTSTAMP), XLAT(SIOCGHWTSTAMP), XLAT(FS_IOC_GETFLAGS), XLAT(FS_IOC_SETFLAGS),
	XLAT(FS_IOC32_GETFLAGS), XLAT(FS_IOC32_SETFLAGS), XLAT(FS_IOC_GETVERSION),
	XLAT(FS_IOC_SETVERSION), XLAT(FS_IOC_FIEMAP), XLAT(FIFREEZE), XLAT(FITHAW),
	XLAT_PAIR(FICLONE, "BTRFS_IOC_CLONE or FICLONE"),
	XLAT_PAIR(FICLONERANGE, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE"),
	XLAT_PAIR(FIDEDUPERANGE, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"), XLAT(FIBMAP),
	XLAT(FIGETBSZ), XLAT(BLKGETSIZE64),
	XLAT(BLKSSZGET), XLAT_END,
};

static const struct xlat fs_flags[] = {
	XLAT_PAIR(0x1, "FS_SECRM_FL"), XLAT_PAIR(0x2, "FS_UNRM_FL"), XLAT_PAIR(0x4, "FS_COMPR_FL"),
	XLAT_PAIR(0x8, "FS_SYNC_FL"), XLAT_PAIR(0x10, "FS_IMMUTABLE_FL"),
	XLAT_PAIR(0x20, "FS_APPEND_FL"), XLAT_PAIR(0x40, "FS_NODUMP_FL"),
	XLAT_PAIR(0x80, "FS_NOATIME_FL"), XLAT_PAIR(0x100, "FS_DIRTY_FL"),
	XLAT_PAIR(0x200, "FS_COMPRBLK_FL"), XLAT_PAIR(0x400, "FS_NOCOMP_FL"),
	XLAT_PAIR(0x800, "FS_ENCRYPT_FL"), XLAT_PAIR(0x1000, "FS_INDEX_FL"),
	XLAT_PAIR(0x2000, "FS_IMAGIC_FL"), XLAT_PAIR(0x4000, "FS_JOURNAL_DATA_FL"),
	XLAT_PAIR(0x8000, "FS_NOTAIL_FL"), XLAT_PAIR(0x10000, "FS_DIRSYNC_FL"),
	XLAT_PAIR(0x20000, "FS_TOPDIR_FL"), XLAT_PAIR(0x40000, "FS_HUGE_FILE_FL"),
	XLAT_PAIR(0x80000, "FS_EXTENT_FL"), XLAT_PAIR(0x100000, "FS_VERITY_FL"),
	XLAT_PAIR(0x200000, "FS_EA_INODE_FL"), XLAT_PAIR(0x400000, "FS_EOFBLOCKS_FL"),
	XLAT_PAIR(0x800000, "FS_NOCOW_FL"), XLAT_PAIR(0x2000000, "FS_DAX_FL"),
	XLAT_PAIR(0x10000000, "FS_INLINE_DATA_FL"), XLAT_PAIR(0x20000000, "FS_PROJINHERIT_FL"),
	XLAT_PAIR(0x40000000, "FS_CASEFOLD_FL"), XLAT_PAIR(0x80000000, "FS_RESERVED_FL"), XLAT_END,
};

static const struct xlat ioc_dirs[] = {
	XLAT_PAIR(0, "_IOC_NONE"), XLAT_PAIR(2, "_IOC_READ"), XLAT_PAIR(1, "_IOC_WRITE"), XLAT_END,
};


static void request(struct call *c, unsigned code)
{
	const char *name = xlat_name(ioctl_names, code);

	if (name) {
		sb_puts(&c->args_text, name);
		return;
	}
	sb_puts(&c->args_text, "_IOC(");
	arg_flags(c, ioc_dirs, _IOC_DIR(code), "_IOC_???");
	sb_printf(&c->args_text, ", %#x, %#x, %#x)", _IOC_TYPE(code), _IOC_NR(code),
		  _IOC_SIZE(code));
}

/* An out-parameter read at exit: its address when the call failed or it cannot be read. */
int ioctl_out_mem(struct call *c, uint64_t addr, void *dst, size_t len)
{
	if ((c->exiting && c->failed) || read_mem(c, addr, dst, len) < 0) {
		arg_ptr(c, addr);
		return -1;
	}
	return 0;
}

void ioctl_int_at(struct call *c, uint64_t addr)
{
	int v;

	if (ioctl_out_mem(c, addr, &v, sizeof(v)) == 0)
		sb_printf(&c->args_text, "[%d]", v);
}

/* 'f' requests: the inode flags of FS_IOC_GETFLAGS/SETFLAGS ([FS_EXTENT_FL]). */
static int fs_arg(struct call *c, unsigned code, uint64_t arg)
{
	unsigned v;

	switch (code) {
	case FS_IOC_GETFLAGS: case FS_IOC32_GETFLAGS:
		if (!c->exiting)
			return IOCTL_FS_OUT;
		/* fall through */
	case FS_IOC_SETFLAGS: case FS_IOC32_SETFLAGS:
		arg_sep(c);
		if (ioctl_out_mem(c, arg, &v, sizeof(v)) == 0) {
			sb_putc(&c->args_text, '[');
			arg_flags(c, fs_flags, v, "FS_???_FL");
			sb_putc(&c->args_text, ']');
		}
		return IOCTL_NOTHING;
	}
	if (c->exiting) {
		arg_sep(c);
		arg_hex(c, arg);
		return IOCTL_NOTHING;
	}
	return IOCTL_FS_OUT;
}

void decode_ioctl(struct call *c)
{
	unsigned code = (unsigned)c->args[1];
	uint64_t arg = c->args[2];
	int type = _IOC_TYPE(code);

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		request(c, code);
		if (type == 'T')
			c->saved[0] = ioctl_term(c, code, arg);
		else if (type == 0x89)
			c->saved[0] = ioctl_sock(c, code, arg);
		else if (type == 'f')
			c->saved[0] = fs_arg(c, code, arg);
		else
			c->saved[0] = IOCTL_HEX_OUT;
		return;
	}
	switch (c->saved[0]) {
	case IOCTL_TERM_OUT:
		ioctl_term(c, code, arg);
		break;
	case IOCTL_SOCK_OUT:
		ioctl_sock(c, code, arg);
		break;
	case IOCTL_FS_OUT:
		fs_arg(c, code, arg);
		break;
	case IOCTL_HEX_OUT:
		arg_sep(c);
		arg_hex(c, arg);
		break;
	}
}
