/*
 * decode_sockopt.c - setsockopt and getsockopt: the level, the option's name in that level,
 * and its value: [1] for int options, {l_onoff=1, l_linger=5} for SO_LINGER, a string for
 * anything else, as strace prints them.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode.h"
#include "errnoent.h"
#include "options.h"
#include "quote.h"

#define LEVEL_SOL_SOCKET 1
#define LEVEL_IP 0
#define LEVEL_TCP 6
#define LEVEL_UDP 17
#define LEVEL_IPV6 41

const struct xlat socket_levels[] = {
	XLAT_PAIR(0, "SOL_IP"), XLAT_PAIR(1, "SOL_SOCKET"), XLAT_PAIR(6, "SOL_TCP"),
	XLAT_PAIR(17, "SOL_UDP"), XLAT_PAIR(40, "AF_VSOCK"), XLAT_PAIR(41, "SOL_IPV6"),
	XLAT_PAIR(58, "SOL_ICMPV6"), XLAT_PAIR(100, "SOL_CAN_BASE"), XLAT_PAIR(101, "SOL_CAN_RAW"),
	XLAT_PAIR(132, "SOL_SCTP"), XLAT_PAIR(136, "SOL_UDPLITE"), XLAT_PAIR(255, "SOL_RAW"),
	XLAT_PAIR(256, "SOL_IPX"), XLAT_PAIR(257, "SOL_AX25"), XLAT_PAIR(258, "SOL_ATALK"),
	XLAT_PAIR(259, "SOL_NETROM"), XLAT_PAIR(260, "SOL_ROSE"), XLAT_PAIR(261, "SOL_DECNET"),
	XLAT_PAIR(262, "SOL_X25"), XLAT_PAIR(263, "SOL_PACKET"), XLAT_PAIR(264, "SOL_ATM"),
	XLAT_PAIR(265, "SOL_AAL"), XLAT_PAIR(266, "SOL_IRDA"), XLAT_PAIR(267, "SOL_NETBEUI"),
	XLAT_PAIR(268, "SOL_LLC"), XLAT_PAIR(269, "SOL_DCCP"), XLAT_PAIR(270, "SOL_NETLINK"),
	XLAT_PAIR(271, "SOL_TIPC"), XLAT_PAIR(272, "SOL_RXRPC"), XLAT_PAIR(273, "SOL_PPPOL2TP"),
	XLAT_PAIR(274, "SOL_BLUETOOTH"), XLAT_PAIR(275, "SOL_PNPIPE"), XLAT_PAIR(276, "SOL_RDS"),
	XLAT_PAIR(277, "SOL_IUCV"), XLAT_PAIR(278, "SOL_CAIF"), XLAT_PAIR(279, "SOL_ALG"),
	XLAT_PAIR(280, "SOL_NFC"), XLAT_PAIR(281, "SOL_KCM"), XLAT_PAIR(282, "SOL_TLS"),
	XLAT_PAIR(283, "SOL_XDP"), XLAT_END,
};

/* The generic (asm-generic/socket.h) numbers, which x86_64 and aarch64 share; 26 is
 * SO_ATTACH_FILTER to setsockopt and SO_GET_FILTER to getsockopt. */
