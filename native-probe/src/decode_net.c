/* decode_net.c - socket syscalls: socket, bind, connect, listen, accept*, recvfrom, sendto ... */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "decode.h"
#include "sockaddr.h"
#include "xlat.h"

static const struct xlat socket_types[] = {
	XLAT(SOCK_STREAM), XLAT(SOCK_DGRAM), XLAT(SOCK_RAW), XLAT(SOCK_RDM), XLAT(SOCK_SEQPACKET),
	XLAT(SOCK_DCCP), XLAT(SOCK_PACKET), XLAT_END,
};

static const struct xlat socket_flags[] = { XLAT(SOCK_CLOEXEC), XLAT(SOCK_NONBLOCK), XLAT_END };

static const struct xlat inet_protocols[] = {
	XLAT(IPPROTO_IP), XLAT(IPPROTO_ICMP), XLAT(IPPROTO_IGMP), XLAT(IPPROTO_IPIP),
	XLAT(IPPROTO_TCP), XLAT(IPPROTO_EGP), XLAT(IPPROTO_PUP), XLAT(IPPROTO_UDP), XLAT(IPPROTO_IDP),
	XLAT(IPPROTO_TP), XLAT(IPPROTO_DCCP), XLAT(IPPROTO_IPV6), XLAT(IPPROTO_RSVP),
	XLAT(IPPROTO_GRE), XLAT(IPPROTO_ESP), XLAT(IPPROTO_AH), XLAT(IPPROTO_ICMPV6),
	XLAT(IPPROTO_MTP), XLAT(IPPROTO_BEETPH), XLAT(IPPROTO_ENCAP), XLAT(IPPROTO_PIM),
	XLAT(IPPROTO_COMP), XLAT_PAIR(115, "IPPROTO_L2TP"), XLAT(IPPROTO_SCTP), XLAT(IPPROTO_UDPLITE),
	XLAT(IPPROTO_MPLS), XLAT(IPPROTO_ETHERNET), XLAT(IPPROTO_RAW), XLAT(IPPROTO_MPTCP), XLAT_END,
};

static const struct xlat netlink_protocols[] = {
	XLAT(NETLINK_ROUTE), XLAT(NETLINK_UNUSED), XLAT(NETLINK_USERSOCK), XLAT(NETLINK_FIREWALL),
	XLAT(NETLINK_SOCK_DIAG), XLAT(NETLINK_NFLOG), XLAT(NETLINK_XFRM), XLAT(NETLINK_SELINUX),
	XLAT(NETLINK_ISCSI), XLAT(NETLINK_AUDIT), XLAT(NETLINK_FIB_LOOKUP), XLAT(NETLINK_CONNECTOR),
	XLAT(NETLINK_NETFILTER), XLAT(NETLINK_IP6_FW), XLAT(NETLINK_DNRTMSG),
	XLAT(NETLINK_KOBJECT_UEVENT), XLAT(NETLINK_GENERIC), XLAT(NETLINK_SCSITRANSPORT),
	XLAT(NETLINK_ECRYPTFS), XLAT(NETLINK_RDMA), XLAT(NETLINK_CRYPTO), XLAT(NETLINK_SMC), XLAT_END,
};

/* strace's order is numeric here; the kernel's MSG_* values (some are not in libc). */
const struct xlat msg_flags[] = {
	XLAT(MSG_OOB), XLAT(MSG_PEEK), XLAT(MSG_DONTROUTE), XLAT(MSG_CTRUNC), XLAT_PAIR(0x10, "MSG_PROBE"),
	XLAT(MSG_TRUNC), XLAT(MSG_DONTWAIT), XLAT(MSG_EOR), XLAT(MSG_WAITALL), XLAT(MSG_FIN),
	XLAT(MSG_SYN), XLAT(MSG_CONFIRM), XLAT(MSG_RST), XLAT(MSG_ERRQUEUE), XLAT(MSG_NOSIGNAL),
	XLAT(MSG_MORE), XLAT(MSG_WAITFORONE), XLAT_PAIR(0x20000, "MSG_SENDPAGE_NOTLAST"),
	XLAT(MSG_BATCH), XLAT_PAIR(0x80000, "MSG_NO_SHARED_FRAGS"), XLAT(MSG_ZEROCOPY),
	XLAT(MSG_FASTOPEN), XLAT(MSG_CMSG_CLOEXEC), XLAT_PAIR(0x80000000u, "MSG_CMSG_COMPAT"), XLAT_END,
};

/* AF_PACKET protocols are ethertypes in network byte order. */
static const struct xlat ethertypes[] = {
	XLAT_PAIR(0x0003, "ETH_P_ALL"), XLAT_PAIR(0x0800, "ETH_P_IP"), XLAT_PAIR(0x0806, "ETH_P_ARP"),
	XLAT_PAIR(0x8100, "ETH_P_8021Q"), XLAT_PAIR(0x86DD, "ETH_P_IPV6"), XLAT_END,
};

static const struct xlat shutdown_modes[] = {
	XLAT(SHUT_RD), XLAT(SHUT_WR), XLAT(SHUT_RDWR), XLAT_END,
};

