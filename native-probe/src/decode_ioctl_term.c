/*
 * decode_ioctl_term.c - the terminal ioctl requests ('T'): termios and termio as strace
 * abbreviates them ({c_iflag=..., c_oflag=..., c_cflag=..., c_lflag=..., ...}), winsize,
 * modem lines, and the requests whose argument is an int (FIONREAD, FIONBIO ...).
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <termios.h>

#include "decode_ioctl.h"

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

	if (ioctl_out_mem(c, addr, f, sizeof(f)) == 0)
		term_flags(&c->args_text, f[0], f[1], f[2], f[3]);
}

static void termio_at(struct call *c, uint64_t addr)
{
	unsigned short f[9]; /* struct termio: 18 bytes */

	if (ioctl_out_mem(c, addr, f, sizeof(f)) == 0)
		term_flags(&c->args_text, f[0], f[1], f[2], f[3]);
}

static void winsize_at(struct call *c, uint64_t addr)
{
	struct winsize w;

	if (ioctl_out_mem(c, addr, &w, sizeof(w)) == 0)
		sb_printf(&c->args_text, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
			  w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);
}

int ioctl_term(struct call *c, unsigned code, uint64_t arg)
{
	unsigned v;

	switch (code) {
	case TCGETS: case TIOCGLCKTRMIOS: case TCGETA: case TIOCGWINSZ: case TIOCMGET:
	case TIOCGPGRP: case TIOCGSID: case TIOCGETD: case TIOCGSOFTCAR: case TIOCGPTN:
	case FIONREAD: case TIOCOUTQ: case TIOCGEXCL: case TIOCGDEV:
		if (!c->exiting)
			return IOCTL_TERM_OUT;
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
		if (ioctl_out_mem(c, arg, &v, sizeof(v)) == 0) {
			sb_putc(&c->args_text, '[');
			arg_flags(c, modem_flags, v, "TIOCM_???");
			sb_putc(&c->args_text, ']');
		}
		break;
	case TIOCGPGRP: case TIOCGSID: case TIOCGETD: case TIOCGSOFTCAR: case TIOCGPTN:
	case FIONREAD: case TIOCOUTQ: case TIOCGEXCL: case TIOCGDEV: case TIOCSPGRP: case TIOCSETD:
	case FIONBIO: case FIOASYNC: case TIOCPKT: case TIOCSSOFTCAR: case TIOCSPTLCK:
		arg_sep(c);
		ioctl_int_at(c, arg);
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
	return IOCTL_NOTHING;
}