static const char *const so_names[] = {
	[1] = "SO_DEBUG", "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE", "SO_BROADCAST",
	"SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY",
	"SO_LINGER", "SO_BSDCOMPAT", "SO_REUSEPORT", "SO_PASSCRED", "SO_PEERCRED", "SO_RCVLOWAT",
	"SO_SNDLOWAT", "SO_RCVTIMEO_OLD", "SO_SNDTIMEO_OLD", "SO_SECURITY_AUTHENTICATION",
	"SO_SECURITY_ENCRYPTION_TRANSPORT", "SO_SECURITY_ENCRYPTION_NETWORK", "SO_BINDTODEVICE",
	NULL, "SO_DETACH_FILTER", "SO_PEERNAME", "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_PEERSEC",
	"SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_PASSSEC", "SO_TIMESTAMPNS_OLD", "SO_MARK",
	"SO_TIMESTAMPING_OLD", "SO_PROTOCOL", "SO_DOMAIN", "SO_RXQ_OVFL", "SO_WIFI_STATUS",
	"SO_PEEK_OFF", "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL",
	"SO_MAX_PACING_RATE", "SO_BPF_EXTENSIONS", "SO_INCOMING_CPU", "SO_ATTACH_BPF",
	"SO_ATTACH_REUSEPORT_CBPF", "SO_ATTACH_REUSEPORT_EBPF", "SO_CNX_ADVICE", NULL, "SO_MEMINFO",
	"SO_INCOMING_NAPI_ID", "SO_COOKIE", NULL, "SO_PEERGROUPS", "SO_ZEROCOPY", "SO_TXTIME",
	"SO_BINDTOIFINDEX", "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW",
	"SO_RCVTIMEO_NEW", "SO_SNDTIMEO_NEW", "SO_DETACH_REUSEPORT_BPF", "SO_PREFER_BUSY_POLL",
	"SO_BUSY_POLL_BUDGET", "SO_NETNS_COOKIE", "SO_BUF_LOCK", "SO_RESERVE_MEM", "SO_TXREHASH",
	"SO_RCVMARK",
};

/* The SOL_SOCKET options strace prints as an int (when the length allows). */
static const unsigned char so_int_like[] = {
	1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35, 36, 37,
	40, 41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75,
};

static const char *const ip_names[] = {
	[1] = "IP_TOS", "IP_TTL", "IP_HDRINCL", "IP_OPTIONS", "IP_ROUTER_ALERT", "IP_RECVOPTS",
	"IP_RETOPTS", "IP_PKTINFO", "IP_PKTOPTIONS", "IP_MTU_DISCOVER", "IP_RECVERR", "IP_RECVTTL",
	"IP_RECVTOS", "IP_MTU", "IP_FREEBIND", "IP_IPSEC_POLICY", "IP_XFRM_POLICY", "IP_PASSSEC",
	"IP_TRANSPARENT", "IP_ORIGDSTADDR", "IP_MINTTL", "IP_NODEFRAG", "IP_CHECKSUM",
	"IP_BIND_ADDRESS_NO_PORT", "IP_RECVFRAGSIZE", "IP_RECVERR_RFC4884",
	[32] = "IP_MULTICAST_IF", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP",
	"IP_DROP_MEMBERSHIP", "IP_UNBLOCK_SOURCE", "IP_BLOCK_SOURCE", "IP_ADD_SOURCE_MEMBERSHIP",
	"IP_DROP_SOURCE_MEMBERSHIP", "IP_MSFILTER", "MCAST_JOIN_GROUP", "MCAST_BLOCK_SOURCE",
	"MCAST_UNBLOCK_SOURCE", "MCAST_LEAVE_GROUP", "MCAST_JOIN_SOURCE_GROUP",
	"MCAST_LEAVE_SOURCE_GROUP", "MCAST_MSFILTER", "IP_MULTICAST_ALL", "IP_UNICAST_IF",
};

