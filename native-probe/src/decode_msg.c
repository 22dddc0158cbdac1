/*
 * decode_msg.c - sendmsg, recvmsg, sendmmsg, recvmmsg: struct msghdr with its address, iovecs
 * and control messages (SCM_RIGHTS fds, SCM_CREDENTIALS), as strace prints them.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode.h"
#include "options.h"
#include "quote.h"
#include "sockaddr.h"

#define CONTROL_MAX 65536 /* more than any control buffer the kernel accepts (optmem_max) */

static const struct xlat ip_cmsg_types[] = {
	XLAT(IP_TOS), XLAT(IP_TTL), XLAT(IP_RECVOPTS), XLAT(IP_RETOPTS), XLAT(IP_PKTINFO),
	XLAT(IP_RECVERR), XLAT(IP_ORIGDSTADDR), XLAT(IP_CHECKSUM), XLAT_PAIR(3, "SCM_SECURITY"),
	XLAT_END,
};

static const struct xlat scm_types[] = {
	XLAT(SCM_RIGHTS), XLAT(SCM_CREDENTIALS), XLAT_PAIR(3, "SCM_SECURITY"),
	XLAT_PAIR(41, "SO_WIFI_STATUS"), XLAT_PAIR(61, "SO_TXTIME"), XLAT_PAIR(29, "SO_TIMESTAMP_OLD"),
	XLAT_PAIR(35, "SO_TIMESTAMPNS_OLD"), XLAT_PAIR(37, "SO_TIMESTAMPING_OLD"),
	XLAT_PAIR(63, "SO_TIMESTAMP_NEW"), XLAT_PAIR(64, "SO_TIMESTAMPNS_NEW"),
	XLAT_PAIR(65, "SO_TIMESTAMPING_NEW"), XLAT_PAIR(0x36, "SCM_TIMESTAMPING_OPT_STATS"),
	XLAT_PAIR(0x3a, "SCM_TIMESTAMPING_PKTINFO"), XLAT_END,
};

/* SCM_RIGHTS: the fds, new in a receiving process, so their cached paths are dropped. */
static void scm_rights(struct call *c, const int *fds, unsigned n, int received)
{
	unsigned i;

	sb_putc(&c->args_text, '[');
	for (i = 0; i < n; i++) {
		if (i)
			arg_sep(c);
		if (i >= opt.string_limit) {
			sb_puts(&c->args_text, "...");
			break;
		}
		if (received)
			forget_fd(c, fds[i]);
		arg_fd(c, fds[i]);
	}
	sb_putc(&c->args_text, ']');
}

/* [0x10, 0x2] or [64]: the bytes or ints of a SOL_IP message, at most -s of them. */
static void small_array(struct call *c, const unsigned char *data, unsigned n, unsigned size,
			int hex)
{
	unsigned i;

	sb_putc(&c->args_text, '[');
	for (i = 0; i < n; i++) {
		unsigned v;

		if (i)
			arg_sep(c);
		if (i >= opt.string_limit) {
			sb_puts(&c->args_text, "...");
			break;
		}
		if (size == 1) {
			v = data[i];
		} else {
			memcpy(&v, data + i * size, sizeof(v));
		}
		sb_printf(&c->args_text, hex ? "%#x" : "%u", v);
	}
	sb_putc(&c->args_text, ']');
}

