/*
 * sockinfo.c - see sockinfo.h. One NETLINK_SOCK_DIAG socket per question, closed after it: a
 * dump may stop being read half way once the inode is found.
 */
#define _GNU_SOURCE
#include "sockinfo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "quote.h"
#include "strbuf.h"

#define CACHE_SIZE 1024u /* strace's: texts by inode, a colliding inode replaces the older one */

struct cached {
	unsigned long inode;
	char *text;
};

static struct cached cache[CACHE_SIZE];

typedef int parse_fn(const void *msg, size_t len, unsigned long inode, const char *proto,
		     struct strbuf *out);
typedef int query_fn(int nl, int family, int protocol, unsigned long inode);

struct proto {
	const char *name;      /* the kernel's sockprotoname */
	int family;
	int protocol;
	query_fn *query;
	parse_fn *parse;
};

static query_fn inet_query, unix_query, netlink_query;
static parse_fn inet_parse, unix_parse, netlink_parse;

/* strace's list, in its order: an unknown protocol name tries every row in turn. */
static const struct proto protos[] = {
	{ "UNIX", AF_UNIX, 0, unix_query, unix_parse },
	{ "UNIX-STREAM", AF_UNIX, 0, unix_query, unix_parse },
	{ "TCP", AF_INET, IPPROTO_TCP, inet_query, inet_parse },
	{ "UDP", AF_INET, IPPROTO_UDP, inet_query, inet_parse },
	{ "UDPLITE", AF_INET, IPPROTO_UDPLITE, inet_query, inet_parse },
	{ "DCCP", AF_INET, IPPROTO_DCCP, inet_query, inet_parse },
	{ "SCTP", AF_INET, IPPROTO_SCTP, inet_query, inet_parse },
	{ "L2TP/IP", AF_INET, 115 /* IPPROTO_L2TP */, inet_query, inet_parse },
	{ "PING", AF_INET, IPPROTO_ICMP, inet_query, inet_parse },
	{ "RAW", AF_INET, IPPROTO_RAW, inet_query, inet_parse },
	{ "TCPv6", AF_INET6, IPPROTO_TCP, inet_query, inet_parse },
	{ "UDPv6", AF_INET6, IPPROTO_UDP, inet_query, inet_parse },
	{ "UDPLITEv6", AF_INET6, IPPROTO_UDPLITE, inet_query, inet_parse },
	{ "DCCPv6", AF_INET6, IPPROTO_DCCP, inet_query, inet_parse },
	{ "SCTPv6", AF_INET6, IPPROTO_SCTP, inet_query, inet_parse },
	{ "L2TP/IPv6", AF_INET6, 115, inet_query, inet_parse },
	{ "PINGv6", AF_INET6, IPPROTO_ICMP, inet_query, inet_parse },
	{ "RAWv6", AF_INET6, IPPROTO_RAW, inet_query, inet_parse },
	{ "NETLINK", AF_NETLINK, 0, netlink_query, netlink_parse },
};

#define NPROTOS (sizeof(protos) / sizeof(protos[0]))

/* Netlink protocol numbers as strace names them after NETLINK:[ */
static const char *const netlink_names[] = {
	"ROUTE", "UNUSED", "USERSOCK", "FIREWALL", "SOCK_DIAG", "NFLOG", "XFRM", "SELINUX",
	"ISCSI", "AUDIT", "FIB_LOOKUP", "CONNECTOR", "NETFILTER", "IP6_FW", "DNRTMSG",
	"KOBJECT_UEVENT", "GENERIC", NULL, "SCSITRANSPORT", "ECRYPTFS", "RDMA", "CRYPTO", "SMC",
};

static int send_request(int nl, void *req, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	do
		n = sendto(nl, req, len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
	while (n < 0 && errno == EINTR);
	return n < 0 ? -1 : 0;
}

static int inet_query(int nl, int family, int protocol, unsigned long inode)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} q = {
		.nlh = { .nlmsg_len = sizeof(q), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_DUMP | NLM_F_REQUEST },
		.req = { .sdiag_family = family, .sdiag_protocol = protocol, .idiag_states = ~0u },
	};

	(void)inode; /* inet_diag has no lookup by inode: dump them all */
	return send_request(nl, &q, sizeof(q));
}

/* "TCP:[src:port]" or "TCP:[src:port->dst:port]"; IPv6 addresses in brackets. */
static int inet_parse(const void *msg, size_t len, unsigned long inode, const char *proto,
		      struct strbuf *out)
{
	static const unsigned char zero[16];
	const struct inet_diag_msg *m = msg;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	const char *ob = "", *cb = "";
	size_t alen = 4;

	if (len < sizeof(*m))
		return -1;
	if (m->idiag_inode != inode)
		return 0;
	if (m->idiag_family == AF_INET6) {
		ob = "[";
		cb = "]";
		alen = 16;
	} else if (m->idiag_family != AF_INET) {
		return -1;
	}
	if (!inet_ntop(m->idiag_family, m->id.idiag_src, src, sizeof(src)))
		return -1;
	sb_printf(out, "%s:[%s%s%s:%u", proto, ob, src, cb, ntohs(m->id.idiag_sport));
	if (m->id.idiag_dport || memcmp(m->id.idiag_dst, zero, alen) != 0) {
		if (!inet_ntop(m->idiag_family, m->id.idiag_dst, dst, sizeof(dst)))
			return -1;
		sb_printf(out, "->%s%s%s:%u", ob, dst, cb, ntohs(m->id.idiag_dport));
	}
	sb_putc(out, ']');
	return 1;
}