static const char *const ipv6_names[] = {
	[1] = "IPV6_ADDRFORM", "IPV6_2292PKTINFO", "IPV6_2292HOPOPTS", "IPV6_2292DSTOPTS",
	"IPV6_2292RTHDR", "IPV6_2292PKTOPTIONS", "IPV6_CHECKSUM", "IPV6_2292HOPLIMIT",
	"IPV6_NEXTHOP", "IPV6_AUTHHDR", "IPV6_FLOWINFO",
	[16] = "IPV6_UNICAST_HOPS", "IPV6_MULTICAST_IF", "IPV6_MULTICAST_HOPS",
	"IPV6_MULTICAST_LOOP", "IPV6_ADD_MEMBERSHIP", "IPV6_DROP_MEMBERSHIP", "IPV6_ROUTER_ALERT",
	"IPV6_MTU_DISCOVER", "IPV6_MTU", "IPV6_RECVERR", "IPV6_V6ONLY", "IPV6_JOIN_ANYCAST",
	"IPV6_LEAVE_ANYCAST", "IPV6_MULTICAST_ALL", "IPV6_ROUTER_ALERT_ISOLATE",
	"IPV6_RECVERR_RFC4884", "IPV6_FLOWLABEL_MGR", "IPV6_FLOWINFO_SEND", "IPV6_IPSEC_POLICY",
	"IPV6_XFRM_POLICY", "IPV6_HDRINCL",
	[42] = "MCAST_JOIN_GROUP", "MCAST_BLOCK_SOURCE", "MCAST_UNBLOCK_SOURCE",
	"MCAST_LEAVE_GROUP", "MCAST_JOIN_SOURCE_GROUP", "MCAST_LEAVE_SOURCE_GROUP",
	"MCAST_MSFILTER", "IPV6_RECVPKTINFO", "IPV6_PKTINFO", "IPV6_RECVHOPLIMIT", "IPV6_HOPLIMIT",
	"IPV6_RECVHOPOPTS", "IPV6_HOPOPTS", "IPV6_RTHDRDSTOPTS", "IPV6_RECVRTHDR", "IPV6_RTHDR",
	"IPV6_RECVDSTOPTS", "IPV6_DSTOPTS", "IPV6_RECVPATHMTU", "IPV6_PATHMTU", "IPV6_DONTFRAG",
	"IPV6_USE_MIN_MTU",
	[66] = "IPV6_RECVTCLASS", "IPV6_TCLASS",
	[70] = "IPV6_AUTOFLOWLABEL", [72] = "IPV6_ADDR_PREFERENCES", "IPV6_MINHOPCOUNT",
	"IPV6_ORIGDSTADDR", "IPV6_TRANSPARENT", "IPV6_UNICAST_IF", "IPV6_RECVFRAGSIZE",
	"IPV6_FREEBIND",
};

static const char *const tcp_names[] = {
	[1] = "TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK", "TCP_KEEPIDLE", "TCP_KEEPINTVL",
	"TCP_KEEPCNT", "TCP_SYNCNT", "TCP_LINGER2", "TCP_DEFER_ACCEPT", "TCP_WINDOW_CLAMP",
	"TCP_INFO", "TCP_QUICKACK", "TCP_CONGESTION", "TCP_MD5SIG", "TCP_COOKIE_TRANSACTIONS",
	"TCP_THIN_LINEAR_TIMEOUTS", "TCP_THIN_DUPACK", "TCP_USER_TIMEOUT", "TCP_REPAIR",
	"TCP_REPAIR_QUEUE", "TCP_QUEUE_SEQ", "TCP_REPAIR_OPTIONS", "TCP_FASTOPEN", "TCP_TIMESTAMP",
	"TCP_NOTSENT_LOWAT", "TCP_CC_INFO", "TCP_SAVE_SYN", "TCP_SAVED_SYN", "TCP_REPAIR_WINDOW",
	"TCP_FASTOPEN_CONNECT", "TCP_ULP", "TCP_MD5SIG_EXT", "TCP_FASTOPEN_KEY",
	"TCP_FASTOPEN_NO_COOKIE", "TCP_ZEROCOPY_RECEIVE", "TCP_INQ", "TCP_TX_DELAY",
};

static const struct xlat udp_names[] = {
	XLAT_PAIR(1, "UDP_CORK"), XLAT_PAIR(100, "UDP_ENCAP"), XLAT_PAIR(101, "UDP_NO_CHECK6_TX"),
	XLAT_PAIR(102, "UDP_NO_CHECK6_RX"), XLAT_PAIR(103, "UDP_SEGMENT"), XLAT_PAIR(104, "UDP_GRO"),
	XLAT_END,
};

#define NAMED(t, v) ((v) < sizeof(t) / sizeof((t)[0]) ? (t)[v] : NULL)

static int so_is_int(unsigned name)
{
	size_t i;

	for (i = 0; i < sizeof(so_int_like); i++)
		if (so_int_like[i] == name)
			return 1;
	return 0;
}

