#define _GNU_SOURCE
/*
 * net_ops [PORT]: the socket syscalls the other tests leave out, each once succeeding and
 * once failing: socketpair, getsockname, getpeername, setsockopt/getsockopt (SOL_SOCKET,
 * IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6), sendmsg/recvmsg (iovecs, addresses, SCM_RIGHTS,
 * SCM_CREDENTIALS), sendmmsg/recvmmsg, AF_INET6 with a v4-mapped address. Output is only
 * compared with strace.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static int port = 18200;

static void options(void)
{
	struct linger lg = { 1, 5 };
	struct timeval tv = { 2, 500 };
	socklen_t len;
	int s = socket(AF_INET, SOCK_STREAM, 0), s6 = socket(AF_INET6, SOCK_STREAM, 0);
	int on = 1, v = 0;
	char buf[64];

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &on, sizeof(on));
	setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &on, 2);
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, 4);
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &on, sizeof(on));
	setsockopt(s, IPPROTO_IP, IP_TOS, &on, sizeof(on));
	setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v));
	setsockopt(s6, IPPROTO_IPV6, IPV6_TCLASS, &v, sizeof(v));
	setsockopt(s, SOL_SOCKET, 999, &on, sizeof(on));
	setsockopt(s, 999, 1, &on, sizeof(on));
	setsockopt(999, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, NULL, sizeof(on));
	setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
	len = sizeof(lg);
	getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
	len = sizeof(tv);
	getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, &len);
	len = sizeof(v);
	getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &len);
	len = sizeof(v);
	getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &v, &len);
	len = 2;
	getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
	len = sizeof(buf);
	getsockopt(s, SOL_SOCKET, SO_RCVBUF, buf, &len);
	len = sizeof(v);
	getsockopt(999, SOL_SOCKET, SO_ERROR, &v, &len);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, NULL);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, 999, &v, &len);
	close(s);
	close(s6);
}

static void names(void)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(port) }, got;
	struct sockaddr_in peer4;
	socklen_t len;
	int srv = socket(AF_INET6, SOCK_STREAM, 0), cli = socket(AF_INET, SOCK_STREAM, 0), conn;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct sockaddr_in from = { .sin_family = AF_INET };
	int on = 1;

	setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	bind(srv, (struct sockaddr *)&a6, sizeof(a6));
	listen(srv, 1);
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	/* A fixed client port, so that two runs print the same addresses. */
	setsockopt(cli, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	from.sin_port = htons(port + 2);
	from.sin_addr = to.sin_addr;
	bind(cli, (struct sockaddr *)&from, sizeof(from));
	connect(cli, (struct sockaddr *)&to, sizeof(to));
	len = sizeof(got);
	conn = accept(srv, (struct sockaddr *)&got, &len);
	len = sizeof(got);
	getsockname(conn, (struct sockaddr *)&got, &len);
	len = sizeof(got);
	getpeername(conn, (struct sockaddr *)&got, &len);
	len = sizeof(peer4);
	getsockname(cli, (struct sockaddr *)&peer4, &len);
	len = 4;
	getpeername(cli, (struct sockaddr *)&peer4, &len);
	len = sizeof(got);
	getpeername(srv, (struct sockaddr *)&got, &len);
	getsockname(999, (struct sockaddr *)&got, &len);
	getsockname(cli, NULL, &len);
	struct linger lg = { 1, 0 };
	setsockopt(cli, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(cli);
	close(conn);
	close(srv);
}

static void messages(void)
{
	int sv[2], dg[2], bad[2];
	char a[4], b[16], cbuf[CMSG_SPACE(2 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
	struct iovec out[2] = { { "hello ", 6 }, { "world", 5 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct msghdr m = { .msg_iov = out, .msg_iovlen = 2 };
	struct cmsghdr *cm;
	/* pid 1, not ours, so that two runs print the same (root may send any existing pid). */
	struct ucred cred = { 1, 0, 0 };
	int fds[2] = { 0, 1 }, on = 1;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, dg);
	socketpair(AF_INET, SOCK_STREAM, 0, bad);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	sendmsg(sv[0], &m, 0);
	m.msg_iov = in;
	recvmsg(sv[1], &m, 0);
	m.msg_iov = out;
	m.msg_control = cbuf;
	m.msg_controllen = CMSG_SPACE(2 * sizeof(int)) + CMSG_SPACE(sizeof(cred));
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(cm), fds, sizeof(fds));
	cm = CMSG_NXTHDR(&m, cm);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(cred));
	memcpy(CMSG_DATA(cm), &cred, sizeof(cred));
	sendmsg(sv[0], &m, MSG_NOSIGNAL);
	m.msg_iov = in;
	m.msg_controllen = sizeof(cbuf);
	recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC);
	close(7);
	close(8);
	m.msg_controllen = 0;
	m.msg_control = NULL;
	recvmsg(sv[1], &m, MSG_DONTWAIT);
	sendmsg(999, &m, 0);
	sendmsg(sv[0], NULL, 0);
	recvmsg(sv[1], (struct msghdr *)8, 0);
	{
		struct mmsghdr mm[2] = {
			{ .msg_hdr = { .msg_iov = out, .msg_iovlen = 1 } },
			{ .msg_hdr = { .msg_iov = out + 1, .msg_iovlen = 1 } },
		};
		struct mmsghdr rm[3] = {
			{ .msg_hdr = { .msg_iov = in, .msg_iovlen = 1 } },
			{ .msg_hdr = { .msg_iov = in + 1, .msg_iovlen = 1 } },
			{ .msg_hdr = { .msg_iov = in + 1, .msg_iovlen = 1 } },
		};
		struct timespec ts = { 0, 0 }; /* data is ready: 0 left, always */

		sendmmsg(dg[0], mm, 2, 0);
		recvmmsg(dg[1], rm, 3, MSG_DONTWAIT, NULL);
		sendmmsg(dg[0], mm, 1, MSG_DONTWAIT);
		recvmmsg(dg[1], rm, 3, MSG_WAITFORONE, &ts);
		recvmmsg(dg[1], rm, 1, MSG_DONTWAIT, NULL);
		sendmmsg(999, mm, 2, 0);
	}
	{
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port + 1) }, from;
		struct msghdr um = { .msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = out, .msg_iovlen = 1 };
		int u = socket(AF_INET, SOCK_DGRAM, 0);

		inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
		bind(u, (struct sockaddr *)&a, sizeof(a));
		sendmsg(u, &um, 0);
		um.msg_name = &from;
		um.msg_namelen = sizeof(from);
		um.msg_iov = in;
		um.msg_iovlen = 2;
		recvmsg(u, &um, 0);
		close(u);
	}
	shutdown(sv[0], SHUT_WR);
	shutdown(999, SHUT_RD);
	close(sv[0]);
	close(sv[1]);
	close(dg[0]);
	close(dg[1]);
}