static void ip_cmsg_data(struct call *c, int type, const unsigned char *data, unsigned len)
{
	struct strbuf *b = &c->args_text;

	arg_xval(c, ip_cmsg_types, (unsigned)type, "IP_???");
	switch (type) {
	case IP_PKTINFO:
		if (len >= sizeof(struct in_pktinfo)) {
			const struct in_pktinfo *p = (const struct in_pktinfo *)data;
			char ifname[IF_NAMESIZE], spec[INET_ADDRSTRLEN], addr[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &p->ipi_spec_dst, spec, sizeof(spec));
			inet_ntop(AF_INET, &p->ipi_addr, addr, sizeof(addr));
			sb_puts(b, ", cmsg_data={ipi_ifindex=");
			if (if_indextoname((unsigned)p->ipi_ifindex, ifname))
				sb_printf(b, "if_nametoindex(\"%s\")", ifname);
			else
				sb_printf(b, "%u", (unsigned)p->ipi_ifindex);
			sb_printf(b, ", ipi_spec_dst=inet_addr(\"%s\"), ipi_addr=inet_addr(\"%s\")}",
				  spec, addr);
		}
		break;
	case IP_TTL: case IP_CHECKSUM:
		if (len >= sizeof(unsigned)) {
			sb_puts(b, ", cmsg_data=");
			small_array(c, data, len / sizeof(unsigned), sizeof(unsigned), 0);
		}
		break;
	case IP_TOS: case IP_RECVOPTS: case IP_RETOPTS:
		if (len >= 1) {
			sb_puts(b, ", cmsg_data=");
			small_array(c, data, len, 1, 1);
		}
		break;
	case IP_ORIGDSTADDR:
		if (len >= sizeof(struct sockaddr_in)) {
			sb_puts(b, ", cmsg_data=");
			sb_sockaddr(b, data, len > sizeof(struct sockaddr_storage) ?
				    (int)sizeof(struct sockaddr_storage) : (int)len);
		}
		break;
	case 3:
		if (len >= 1) {
			sb_puts(b, ", cmsg_data=");
			quote_bytes(b, data, len, 0);
		}
		break;
	}
}

static void cmsg_data(struct call *c, const struct cmsghdr *h, unsigned len, int received)
{
	const unsigned char *data = (const unsigned char *)h + sizeof(*h);

	if (h->cmsg_level == SOL_IP) {
		ip_cmsg_data(c, h->cmsg_type, data, len);
		return;
	}
	if (h->cmsg_level != SOL_SOCKET) {
		sb_printf(&c->args_text, "%#x", (unsigned)h->cmsg_type);
		return;
	}
	arg_xval(c, scm_types, (unsigned)h->cmsg_type, "SCM_???");
	if (h->cmsg_type == SCM_RIGHTS && len >= sizeof(int)) {
		sb_puts(&c->args_text, ", cmsg_data=");
		scm_rights(c, (const int *)data, len / sizeof(int), received);
	} else if (h->cmsg_type == SCM_CREDENTIALS && len >= sizeof(struct ucred)) {
		const struct ucred *u = (const struct ucred *)data;

		sb_printf(&c->args_text, ", cmsg_data={pid=%d, uid=%u, gid=%u}", u->pid, u->uid,
			  u->gid);
	} else if (h->cmsg_type == 3 && len >= 1) {
		sb_puts(&c->args_text, ", cmsg_data=");
		quote_bytes(&c->args_text, data, len, 0);
	}
}

/* msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}] */
static void control(struct call *c, uint64_t addr, uint64_t in_len, int received)
{
	static unsigned char buf[CONTROL_MAX];
	uint64_t total = in_len < sizeof(buf) ? in_len : sizeof(buf), left = total;
	const unsigned char *p = buf;

	if (!in_len)
		return;
	sb_puts(&c->args_text, ", msg_control=");
	if (total < sizeof(struct cmsghdr) || read_mem(c, addr, buf, total) < 0) {
		arg_ptr(c, addr);
		return;
	}
	sb_putc(&c->args_text, '[');
	while (left >= sizeof(struct cmsghdr)) {
		const struct cmsghdr *h = (const struct cmsghdr *)p;
		uint64_t len = h->cmsg_len > left ? left : h->cmsg_len;

		if (p != buf)
			arg_sep(c);
		sb_printf(&c->args_text, "{cmsg_len=%llu, cmsg_level=", (unsigned long long)h->cmsg_len);
		arg_xval(c, socket_levels, (unsigned)h->cmsg_level, "SOL_???");
		sb_puts(&c->args_text, ", cmsg_type=");
		cmsg_data(c, h, len > sizeof(*h) ? (unsigned)(len - sizeof(*h)) : 0, received);
		sb_putc(&c->args_text, '}');
		if (len < sizeof(*h)) {
			left -= sizeof(*h);
			break;
		}
		len = (h->cmsg_len + sizeof(long) - 1) & ~(uint64_t)(sizeof(long) - 1);
		if (len >= left) {
			left = 0;
			break;
		}
		p += len;
		left -= len;
	}
	if (left)
		sb_printf(&c->args_text, ", ... /* %#llx */",
			  (unsigned long long)(addr + (total - left)));
	else if (total < in_len)
		sb_puts(&c->args_text, ", ...");
	sb_putc(&c->args_text, ']');
}