static void option_name(struct call *c, unsigned level, unsigned name, int get)
{
	const char *s = NULL, *dflt = NULL;

	switch (level) {
	case LEVEL_SOL_SOCKET:
		s = name == 26 ? (get ? "SO_GET_FILTER" : "SO_ATTACH_FILTER") : NAMED(so_names, name);
		dflt = "SO_???";
		break;
	case LEVEL_IP:
		s = NAMED(ip_names, name);
		dflt = "IP_???";
		break;
	case LEVEL_IPV6:
		s = NAMED(ipv6_names, name);
		dflt = "IPV6_???";
		break;
	case LEVEL_TCP:
		s = NAMED(tcp_names, name);
		dflt = "TCP_???";
		break;
	case LEVEL_UDP:
		s = xlat_name(udp_names, name);
		dflt = "UDP_???";
		break;
	}
	if (s)
		sb_puts(&c->args_text, s);
	else if (dflt)
		sb_printf(&c->args_text, "%#x /* %s */", name, dflt);
	else
		sb_printf(&c->args_text, "%u", name);
}

/* fd, level, name: the common start of both calls. */
static void fd_level_name(struct call *c, int get)
{
	unsigned level = (unsigned)c->args[1];

	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_xval(c, socket_levels, level, "SOL_??");
	arg_sep(c);
	option_name(c, level, (unsigned)c->args[2], get);
	arg_sep(c);
}