static void socket_type(struct strbuf *b, unsigned type)
{
	const char *name = xlat_name(socket_types, type & 0xf);

	if (!name) {
		sb_flags(b, socket_flags, type, "SOCK_???");
		return;
	}
	sb_puts(b, name);
	if (type & ~0xfu) {
		sb_putc(b, '|');
		sb_flags(b, socket_flags, type & ~0xfu, "SOCK_???");
	}
}

void decode_socket(struct call *c)
{
	unsigned domain = (unsigned)c->args[0], proto = (unsigned)c->args[2];
	const char *name = NULL;

	if (c->exiting)
		return;
	sb_enum(&c->args_text, address_families, domain, "AF_???");
	arg_sep(c);
	socket_type(&c->args_text, (unsigned)c->args[1]);
	arg_sep(c);
	if (domain == AF_INET || domain == AF_INET6) {
		sb_enum(&c->args_text, inet_protocols, c->args[2], "IPPROTO_???");
	} else if (domain == AF_NETLINK) {
		sb_enum(&c->args_text, netlink_protocols, c->args[2], "NETLINK_???");
	} else if (domain == AF_PACKET) {
		name = xlat_name(ethertypes, ntohs((uint16_t)proto));
		if (name)
			sb_printf(&c->args_text, "htons(%s)", name);
		else
			sb_printf(&c->args_text, "htons(%#x /* ETH_P_??? */)", ntohs((uint16_t)proto));
	} else {
		sb_printf(&c->args_text, "%llu", (unsigned long long)c->args[2]);
	}
}

/* socketpair(domain, type, protocol, sv): the pair is known at exit. */
void decode_socketpair(struct call *c)
{
	if (!c->exiting) {
		sb_enum(&c->args_text, address_families, c->args[0], "AF_???");
		arg_sep(c);
		socket_type(&c->args_text, (unsigned)c->args[1]);
		arg_sep(c);
		arg_uint(c, c->args[2]);
		arg_sep(c);
		return;
	}
	arg_fd_pair(c, c->args[3]);
}

/* bind, connect: fd, address, length. */
void decode_bind(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_sockaddr(c, c->args[1], (int)c->args[2]);
	arg_sep(c);
	arg_int(c, c->args[2]);
}

void decode_listen(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_int(c, c->args[1]);
}

void decode_shutdown(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	sb_enum(&c->args_text, shutdown_modes, c->args[1], "SHUT_???");
}

/* The size of an address buffer the kernel fills in, as the caller offered it: only when both
 * pointers are set and the size can be read (saved[1]); saved[0] keeps it for the exit stop. */
static int remember_addrlen(struct call *c, uint64_t addr, uint64_t lenp)
{
	int in = 0;

	c->saved[1] = addr && read_int(c, lenp, &in) == 0;
	c->saved[0] = (uint64_t)(unsigned)in;
	return (int)c->saved[1];
}

/* Exit half: "{sa_family=...}, [in => out]", [out] when the size did not change, or the
 * address and [in] when the call failed. */
static void sockaddr_out(struct call *c, uint64_t addr, uint64_t lenp)
{
	int in = (int)c->saved[0], out;

	if (c->failed || read_int(c, lenp, &out) < 0) {
		arg_ptr(c, addr);
		sb_printf(&c->args_text, ", [%d]", in);
		return;
	}
	arg_sockaddr(c, addr, in > out ? out : in);
	if (in != out)
		sb_printf(&c->args_text, ", [%d => %d]", in, out);
	else
		sb_printf(&c->args_text, ", [%d]", out);
}

/* accept, getsockname, getpeername: fd, then the address the kernel fills in. */
void decode_sockname(struct call *c)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		if (!remember_addrlen(c, c->args[1], c->args[2])) {
			arg_ptr(c, c->args[1]);
			arg_sep(c);
			arg_ptr(c, c->args[2]);
		}
		return;
	}
	if (c->saved[1])
		sockaddr_out(c, c->args[1], c->args[2]);
}

void decode_accept4(struct call *c)
{
	decode_sockname(c);
	if (c->exiting) {
		arg_sep(c);
		sb_flags(&c->args_text, socket_flags, c->args[3], "SOCK_???");
	}
}

void decode_sendto(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_buf(c, c->args[1], c->args[2]);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	arg_sep(c);
	sb_flags(&c->args_text, msg_flags, c->args[3], "MSG_???");
	arg_sep(c);
	arg_sockaddr(c, c->args[4], (int)c->args[5]);
	arg_sep(c);
	arg_int(c, c->args[5]);
}

void decode_recvfrom(struct call *c)
{
	int out;

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		remember_addrlen(c, c->args[4], c->args[5]);
		return;
	}
	arg_sep(c);
	arg_buf_out(c, c->args[1], c->args[2]);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	arg_sep(c);
	sb_flags(&c->args_text, msg_flags, c->args[3], "MSG_???");
	arg_sep(c);
	/* strace looks at the pointers again at exit. */
	if (!c->args[4] || read_int(c, c->args[5], &out) < 0) {
		arg_ptr(c, c->args[4]);
		arg_sep(c);
		arg_ptr(c, c->args[5]);
		return;
	}
	sockaddr_out(c, c->args[4], c->args[5]);
}