/* Multicast groups, peer credentials, errors kept on a socket, SOL_IP control messages. */
static void details(void)
{
	struct ip_mreq m4 = { .imr_interface.s_addr = htonl(INADDR_LOOPBACK) };
	struct ipv6_mreq m6 = { .ipv6mr_interface = 1 };
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port + 3) }, from;
	struct ucred cred;
	char cbuf[256], buf[16];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from) + 12, .msg_iov = &iov,
			    .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	socklen_t len;
	int u = socket(AF_INET, SOCK_DGRAM, 0), u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	int sv[2], on = 1, err, t;

	inet_pton(AF_INET, "224.0.0.251", &m4.imr_multiaddr);
	setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m4, sizeof(m4));
	setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &m4, 4);
	inet_pton(AF_INET6, "ff02::fb", &m6.ipv6mr_multiaddr);
	setsockopt(u6, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof(m6));
	m6.ipv6mr_interface = 9999;
	setsockopt(u6, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, &m6, sizeof(m6));
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	bind(u, (struct sockaddr *)&a, sizeof(a));
	setsockopt(u, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on));
	setsockopt(u, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
	setsockopt(u, IPPROTO_IP, IP_RECVTOS, &on, sizeof(on));
	sendto(u, "cmsg", 4, 0, (struct sockaddr *)&a, sizeof(a));
	recvmsg(u, &m, 0);
	close(u);
	close(u6);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	len = sizeof(cred);
	getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
	len = 8;
	getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
	close(sv[0]);
	close(sv[1]);
	/* Nothing listens on port + 4: the error waits in SO_ERROR. */
	t = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a.sin_port = htons(port + 4);
	connect(t, (struct sockaddr *)&a, sizeof(a));
	{
		struct pollfd p = { t, POLLOUT, 0 };

		poll(&p, 1, 1000);
	}
	len = sizeof(err);
	getsockopt(t, SOL_SOCKET, SO_ERROR, &err, &len);
	close(t);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		port = atoi(argv[1]);
	options();
	names();
	messages();
	details();
	return 0;
}