static int unix_query(int nl, int family, int protocol, unsigned long inode)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} q = {
		.nlh = { .nlmsg_len = sizeof(q), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST },
		.req = { .sdiag_family = AF_UNIX, .udiag_ino = (unsigned)inode, .udiag_states = ~0u,
			 .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			 .udiag_cookie = { ~0u, ~0u } },
	};

	(void)family;
	(void)protocol;
	return send_request(nl, &q, sizeof(q));
}

/* "UNIX-STREAM:[inode->peer,"path"]": the peer and the path when there are any. */
static int unix_parse(const void *msg, size_t len, unsigned long inode, const char *proto,
		      struct strbuf *out)
{
	const struct unix_diag_msg *m = msg;
	const struct rtattr *a;
	const char *path = NULL;
	size_t path_len = 0;
	uint32_t peer = 0;
	int left;

	if (len < sizeof(*m))
		return -1;
	if (m->udiag_ino != inode)
		return 0;
	if (m->udiag_family != AF_UNIX)
		return -1;
	left = (int)(len - NLMSG_ALIGN(sizeof(*m)));
	for (a = (const struct rtattr *)(m + 1); RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_NAME && !path) {
			path = RTA_DATA(a);
			path_len = RTA_PAYLOAD(a);
			if (path_len > 108)
				path_len = 108;
		} else if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4) {
			memcpy(&peer, RTA_DATA(a), sizeof(peer));
		}
	}
	if (!peer && !path_len)
		return -1; /* nothing to say beyond the fallback */
	sb_printf(out, "%s:[%lu", proto, inode);
	if (peer)
		sb_printf(out, "->%u", peer);
	if (path_len) {
		sb_putc(out, ',');
		if (path[0] == '\0') {
			sb_putc(out, '@');
			quote_cstring(out, path + 1, path_len - 1, 0);
		} else {
			quote_cstring(out, path, path_len, 0);
		}
	}
	sb_putc(out, ']');
	return 1;
}

static int netlink_query(int nl, int family, int protocol, unsigned long inode)
{
	struct {
		struct nlmsghdr nlh;
		struct netlink_diag_req req;
	} q = {
		.nlh = { .nlmsg_len = sizeof(q), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_DUMP | NLM_F_REQUEST },
		.req = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL },
	};

	(void)family;
	(void)protocol;
	(void)inode;
	return send_request(nl, &q, sizeof(q));
}

/* "NETLINK:[ROUTE:portid]", or "NETLINK:[protocol]" for a protocol without a name. */
static int netlink_parse(const void *msg, size_t len, unsigned long inode, const char *proto,
			 struct strbuf *out)
{
	const struct netlink_diag_msg *m = msg;
	const char *name = NULL;

	if (len < sizeof(*m))
		return -1;
	if (m->ndiag_ino != inode)
		return 0;
	if (m->ndiag_family != AF_NETLINK)
		return -1;
	if (m->ndiag_protocol < sizeof(netlink_names) / sizeof(netlink_names[0]))
		name = netlink_names[m->ndiag_protocol];
	if (name)
		sb_printf(out, "%s:[%s:%u]", proto, name, m->ndiag_portid);
	else
		sb_printf(out, "%s:[%u]", proto, (unsigned)m->ndiag_protocol);
	return 1;
}

/* Reads answers until one describes inode (1), or the answers end or fail (0). */
static int receive(int nl, unsigned long inode, const struct proto *p, struct strbuf *out)
{
	static long buf[8192 / sizeof(long)];
	int flags = 0;

	for (;;) {
		ssize_t n = recv(nl, buf, sizeof(buf), flags);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || !NLMSG_OK(h, (size_t)n))
			return 0;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			int rc;

			/* NLMSG_DONE, NLMSG_ERROR: the socket is not there. */
			if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
				return 0;
			rc = p->parse(NLMSG_DATA(h), h->nlmsg_len - NLMSG_HDRLEN, inode, p->name,
				      out);
			if (rc)
				return rc > 0;
		}
		flags = MSG_DONTWAIT;
	}
}

static int ask(int nl, unsigned long inode, const struct proto *p, struct strbuf *out)
{
	sb_reset(out);
	return p->query(nl, p->family, p->protocol, inode) == 0 && receive(nl, inode, p, out);
}

static const struct proto *proto_of(pid_t pid, int fd)
{
	char path[64], name[64];
	ssize_t n;
	size_t i;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	n = getxattr(path, "system.sockprotoname", name, sizeof(name) - 1);
	if (n <= 0)
		return NULL;
	name[n] = '\0';
	for (i = 0; i < NPROTOS; i++)
		if (strcmp(protos[i].name, name) == 0)
			return &protos[i];
	return NULL;
}

/* Asks the kernel; the text goes to the cache when it answered. */
static const char *describe(unsigned long inode, const struct proto *p)
{
	struct strbuf out = { 0 };
	struct cached *c = &cache[inode % CACHE_SIZE];
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG), found = 0;
	size_t i;

	if (nl < 0)
		return NULL;
	if (p) {
		found = ask(nl, inode, p, &out);
	} else {
		for (i = 0; i < NPROTOS && !found; i++)
			found = ask(nl, inode, &protos[i], &out);
	}
	close(nl);
	if (!found) {
		sb_free(&out);
		return NULL;
	}
	free(c->text);
	c->inode = inode;
	c->text = out.s;
	return c->text;
}

int sockinfo_text(pid_t pid, int fd, unsigned long inode, char *buf, size_t size)
{
	const struct cached *c = &cache[inode % CACHE_SIZE];
	const struct proto *p;
	const char *text = NULL;

	if (c->inode == inode && c->text) {
		text = c->text;
	} else {
		p = proto_of(pid, fd);
		text = describe(inode, p);
		if (!text) {
			if (!p)
				return -1;
			snprintf(buf, size, "%s:[%lu]", p->name, inode);
			return 0;
		}
	}
	snprintf(buf, size, "%s", text);
	return 1;
}