/*
 * {msg_name=..., msg_namelen=16, msg_iov=[...], msg_iovlen=1, msg_controllen=0, msg_flags=0}.
 * user_namelen: the name length the caller offered (recvmsg), or -1; the address is printed
 * within the smaller of the two, and "16 => 28" shows a change. data_size: bytes to show in
 * the buffers (UINT64_MAX: all).
 */
static void msghdr_fields(struct call *c, const struct msghdr *m, int user_namelen,
			  uint64_t data_size, int received)
{
	int namelen = (int)m->msg_namelen;

	if (user_namelen >= 0 && namelen > user_namelen)
		namelen = user_namelen;
	sb_puts(&c->args_text, "{msg_name=");
	arg_sockaddr(c, (uintptr_t)m->msg_name, namelen);
	sb_puts(&c->args_text, ", msg_namelen=");
	if (user_namelen >= 0 && user_namelen != (int)m->msg_namelen)
		sb_printf(&c->args_text, "%d => ", user_namelen);
	sb_printf(&c->args_text, "%d, msg_iov=", (int)m->msg_namelen);
	arg_iov(c, (uintptr_t)m->msg_iov, m->msg_iovlen, data_size, 0);
	sb_printf(&c->args_text, ", msg_iovlen=%llu", (unsigned long long)m->msg_iovlen);
	control(c, (uintptr_t)m->msg_control, m->msg_controllen, received);
	sb_printf(&c->args_text, ", msg_controllen=%llu, msg_flags=",
		  (unsigned long long)m->msg_controllen);
	arg_flags(c, msg_flags, (unsigned)m->msg_flags, "MSG_???");
	sb_putc(&c->args_text, '}');
}

static void msghdr_at(struct call *c, uint64_t addr, int user_namelen, uint64_t data_size,
		      int received)
{
	struct msghdr m;

	if (read_mem(c, addr, &m, sizeof(m)) < 0)
		arg_ptr(c, addr);
	else
		msghdr_fields(c, &m, user_namelen, data_size, received);
}

void decode_sendmsg(struct call *c)
{
	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	msghdr_at(c, c->args[1], -1, UINT64_MAX, 0);
	arg_sep(c);
	arg_flags(c, msg_flags, c->args[2], "MSG_???");
}

/* recvmsg: the name length offered is kept from entry (saved[0]; saved[1] says it was read). */
void decode_recvmsg(struct call *c)
{
	struct msghdr m;

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		c->saved[1] = read_mem(c, c->args[1], &m, sizeof(m)) == 0;
		c->saved[0] = c->saved[1] ? m.msg_namelen : 0;
		if (!c->saved[1])
			arg_ptr(c, c->args[1]);
		return;
	}
	if (c->saved[1]) {
		if (c->failed)
			sb_printf(&c->args_text, "{msg_namelen=%d}", (int)c->saved[0]);
		else
			msghdr_at(c, c->args[1], (int)c->saved[0], (uint64_t)c->rval, 1);
	}
	arg_sep(c);
	arg_flags(c, msg_flags, c->args[2], "MSG_???");
}

/*
 * The mmsghdr arrays. strace prints sendmmsg's at exit, with msg_len for the messages sent;
 * recvmmsg's at exit too, only the messages received, with the name lengths offered at entry
 * and the timeout as it was at entry.
 */
#define MMSG_NAMELENS 64

/* recvmmsg's entry state, kept in c->scratch. */
struct mmsg_state {
	int64_t ts[2];
	int ts_state;          /* 0: NULL, 1: read, 2: unreadable */
	unsigned n;            /* name lengths kept (later messages print the kernel's alone) */
	int namelen[MMSG_NAMELENS];
};