static void hex_string(struct call *c, uint64_t addr, int len)
{
	unsigned char buf[64];
	size_t n = (size_t)len < opt.string_limit ? (size_t)len : opt.string_limit, want;

	if (n > sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	want = (size_t)len > n ? n + 1 : n; /* as arg_buf: one byte more than shown */
	if (read_mem(c, addr, buf, want) < 0)
		arg_ptr(c, addr);
	else
		quote_hex(&c->args_text, buf, n, (size_t)len > n);
}

/* A struct of int fields, of which `len` bytes are valid: a cut field shows as hex bytes. */
static void int_fields(struct call *c, uint64_t addr, int len, const char *const *names,
		       int nfields, const char *fmt)
{
	int v[4], i;

	if (len > nfields * 4)
		len = nfields * 4;
	if (read_mem(c, addr, v, len) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_putc(&c->args_text, '{');
	for (i = 0; i < nfields && len > i * 4; i++) {
		if (i)
			arg_sep(c);
		sb_printf(&c->args_text, "%s=", names[i]);
		if (len >= (i + 1) * 4)
			sb_printf(&c->args_text, i ? fmt : "%d", v[i]);
		else
			quote_hex(&c->args_text, &v[i], len - i * 4, 0);
	}
	sb_putc(&c->args_text, '}');
}

static const char *const linger_fields[] = { "l_onoff", "l_linger" };
static const char *const ucred_fields[] = { "pid", "uid", "gid" };

/* {imr_multiaddr=inet_addr("224.0.0.1"), imr_interface=inet_addr("0.0.0.0")} */
static void ip_mreq(struct call *c, uint64_t addr, int len)
{
	struct ip_mreq m;
	char a[INET_ADDRSTRLEN], i[INET_ADDRSTRLEN];

	if (len < (int)sizeof(m) || read_mem(c, addr, &m, sizeof(m)) < 0) {
		arg_ptr(c, addr);
		return;
	}
	inet_ntop(AF_INET, &m.imr_multiaddr, a, sizeof(a));
	inet_ntop(AF_INET, &m.imr_interface, i, sizeof(i));
	sb_printf(&c->args_text, "{imr_multiaddr=inet_addr(\"%s\"), imr_interface=inet_addr(\"%s\")}",
		  a, i);
}

static void ipv6_mreq(struct call *c, uint64_t addr, int len)
{
	struct ipv6_mreq m;
	char a[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];

	if (len < (int)sizeof(m) || read_mem(c, addr, &m, sizeof(m)) < 0) {
		arg_ptr(c, addr);
		return;
	}
	inet_ntop(AF_INET6, &m.ipv6mr_multiaddr, a, sizeof(a));
	sb_printf(&c->args_text, "{inet_pton(AF_INET6, \"%s\", &ipv6mr_multiaddr), "
		  "ipv6mr_interface=", a);
	if (if_indextoname(m.ipv6mr_interface, ifname))
		sb_printf(&c->args_text, "if_nametoindex(\"%s\")}", ifname);
	else
		sb_printf(&c->args_text, "%u}", m.ipv6mr_interface);
}

static void setsockopt_value(struct call *c, unsigned level, unsigned name, uint64_t addr,
			     int len)
{
	if (addr && level == LEVEL_SOL_SOCKET) {
		if (name == SO_LINGER) {
			if (len < (int)sizeof(struct linger))
				arg_ptr(c, addr);
			else
				int_fields(c, addr, 8, linger_fields, 2, "%d");
			return;
		}
		if (so_is_int(name)) {
			if (len < (int)sizeof(int))
				arg_ptr(c, addr);
			else
				arg_int_at(c, addr);
			return;
		}
	}
	if (addr && level == LEVEL_IP && (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)) {
		ip_mreq(c, addr, len);
		return;
	}
	if (addr && level == LEVEL_IPV6 && (name == IPV6_ADD_MEMBERSHIP ||
	    name == IPV6_DROP_MEMBERSHIP || name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)) {
		ipv6_mreq(c, addr, len);
		return;
	}
	if (len == (int)sizeof(int))
		arg_int_at(c, addr);
	else
		arg_buf(c, addr, (uint64_t)(int64_t)len);
}

void decode_setsockopt(struct call *c)
{
	int len = (int)c->args[4];

	if (c->exiting)
		return;
	fd_level_name(c, 0);
	setsockopt_value(c, (unsigned)c->args[1], (unsigned)c->args[2], c->args[3], len);
	arg_sep(c);
	arg_int(c, c->args[4]);
}

/* SO_ERROR's value is an errno: [ECONNREFUSED]. */
static void so_error(struct call *c, uint64_t addr, int len)
{
	int err;
	const char *name;

	if (len < (int)sizeof(int)) {
		hex_string(c, addr, len);
		return;
	}
	if (read_int(c, addr, &err) < 0) {
		arg_ptr(c, addr);
		return;
	}
	name = errno_name(err);
	if (name && err > 0)
		sb_printf(&c->args_text, "[%s]", name);
	else
		sb_printf(&c->args_text, "[%u]", (unsigned)err);
}

static void getsockopt_value(struct call *c, unsigned level, unsigned name, uint64_t addr,
			     int ulen, int rlen)
{
	if (ulen <= 0 || rlen <= 0) {
		arg_ptr(c, addr);
		return;
	}
	if (addr && level == LEVEL_SOL_SOCKET) {
		switch (name) {
		case SO_LINGER:
			int_fields(c, addr, rlen, linger_fields, 2, "%d");
			return;
		case SO_PEERCRED:
			int_fields(c, addr, rlen, ucred_fields, 3, "%u");
			return;
		case SO_ERROR:
			so_error(c, addr, rlen);
			return;
		}
		if (so_is_int(name)) {
			if (rlen >= (int)sizeof(int))
				arg_int_at(c, addr);
			else
				hex_string(c, addr, rlen);
			return;
		}
	}
	if (rlen == (int)sizeof(int))
		arg_int_at(c, addr);
	else
		arg_buf(c, addr, (uint64_t)rlen);
}

/* getsockopt(fd, level, name, value, &len): the length the caller offered is read at entry;
 * at exit "[64 => 4]" when the kernel changed it. */
void decode_getsockopt(struct call *c)
{
	int ulen, rlen;

	if (!c->exiting) {
		fd_level_name(c, 1);
		c->saved[1] = read_int(c, c->args[4], &ulen) == 0;
		c->saved[0] = (uint64_t)(unsigned)ulen;
		if (!c->saved[1]) {
			arg_ptr(c, c->args[3]);
			arg_sep(c);
			arg_ptr(c, c->args[4]);
		}
		return;
	}
	if (!c->saved[1])
		return;
	ulen = (int)c->saved[0];
	if (c->failed || read_int(c, c->args[4], &rlen) < 0) {
		arg_ptr(c, c->args[3]);
		sb_printf(&c->args_text, ", [%d]", ulen);
		return;
	}
	getsockopt_value(c, (unsigned)c->args[1], (unsigned)c->args[2], c->args[3], ulen, rlen);
	if (ulen != rlen)
		sb_printf(&c->args_text, ", [%d => %d]", ulen, rlen);
	else
		sb_printf(&c->args_text, ", [%d]", rlen);
}
