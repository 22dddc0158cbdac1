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
#include <net/if.h>
#include <net/if_arp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "decode.h"
#include "quote.h"
#include "sockaddr.h"

/* Kernel values the C library's headers leave out. */
#ifndef BOTHER
#define BOTHER 0010000
#endif
#ifndef IBSHIFT
#define IBSHIFT 16
#endif
#ifndef TIOCM_OUT1
#define TIOCM_OUT1 0x2000
#define TIOCM_OUT2 0x4000
#define TIOCM_LOOP 0x8000
#endif
#ifndef ARPHRD_IP6GRE
#define ARPHRD_IP6GRE 823
#endif
#ifndef ARPHRD_NETLINK
#define ARPHRD_NETLINK 824
#endif

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
	XLAT_PAIR(FIDEDUPERANGE, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"), XLAT(FIBMAP), XLAT(FIGETBSZ), XLAT(BLKGETSIZE64),
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

/* What is left to print at the exit stop (saved[0]). */
enum { NOTHING, TERM_OUT, SOCK_OUT, HEX_OUT, IFCONF_OUT, FS_OUT };

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
static int out_mem(struct call *c, uint64_t addr, void *dst, size_t len)
{
	if ((c->exiting && c->failed) || read_mem(c, addr, dst, len) < 0) {
		arg_ptr(c, addr);
		return -1;
	}
	return 0;
}

/* Terminal flags (decode_term.c would be one concept too many: they serve only here). */
static const struct xlat iflags[] = {
	XLAT(IGNBRK), XLAT(BRKINT), XLAT(IGNPAR), XLAT(PARMRK), XLAT(INPCK), XLAT(ISTRIP),
	XLAT(INLCR), XLAT(IGNCR), XLAT(ICRNL), XLAT(IUCLC), XLAT(IXON), XLAT(IXANY), XLAT(IXOFF),
	XLAT(IMAXBEL), XLAT(IUTF8), XLAT_END,
};
static const struct xlat oflags[] = {
	XLAT(XTABS), XLAT(OPOST), XLAT(OLCUC), XLAT(ONLCR), XLAT(OCRNL), XLAT(ONOCR), XLAT(ONLRET),
	XLAT(OFILL), XLAT(OFDEL), XLAT_END,
};
static const struct xlat nldly[] = { XLAT(NL0), XLAT(NL1), XLAT_END };
static const struct xlat crdly[] = { XLAT(CR0), XLAT(CR1), XLAT(CR2), XLAT(CR3), XLAT_END };
static const struct xlat tabdly[] = {
	XLAT(XTABS), XLAT(TAB0), XLAT(TAB1), XLAT(TAB2), XLAT(TAB3), XLAT_END,
};
static const struct xlat bsdly[] = { XLAT(BS1), XLAT(BS0), XLAT_END };
static const struct xlat vtdly[] = { XLAT(VT0), XLAT(VT1), XLAT_END };
static const struct xlat ffdly[] = { XLAT(FF0), XLAT(FF1), XLAT_END };
static const struct xlat bauds[] = {
	XLAT(B0), XLAT(B50), XLAT(B75), XLAT(B110), XLAT(B134), XLAT(B150), XLAT(B200), XLAT(B300),
	XLAT(B600), XLAT(B1200), XLAT(B1800), XLAT(B2400), XLAT(B4800), XLAT(B9600), XLAT(B19200),
	XLAT(B38400), XLAT(B57600), XLAT(B115200), XLAT(B230400), XLAT(B460800), XLAT(B500000),
	XLAT(B576000), XLAT(B921600), XLAT(B1000000), XLAT(B1152000), XLAT(B1500000),
	XLAT(B2000000), XLAT(B2500000), XLAT(B3000000), XLAT(B3500000), XLAT(B4000000),
	XLAT(BOTHER), XLAT_END,
};
static const struct xlat csizes[] = { XLAT(CS5), XLAT(CS6), XLAT(CS7), XLAT(CS8), XLAT_END };
static const struct xlat cflags[] = {
	XLAT(CSTOPB), XLAT(CREAD), XLAT(PARENB), XLAT(PARODD), XLAT(HUPCL), XLAT(CLOCAL),
	XLAT(CMSPAR), XLAT(CRTSCTS), XLAT_END,
};
static const struct xlat lflags[] = {
	XLAT(ISIG), XLAT(ICANON), XLAT(XCASE), XLAT(ECHO), XLAT(ECHOE), XLAT(ECHOK), XLAT(ECHONL),
	XLAT(NOFLSH), XLAT(IEXTEN), XLAT(ECHOCTL), XLAT(ECHOPRT), XLAT(ECHOKE), XLAT(FLUSHO),
	XLAT(PENDIN), XLAT(TOSTOP), XLAT(EXTPROC), XLAT_END,
};
static const struct xlat modem_flags[] = {
	XLAT(TIOCM_LE), XLAT(TIOCM_DTR), XLAT(TIOCM_RTS), XLAT(TIOCM_ST), XLAT(TIOCM_SR),
	XLAT(TIOCM_CTS), XLAT(TIOCM_CAR), XLAT(TIOCM_RNG), XLAT(TIOCM_DSR), XLAT(TIOCM_OUT1),
	XLAT(TIOCM_OUT2), XLAT(TIOCM_LOOP), XLAT_END,
};
static const struct xlat tcxonc_opts[] = {
	XLAT(TCOOFF), XLAT(TCOON), XLAT(TCIOFF), XLAT(TCION), XLAT_END,
};
static const struct xlat tcflsh_opts[] = {
	XLAT(TCIFLUSH), XLAT(TCOFLUSH), XLAT(TCIOFLUSH), XLAT_END,
};

/* {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD,
 * c_lflag=ISIG|..., ...}: the delays and sizes are fields, each printed by name. */
static void term_flags(struct strbuf *b, uint64_t i, uint64_t o, uint64_t cf, uint64_t l)
{
	static const struct { const struct xlat *x; unsigned mask; const char *dflt; } delays[] = {
		{ nldly, NLDLY, "NL?" }, { crdly, CRDLY, "CR?" }, { tabdly, TABDLY, "TAB?" },
		{ bsdly, BSDLY, "BS?" }, { vtdly, VTDLY, "VT?" }, { ffdly, FFDLY, "FF?" },
	};
	unsigned k;

	sb_puts(b, "{c_iflag=");
	sb_flags(b, iflags, i, NULL);
	sb_puts(b, ", c_oflag=");
	for (k = 0; k < sizeof(delays) / sizeof(delays[0]); k++) {
		sb_enum(b, delays[k].x, o & delays[k].mask, delays[k].dflt);
		sb_putc(b, '|');
		o &= ~(uint64_t)delays[k].mask;
	}
	sb_flags(b, oflags, o, NULL);
	sb_puts(b, ", c_cflag=");
	sb_enum(b, bauds, cf & CBAUD, "B???");
	sb_putc(b, '|');
	if (cf & CIBAUD) {
		sb_enum(b, bauds, (cf & CIBAUD) >> IBSHIFT, "B???");
		sb_puts(b, "<<IBSHIFT|");
	}
	sb_enum(b, csizes, cf & CSIZE, "CS?");
	sb_putc(b, '|');
	sb_flags(b, cflags, cf & ~(uint64_t)(CBAUD | CIBAUD | CSIZE), NULL);
	sb_puts(b, ", c_lflag=");
	sb_flags(b, lflags, l, NULL);
	sb_puts(b, ", ...}");
}

static void termios_at(struct call *c, uint64_t addr)
{
	unsigned f[9]; /* the kernel's struct termios: 36 bytes, the four flags first */

	if (out_mem(c, addr, f, sizeof(f)) == 0)
		term_flags(&c->args_text, f[0], f[1], f[2], f[3]);
}

static void termio_at(struct call *c, uint64_t addr)
{
	unsigned short f[9]; /* struct termio: 18 bytes */

	if (out_mem(c, addr, f, sizeof(f)) == 0)
		term_flags(&c->args_text, f[0], f[1], f[2], f[3]);
}

static void winsize_at(struct call *c, uint64_t addr)
{
	struct winsize w;

	if (out_mem(c, addr, &w, sizeof(w)) == 0)
		sb_printf(&c->args_text, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
			  w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);
}

static void int_at(struct call *c, uint64_t addr)
{
	int v;

	if (out_mem(c, addr, &v, sizeof(v)) == 0)
		sb_printf(&c->args_text, "[%d]", v);
}

/* The argument of a 'T' request, at entry or exit. Returns what waits for the exit stop. */
static int term_arg(struct call *c, unsigned code, uint64_t arg)
{
	unsigned v;

	switch (code) {
	case TCGETS: case TIOCGLCKTRMIOS: case TCGETA: case TIOCGWINSZ: case TIOCMGET:
	case TIOCGPGRP: case TIOCGSID: case TIOCGETD: case TIOCGSOFTCAR: case TIOCGPTN:
	case FIONREAD: case TIOCOUTQ: case TIOCGEXCL: case TIOCGDEV:
		if (!c->exiting)
			return TERM_OUT;
		break;
	}
	switch (code) {
	case TCGETS: case TIOCGLCKTRMIOS: case TCSETS: case TCSETSW: case TCSETSF:
	case TIOCSLCKTRMIOS:
		arg_sep(c);
		termios_at(c, arg);
		break;
	case TCGETA: case TCSETA: case TCSETAW: case TCSETAF:
		arg_sep(c);
		termio_at(c, arg);
		break;
	case TIOCGWINSZ: case TIOCSWINSZ:
		arg_sep(c);
		winsize_at(c, arg);
		break;
	case TCXONC:
		arg_sep(c);
		arg_xval(c, tcxonc_opts, arg, "TC???");
		break;
	case TCFLSH:
		arg_sep(c);
		arg_xval(c, tcflsh_opts, arg, "TC???");
		break;
	case TCSBRK: case TCSBRKP: case TIOCSCTTY:
		arg_sep(c);
		arg_int(c, arg);
		break;
	case TIOCMGET: case TIOCMBIS: case TIOCMBIC: case TIOCMSET:
		arg_sep(c);
		if (out_mem(c, arg, &v, sizeof(v)) == 0) {
			sb_putc(&c->args_text, '[');
			arg_flags(c, modem_flags, v, "TIOCM_???");
			sb_putc(&c->args_text, ']');
		}
		break;
	case TIOCGPGRP: case TIOCGSID: case TIOCGETD: case TIOCGSOFTCAR: case TIOCGPTN:
	case FIONREAD: case TIOCOUTQ: case TIOCGEXCL: case TIOCGDEV: case TIOCSPGRP: case TIOCSETD:
	case FIONBIO: case FIOASYNC: case TIOCPKT: case TIOCSSOFTCAR: case TIOCSPTLCK:
		arg_sep(c);
		int_at(c, arg);
		break;
	case TIOCSTI:
		arg_sep(c);
		arg_buf(c, arg, 1);
		break;
	case TIOCSBRK: case TIOCCBRK: case TIOCCONS: case TIOCNOTTY: case TIOCEXCL: case TIOCNXCL:
	case FIOCLEX: case FIONCLEX: case TIOCVHANGUP: case TIOCSSERIAL:
		break;
	default:
		arg_sep(c);
		arg_hex(c, arg);
	}
	return NOTHING;
}

static const struct xlat iff_flags[] = {
	XLAT(IFF_UP), XLAT(IFF_BROADCAST), XLAT(IFF_DEBUG), XLAT(IFF_LOOPBACK),
	XLAT(IFF_POINTOPOINT), XLAT(IFF_NOTRAILERS), XLAT(IFF_RUNNING), XLAT(IFF_NOARP),
	XLAT(IFF_PROMISC), XLAT(IFF_ALLMULTI), XLAT(IFF_MASTER), XLAT(IFF_SLAVE), XLAT(IFF_MULTICAST),
	XLAT(IFF_PORTSEL), XLAT(IFF_AUTOMEDIA), XLAT(IFF_DYNAMIC), XLAT_PAIR(1 << 16, "IFF_LOWER_UP"),
	XLAT_PAIR(1 << 17, "IFF_DORMANT"), XLAT_PAIR(1 << 18, "IFF_ECHO"), XLAT_END,
};

static const struct xlat hw_types[] = {
	XLAT(ARPHRD_NETROM), XLAT(ARPHRD_ETHER), XLAT(ARPHRD_EETHER), XLAT(ARPHRD_IEEE802),
	XLAT(ARPHRD_INFINIBAND), XLAT(ARPHRD_SLIP), XLAT(ARPHRD_PPP), XLAT(ARPHRD_RAWIP),
	XLAT(ARPHRD_TUNNEL), XLAT(ARPHRD_TUNNEL6), XLAT(ARPHRD_LOOPBACK), XLAT(ARPHRD_SIT),
	XLAT(ARPHRD_IPGRE), XLAT(ARPHRD_IEEE80211), XLAT(ARPHRD_IP6GRE), XLAT(ARPHRD_NETLINK),
	XLAT(ARPHRD_NONE), XLAT(ARPHRD_VOID), XLAT_END,
};

/* The length of a hardware address of this type, as strace knows it (the rest: all 14). */
static unsigned hw_len(unsigned type)
{
	switch (type) {
	case ARPHRD_ETHER: case ARPHRD_EETHER: case ARPHRD_IEEE802: case ARPHRD_LOOPBACK:
	case ARPHRD_IEEE80211:
		return 6;
	case ARPHRD_TUNNEL: case ARPHRD_SIT: case ARPHRD_IPGRE:
		return 4;
	case ARPHRD_TUNNEL6: case ARPHRD_IP6GRE:
		return 16;
	case ARPHRD_NETROM: case ARPHRD_RAWIP: case ARPHRD_NETLINK: case ARPHRD_PPP:
		return 0;
	case ARPHRD_INFINIBAND:
		return 20;
	}
	return 14;
}

static void put_ifr_name(struct strbuf *b, const struct ifreq *r)
{
	size_t n = 0;

	while (n < IFNAMSIZ && r->ifr_name[n])
		n++;
	sb_puts(b, "ifr_name=");
	quote_bytes(b, r->ifr_name, n, n == IFNAMSIZ);
}

/* The field a request reads or writes, after ifr_name. */
static void ifr_field(struct strbuf *b, unsigned code, const struct ifreq *r)
{
	const struct sockaddr *sa = NULL;
	const char *name = NULL;
	unsigned i, n;

	switch (code) {
	case SIOCGIFADDR: case SIOCSIFADDR: sa = &r->ifr_addr; name = "ifr_addr"; break;
	case SIOCGIFDSTADDR: case SIOCSIFDSTADDR: sa = &r->ifr_dstaddr; name = "ifr_dstaddr"; break;
	case SIOCGIFBRDADDR: case SIOCSIFBRDADDR: sa = &r->ifr_broadaddr; name = "ifr_broadaddr"; break;
	case SIOCGIFNETMASK: case SIOCSIFNETMASK: sa = &r->ifr_netmask; name = "ifr_netmask"; break;
	case SIOCGIFFLAGS: case SIOCSIFFLAGS:
		sb_puts(b, ", ifr_flags=");
		sb_flags(b, iff_flags, (uint64_t)(int64_t)r->ifr_flags, "IFF_???");
		return;
	case SIOCGIFINDEX:
		sb_printf(b, ", ifr_ifindex=%d", r->ifr_ifindex);
		return;
	case SIOCGIFMETRIC: case SIOCSIFMETRIC:
		sb_printf(b, ", ifr_metric=%d", r->ifr_metric);
		return;
	case SIOCGIFMTU: case SIOCSIFMTU:
		sb_printf(b, ", ifr_mtu=%d", r->ifr_mtu);
		return;
	case SIOCGIFTXQLEN: case SIOCSIFTXQLEN:
		sb_printf(b, ", ifr_qlen=%d", r->ifr_qlen);
		return;
	case SIOCGIFNAME:
		sb_puts(b, ", ");
		put_ifr_name(b, r);
		return;
	case SIOCGIFHWADDR: case SIOCSIFHWADDR: case SIOCADDMULTI: case SIOCDELMULTI:
	case SIOCSIFHWBROADCAST:
		sb_puts(b, ", ifr_hwaddr={sa_family=");
		sb_enum(b, hw_types, r->ifr_hwaddr.sa_family, "ARPHRD_???");
		sb_puts(b, ", sa_data=");
		n = hw_len(r->ifr_hwaddr.sa_family);
		for (i = 0; i < n && i < sizeof(r->ifr_hwaddr.sa_data); i++)
			sb_printf(b, "%s%02x", i ? ":" : "", (unsigned char)r->ifr_hwaddr.sa_data[i]);
		sb_putc(b, '}');
		return;
	default:
		return;
	}
	sb_printf(b, ", %s=", name);
	sb_sockaddr(b, sa, sizeof(*sa));
}

/* ifc_len=80 * sizeof(struct ifreq) as strace writes a length that is a whole number of them */
static void ifc_len(struct strbuf *b, int len)
{
	unsigned n = (unsigned)len / sizeof(struct ifreq);

	sb_printf(b, "%d", len);
	if (len > 0 && n * sizeof(struct ifreq) == (unsigned)len)
		sb_printf(b, " /* %u * sizeof(struct ifreq) */", n);
}

static int print_ifconf_req(struct call *c, const void *elem, void *ctx)
{
	const struct ifreq *r = elem;

	(void)ctx;
	sb_putc(&c->args_text, '{');
	put_ifr_name(&c->args_text, r);
	sb_puts(&c->args_text, ", ifr_addr=");
	sb_sockaddr(&c->args_text, &r->ifr_addr, sizeof(r->ifr_addr));
	sb_putc(&c->args_text, '}');
	return 1;
}

/* SIOCGIFCONF: asking for the size (ifc_buf NULL) or for the list; the entry values are kept
 * in saved[1] (length, and whether a buffer was given) to show what changed. */
static int ifconf(struct call *c, uint64_t arg)
{
	struct ifconf ifc;
	int in_len = (int)(uint32_t)c->saved[1], had_buf = (int)(c->saved[1] >> 32);

	if (!c->exiting) {
		arg_sep(c);
		if (read_mem(c, arg, &ifc, sizeof(ifc)) < 0) {
			arg_ptr(c, arg);
			return NOTHING;
		}
		sb_puts(&c->args_text, "{ifc_len=");
		if (ifc.ifc_buf)
			ifc_len(&c->args_text, ifc.ifc_len);
		c->saved[1] = (uint32_t)ifc.ifc_len | (uint64_t)(ifc.ifc_buf != NULL) << 32;
		c->saved[1] |= 0; /* the buffer address is read again at exit */
		return IFCONF_OUT;
	}
	if (read_mem(c, arg, &ifc, sizeof(ifc)) < 0) {
		if (!had_buf)
			ifc_len(&c->args_text, in_len);
		sb_puts(&c->args_text, ", ifc_buf=...}");
		return NOTHING;
	}
	if (had_buf && in_len != ifc.ifc_len)
		sb_puts(&c->args_text, " => ");
	if (!had_buf || in_len != ifc.ifc_len)
		ifc_len(&c->args_text, ifc.ifc_len);
	sb_puts(&c->args_text, ", ifc_buf=");
	if (!had_buf || c->failed)
		arg_ptr(c, (uintptr_t)ifc.ifc_buf);
	else
		arg_array(c, (uintptr_t)ifc.ifc_buf, (unsigned)ifc.ifc_len / sizeof(struct ifreq),
			  sizeof(struct ifreq), print_ifconf_req, NULL);
	sb_putc(&c->args_text, '}');
	return NOTHING;
}

static int sock_arg(struct call *c, unsigned code, uint64_t arg)
{
	struct ifreq r;

	switch (code) {
	case SIOCGIFCONF:
		return ifconf(c, arg);
	case SIOCGIFADDR: case SIOCGIFBRDADDR: case SIOCGIFDSTADDR: case SIOCGIFFLAGS:
	case SIOCGIFHWADDR: case SIOCGIFINDEX: case SIOCGIFMAP: case SIOCGIFMETRIC: case SIOCGIFMTU:
	case SIOCGIFNAME: case SIOCGIFNETMASK: case SIOCGIFSLAVE: case SIOCGIFTXQLEN:
		if (!c->exiting) {
			arg_sep(c);
			if (read_mem(c, arg, &r, sizeof(r)) < 0) {
				arg_ptr(c, arg);
				return NOTHING;
			}
			if (code == SIOCGIFNAME)
				sb_printf(&c->args_text, "{ifr_ifindex=%d", r.ifr_ifindex);
			else {
				sb_putc(&c->args_text, '{');
				put_ifr_name(&c->args_text, &r);
			}
			return SOCK_OUT;
		}
		if (!c->failed && read_mem(c, arg, &r, sizeof(r)) == 0)
			ifr_field(&c->args_text, code, &r);
		sb_putc(&c->args_text, '}');
		return NOTHING;
	case SIOCSIFADDR: case SIOCSIFBRDADDR: case SIOCSIFDSTADDR: case SIOCSIFFLAGS:
	case SIOCSIFHWADDR: case SIOCSIFMETRIC: case SIOCSIFMTU: case SIOCSIFNETMASK:
	case SIOCSIFTXQLEN: case SIOCADDMULTI: case SIOCDELMULTI: case SIOCSIFHWBROADCAST:
		arg_sep(c);
		if (read_mem(c, arg, &r, sizeof(r)) < 0) {
			arg_ptr(c, arg);
			return NOTHING;
		}
		sb_putc(&c->args_text, '{');
		put_ifr_name(&c->args_text, &r);
		ifr_field(&c->args_text, code, &r);
		sb_putc(&c->args_text, '}');
		return NOTHING;
	case FIOGETOWN: case SIOCATMARK: case SIOCGIFENCAP: case SIOCGPGRP: case SIOCOUTQNSD:
		if (!c->exiting)
			return SOCK_OUT;
		arg_sep(c);
		int_at(c, arg);
		return NOTHING;
	case FIOSETOWN: case SIOCSIFENCAP: case SIOCSPGRP:
		arg_sep(c);
		int_at(c, arg);
		return NOTHING;
	}
	arg_sep(c);
	arg_hex(c, arg);
	return NOTHING;
}

/* 'f' requests: the inode flags of FS_IOC_GETFLAGS/SETFLAGS ([FS_EXTENT_FL]). */
static int fs_arg(struct call *c, unsigned code, uint64_t arg)
{
	unsigned v;

	switch (code) {
	case FS_IOC_GETFLAGS: case FS_IOC32_GETFLAGS:
		if (!c->exiting)
			return FS_OUT;
		/* fall through */
	case FS_IOC_SETFLAGS: case FS_IOC32_SETFLAGS:
		arg_sep(c);
		if (out_mem(c, arg, &v, sizeof(v)) == 0) {
			sb_putc(&c->args_text, '[');
			arg_flags(c, fs_flags, v, "FS_???_FL");
			sb_putc(&c->args_text, ']');
		}
		return NOTHING;
	}
	if (c->exiting) {
		arg_sep(c);
		arg_hex(c, arg);
		return NOTHING;
	}
	return FS_OUT;
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
			c->saved[0] = term_arg(c, code, arg);
		else if (type == 0x89)
			c->saved[0] = sock_arg(c, code, arg);
		else if (type == 'f')
			c->saved[0] = fs_arg(c, code, arg);
		else
			c->saved[0] = HEX_OUT;
		return;
	}
	switch (c->saved[0]) {
	case TERM_OUT:
		term_arg(c, code, arg);
		break;
	case SOCK_OUT: case IFCONF_OUT:
		sock_arg(c, code, arg);
		break;
	case FS_OUT:
		fs_arg(c, code, arg);
		break;
	case HEX_OUT:
		arg_sep(c);
		arg_hex(c, arg);
		break;
	}
}