_Static_assert(sizeof(struct mmsg_state) <= sizeof(((struct call *)0)->scratch),
	       "recvmmsg state fits the call's scratch");

struct mmsg_ctx {
	uint64_t with_len;     /* elements that get msg_len */
	int use_len;           /* msg_len bounds the buffers shown (recvmmsg) */
	const struct mmsg_state *st;
	unsigned i;
};

static int print_mmsghdr(struct call *c, const void *elem, void *ctx)
{
	const struct mmsghdr *mm = elem;
	struct mmsg_ctx *x = ctx;
	int user = x->st && x->i < x->st->n ? x->st->namelen[x->i] : -1;

	sb_puts(&c->args_text, "{msg_hdr=");
	msghdr_fields(c, &mm->msg_hdr, user, x->use_len ? mm->msg_len : UINT64_MAX, x->use_len);
	if (x->with_len) {
		sb_printf(&c->args_text, ", msg_len=%u", mm->msg_len);
		x->with_len--;
	}
	sb_putc(&c->args_text, '}');
	x->i++;
	return 1;
}

void decode_sendmmsg(struct call *c)
{
	struct mmsg_ctx x = { 0, 0, NULL, 0 };

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		return;
	}
	x.with_len = c->failed ? 0 : (uint64_t)c->rval;
	arg_array(c, c->args[1], (unsigned)c->args[2], sizeof(struct mmsghdr), print_mmsghdr, &x);
	arg_sep(c);
	arg_uint(c, c->args[2]);
	arg_sep(c);
	arg_flags(c, msg_flags, c->args[3], "MSG_???");
}

static void mmsg_save(struct call *c, struct mmsg_state *st)
{
	unsigned vlen = (unsigned)c->args[2], n = vlen, i;

	memset(st, 0, sizeof(*st));
	if (n > opt.string_limit)
		n = opt.string_limit;
	if (n > MMSG_NAMELENS)
		n = MMSG_NAMELENS;
	for (i = 0; i < n; i++) {
		struct mmsghdr mm;

		if (read_mem(c, c->args[1] + i * sizeof(mm), &mm, sizeof(mm)) < 0)
			break;
		st->namelen[i] = (int)mm.msg_hdr.msg_namelen;
	}
	st->n = i;
	if (c->args[4])
		st->ts_state = read_mem(c, c->args[4], st->ts, sizeof(st->ts)) == 0 ? 1 : 2;
}

void decode_recvmmsg(struct call *c)
{
	struct mmsg_state *st = (struct mmsg_state *)c->scratch;
	struct mmsg_ctx x = { 0, 1, NULL, 0 };

	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		mmsg_save(c, st);
		return;
	}
	x.st = st;
	x.with_len = c->failed ? 0 : (uint64_t)c->rval;
	if (c->failed)
		arg_ptr(c, c->args[1]);
	else
		arg_array(c, c->args[1], (uint64_t)c->rval, sizeof(struct mmsghdr), print_mmsghdr, &x);
	arg_sep(c);
	arg_uint(c, c->args[2]);
	arg_sep(c);
	arg_flags(c, msg_flags, c->args[3], "MSG_???");
	arg_sep(c);
	if (!c->args[4])
		sb_puts(&c->args_text, "NULL");
	else if (st->ts_state != 1)
		arg_ptr(c, c->args[4]);
	else
		sb_timespec(&c->args_text, st->ts[0], (uint64_t)st->ts[1]);
	if (c->failed)
		return;
	if (c->rval == 0) {
		sb_puts(&c->ret_text, "0 (Timeout)");
	} else if (c->args[4]) {
		int64_t ts[2];

		sb_printf(&c->ret_text, "%lld (left ", (long long)c->rval);
		if (read_mem(c, c->args[4], ts, sizeof(ts)) < 0)
			sb_printf(&c->ret_text, "%#llx", (unsigned long long)c->args[4]);
		else
			sb_timespec(&c->ret_text, ts[0], (uint64_t)ts[1]);
		sb_putc(&c->ret_text, ')');
	}
}
