/*
 * decode_ioctl_sock.c - the socket ioctl requests (0x89): SIOCGIFCONF's list of interfaces,
 * struct ifreq for SIOCGIFFLAGS, SIOCGIFINDEX, SIOCGIFHWADDR ..., as strace prints them.
 */
#define _GNU_SOURCE
#include <linux/sockios.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>

#include "decode_ioctl.h"
#include "quote.h"
#include "sockaddr.h"

#ifndef ARPHRD_IP6GRE
#define ARPHRD_IP6GRE 823
#endif
#ifndef ARPHRD_NETLINK
#define ARPHRD_NETLINK 824
#endif

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

/* SIOCGIFCONF: asking for the size (ifc_buf NULL) or for the list. The entry values are
 * kept in c->scratch (length, buffer) to show what changed. */
static int ifconf(struct call *c, uint64_t arg)
{
	struct ifconf ifc;
	int in_len = (int)c->scratch[0];
	uint64_t in_buf = c->scratch[1];

	if (!c->exiting) {
		arg_sep(c);
		if (read_mem(c, arg, &ifc, sizeof(ifc)) < 0) {
			arg_ptr(c, arg);
			return IOCTL_NOTHING;
		}
		sb_puts(&c->args_text, "{ifc_len=");
		if (ifc.ifc_buf)
			ifc_len(&c->args_text, ifc.ifc_len);
		c->scratch[0] = (uint64_t)(int64_t)ifc.ifc_len;
		c->scratch[1] = (uintptr_t)ifc.ifc_buf;
		return IOCTL_SOCK_OUT;
	}
	if (read_mem(c, arg, &ifc, sizeof(ifc)) < 0) {
		/* What was read at entry, then. */
		if (!in_buf)
			ifc_len(&c->args_text, in_len);
		sb_puts(&c->args_text, ", ifc_buf=");
		arg_ptr(c, in_buf);
		sb_putc(&c->args_text, '}');
		return IOCTL_NOTHING;
	}
	if (in_buf && in_len != ifc.ifc_len)
		sb_puts(&c->args_text, " => ");
	if (!in_buf || in_len != ifc.ifc_len)
		ifc_len(&c->args_text, ifc.ifc_len);
	sb_puts(&c->args_text, ", ifc_buf=");
	if (!in_buf || c->failed) {
		arg_ptr(c, in_buf);
		if (in_buf != (uintptr_t)ifc.ifc_buf) {
			sb_puts(&c->args_text, " => ");
			arg_ptr(c, (uintptr_t)ifc.ifc_buf);
		}
	} else {
		arg_array(c, (uintptr_t)ifc.ifc_buf, (unsigned)ifc.ifc_len / sizeof(struct ifreq),
			  sizeof(struct ifreq), print_ifconf_req, NULL);
	}
	sb_putc(&c->args_text, '}');
	return IOCTL_NOTHING;
}

int ioctl_sock(struct call *c, unsigned code, uint64_t arg)
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
				return IOCTL_NOTHING;
			}
			if (code == SIOCGIFNAME)
				sb_printf(&c->args_text, "{ifr_ifindex=%d", r.ifr_ifindex);
			else {
				sb_putc(&c->args_text, '{');
				put_ifr_name(&c->args_text, &r);
			}
			return IOCTL_SOCK_OUT;
		}
		if (!c->failed && read_mem(c, arg, &r, sizeof(r)) == 0)
			ifr_field(&c->args_text, code, &r);
		sb_putc(&c->args_text, '}');
		return IOCTL_NOTHING;
	case SIOCSIFADDR: case SIOCSIFBRDADDR: case SIOCSIFDSTADDR: case SIOCSIFFLAGS:
	case SIOCSIFHWADDR: case SIOCSIFMETRIC: case SIOCSIFMTU: case SIOCSIFNETMASK:
	case SIOCSIFTXQLEN: case SIOCADDMULTI: case SIOCDELMULTI: case SIOCSIFHWBROADCAST:
		arg_sep(c);
		if (read_mem(c, arg, &r, sizeof(r)) < 0) {
			arg_ptr(c, arg);
			return IOCTL_NOTHING;
		}
		sb_putc(&c->args_text, '{');
		put_ifr_name(&c->args_text, &r);
		ifr_field(&c->args_text, code, &r);
		sb_putc(&c->args_text, '}');
		return IOCTL_NOTHING;
	case FIOGETOWN: case SIOCATMARK: case SIOCGIFENCAP: case SIOCGPGRP: case SIOCOUTQNSD:
		if (!c->exiting)
			return IOCTL_SOCK_OUT;
		arg_sep(c);
		ioctl_int_at(c, arg);
		return IOCTL_NOTHING;
	case FIOSETOWN: case SIOCSIFENCAP: case SIOCSPGRP:
		arg_sep(c);
		ioctl_int_at(c, arg);
		return IOCTL_NOTHING;
	}
	arg_sep(c);
	arg_hex(c, arg);
	return IOCTL_NOTHING;
}
