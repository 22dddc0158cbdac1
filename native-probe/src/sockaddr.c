/* sockaddr.c - see sockaddr.h. */
#define _GNU_SOURCE
#include "sockaddr.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "quote.h"
#include "tmem.h"

const struct xlat address_families[] = {
	XLAT(AF_UNSPEC), XLAT(AF_UNIX), XLAT(AF_INET), XLAT(AF_AX25), XLAT(AF_IPX),
	XLAT(AF_APPLETALK), XLAT(AF_NETROM), XLAT(AF_BRIDGE), XLAT(AF_ATMPVC), XLAT(AF_X25),
	XLAT(AF_INET6), XLAT(AF_ROSE), XLAT(AF_DECnet), XLAT(AF_NETBEUI), XLAT(AF_SECURITY),
	XLAT(AF_KEY), XLAT(AF_NETLINK), XLAT(AF_PACKET), XLAT(AF_ASH), XLAT(AF_ECONET),
	XLAT(AF_ATMSVC), XLAT(AF_RDS), XLAT(AF_SNA), XLAT(AF_IRDA), XLAT(AF_PPPOX), XLAT(AF_WANPIPE),
	XLAT(AF_LLC), XLAT(AF_IB), XLAT(AF_MPLS), XLAT(AF_CAN), XLAT(AF_TIPC), XLAT(AF_BLUETOOTH),
	XLAT(AF_IUCV), XLAT(AF_RXRPC), XLAT(AF_ISDN), XLAT(AF_PHONET), XLAT(AF_IEEE802154),
	XLAT(AF_CAIF), XLAT(AF_ALG), XLAT(AF_NFC), XLAT(AF_VSOCK), XLAT(AF_KCM), XLAT(AF_QIPCRTR),
	XLAT(AF_SMC), XLAT(AF_XDP), XLAT_PAIR(45, "AF_MCTP"), XLAT_END,
};

static void family(struct strbuf *b, unsigned fam)
{
	sb_puts(b, "{sa_family=");
	sb_enum(b, address_families, fam, "AF_???");
}

static void inet4(struct strbuf *b, const struct sockaddr_in *in)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
	sb_printf(b, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}", ntohs(in->sin_port), ip);
}

/* sin6_scope_id names its interface for link-local addresses, as strace does. */
static void inet6(struct strbuf *b, const struct sockaddr_in6 *in6, int len)
{
	char ip[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];
	const struct in6_addr *a = &in6->sin6_addr;

	inet_ntop(AF_INET6, a, ip, sizeof(ip));
	sb_printf(b, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		  "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
		  ntohs(in6->sin6_port), ntohl(in6->sin6_flowinfo), ip);
	if (len >= (int)sizeof(*in6)) {
		if ((IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_MC_LINKLOCAL(a)) &&
		    if_indextoname(in6->sin6_scope_id, ifname))
			sb_printf(b, ", sin6_scope_id=if_nametoindex(\"%s\")", ifname);
		else
			sb_printf(b, ", sin6_scope_id=%u", in6->sin6_scope_id);
	}
	sb_putc(b, '}');
}

static void unix_path(struct strbuf *b, const struct sockaddr_un *un, int len)
{
	int n = len - (int)offsetof(struct sockaddr_un, sun_path);

	if (n <= 0) {
		sb_putc(b, '}');
		return;
	}
	sb_puts(b, ", sun_path=");
	if (un->sun_path[0] == '\0') {
		/* Linux's abstract namespace: a leading NUL, then exactly n - 1 bytes. */
		sb_putc(b, '@');
		quote_bytes(b, un->sun_path + 1, n - 1, 0);
	} else {
		quote_cstring(b, un->sun_path, n, 0);
	}
	sb_putc(b, '}');
}

void sb_sockaddr(struct strbuf *b, const void *buf, int n)
{
	const struct sockaddr *sa = buf;

	family(b, sa->sa_family);
	if (n <= (int)sizeof(sa_family_t))
		sb_putc(b, '}');
	else if (sa->sa_family == AF_INET && n >= (int)sizeof(struct sockaddr_in))
		inet4(b, (const struct sockaddr_in *)sa);
	else if (sa->sa_family == AF_INET6 && n >= (int)offsetof(struct sockaddr_in6, sin6_scope_id))
		inet6(b, (const struct sockaddr_in6 *)sa, n);
	else if (sa->sa_family == AF_UNIX)
		unix_path(b, (const struct sockaddr_un *)sa, n);
	else if (sa->sa_family == AF_NETLINK && n >= (int)sizeof(struct sockaddr_nl))
		sb_printf(b, ", nl_pid=%u, nl_groups=%#08x}", ((const struct sockaddr_nl *)sa)->nl_pid,
			  ((const struct sockaddr_nl *)sa)->nl_groups);
	else {
		/* Raw bytes, whole: strace does not cut an address at -s. */
		sb_puts(b, ", sa_data=");
		quote_bytes(b, sa->sa_data, n - (int)offsetof(struct sockaddr, sa_data), 0);
		sb_putc(b, '}');
	}
}

void arg_sockaddr(struct call *c, uint64_t addr, int len)
{
	struct sockaddr_storage ss;
	int n = len;

	if (!addr) {
		sb_puts(&c->args_text, "NULL");
		return;
	}
	if (n > (int)sizeof(ss))
		n = sizeof(ss);
	if (n < (int)sizeof(sa_family_t) || tmem_read(c->tid, addr, &ss, n) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_sockaddr(&c->args_text, &ss, n);
}
