#define _GNU_SOURCE
/*
 * fmt_zoo DIR: the odd corners of the decoders in one run: escapes and cuts in buffers, every
 * open flag, failures, dup2/dup3, pread/pwrite, AF_UNIX (path and abstract), UDP with addresses,
 * accept with a longer addrlen than the peer's, bad pointers, pipes. Output is only compared with strace.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void buffers(int out)
{
	static const char bin[] = "\x01\x02" "abc\xff\x7f" "\0" "1\0a\x1b" "9";
	char all[256];
	int i;

	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	write(out, bin, sizeof(bin) - 1);
	write(out, "quote\" back\\ tab\t cr\r vt\v ff\f nl\n bell\a", 40);
	write(out, "0123456789012345678901234567890123456789", 40);
	write(out, "01234567890123456789012345678901", 32);
	write(out, "", 0);
	write(out, all, 256);
	write(out, all + 128, 40);
	write(out, "\x80\x81", 2);
	write(out, "\0\0\0", 3);
	syscall(SYS_write, out, NULL, 5);
	syscall(SYS_write, out, 1, 5);
	write(999, "x", 1);
}

static void opens(const char *dir)
{
	static const int flags[] = {
		O_RDONLY, O_RDONLY | O_CLOEXEC, O_WRONLY | O_TRUNC, O_RDWR | O_CREAT | O_EXCL | O_APPEND,
		O_RDONLY | O_NONBLOCK | O_NOCTTY, O_WRONLY | O_DSYNC, O_WRONLY | O_SYNC, O_RDONLY | O_ASYNC,
		O_RDONLY | O_DIRECT, O_RDONLY | 0100000, O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW,
		O_RDONLY | O_NOATIME, O_PATH, O_PATH | O_CLOEXEC, O_RDWR | O_TMPFILE, 3, O_RDONLY | 0x40000000,
		O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_APPEND | O_EXCL | O_NOFOLLOW,
		O_RDWR | O_CREAT | O_DIRECTORY, __O_TMPFILE,
	};
	char path[512];
	unsigned i;
	int fd, d;

	snprintf(path, sizeof(path), "%s/zoo.txt", dir);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		fd = openat(AT_FDCWD, (flags[i] & __O_TMPFILE) ? dir : path, flags[i], 0640);
		if (fd >= 0)
			close(fd);
	}
	openat(AT_FDCWD, "/nonexistent/x", O_RDONLY);
	openat(AT_FDCWD, "relative/x", O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY);
	syscall(SYS_open, path, O_RDONLY);
	syscall(SYS_open, path, O_WRONLY | O_CREAT, 0600);
	syscall(SYS_open, "/tmp/\x01\tweird\"name", O_RDONLY);
	d = open(dir, O_RDONLY | O_DIRECTORY);
	fd = openat(d, "zoo.txt", O_RDWR);
	dup2(fd, 20);
	dup3(fd, 21, O_CLOEXEC);
	dup(fd);
	pwrite(fd, "pwrite data", 11, 5);
	{
		char buf[80];

		pread(fd, buf, sizeof(buf), 0);
		lseek(fd, 0, SEEK_SET);
		read(fd, buf, 3);
		read(fd, buf, sizeof(buf));
		read(fd, buf, sizeof(buf));
		syscall(SYS_read, fd, NULL, 5);
		read(999, buf, 5);
	}
	close(20);
	close(21);
	close(fd);
	close(d);
	close(999);
	close(-1);
}

static void unix_sockets(const char *dir)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX }, peer, abs = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(peer);
	int s, c, conn, u;

	snprintf(a.sun_path, sizeof(a.sun_path), "%s/zoo.sock", dir);
	unlink(a.sun_path);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(s, (struct sockaddr *)&a, sizeof(a));
	bind(s, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1);
	listen(s, 5);
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	conn = accept(s, (struct sockaddr *)&peer, &len);
	send(c, "x", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	recv(conn, &peer, 10, MSG_PEEK | MSG_WAITALL | 0x10000000);
	close(conn);
	connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a));
	conn = accept(s, NULL, NULL);
	close(conn);
	close(c);
	close(s);
	u = socket(AF_UNIX, SOCK_DGRAM, 0);
	memcpy(abs.sun_path, "\0zoo-abstract", 13);
	bind(u, (struct sockaddr *)&abs, offsetof(struct sockaddr_un, sun_path) + 13);
	sendto(u, "y", 1, 0, (struct sockaddr *)&abs, offsetof(struct sockaddr_un, sun_path) + 13);
	len = sizeof(peer);
	recvfrom(u, &peer, 10, 0, (struct sockaddr *)&peer, &len);
	close(u);
	unlink(a.sun_path);
}

static void inet_sockets(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(18090) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(18091), .sin6_scope_id = 0 };
	struct sockaddr_storage from;
	socklen_t len = sizeof(from);
	char buf[64];
	int u, u6;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	inet_pton(AF_INET6, "::1", &a6.sin6_addr);
	u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	bind(u, (struct sockaddr *)&a, sizeof(a));
	sendto(u, "datagram", 8, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&a, sizeof(a));
	recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	recvfrom(u, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &len);
	sendto(u, "0123456789abcdefghij", 20, 0, (struct sockaddr *)&a, sizeof(a));
	recvfrom(u, buf, 5, MSG_TRUNC, NULL, NULL);
	sendto(u, "0123456789abcdefghij", 20, 0, (struct sockaddr *)&a, sizeof(a));
	len = 4;
	recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	sendto(u, "x", 1, 0, (struct sockaddr *)&a, 0);
	sendto(u, "x", 1, 0, (struct sockaddr *)8, 16);
	bind(u, (struct sockaddr *)8, 16);
	connect(u, (struct sockaddr *)&a, 3);
	close(u);
	u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	bind(u6, (struct sockaddr *)&a6, sizeof(a6));
	a6.sin6_flowinfo = htonl(5);
	sendto(u6, "six", 3, 0, (struct sockaddr *)&a6, sizeof(a6));
	len = sizeof(from);
	recvfrom(u6, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr);
	a6.sin6_scope_id = 1;
	connect(u6, (struct sockaddr *)&a6, sizeof(a6));
	inet_pton(AF_INET6, "::", &a6.sin6_addr);
	a6.sin6_scope_id = 0;
	bind(u6, (struct sockaddr *)&a6, 24);
	shutdown(u6, SHUT_RDWR);
	close(u6);
	close(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0));
	close(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	close(socket(AF_INET6, SOCK_SEQPACKET, 0));
	close(socket(AF_PACKET, SOCK_DGRAM, 0));
	close(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	close(socket(12345, SOCK_STREAM, 0));
	close(socket(AF_INET, 077, 0));
	listen(999, 0);
	accept4(999, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	accept4(999, NULL, NULL, 0);
}

static void pipes(void)
{
	int p[2], q[2];

	pipe(p);
	write(p[1], "through a pipe", 14);
	close(p[0]);
	close(p[1]);
	pipe2(p, O_CLOEXEC | O_NONBLOCK | O_DIRECT);
	pipe2(q, 0);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	socketpair(AF_UNIX, SOCK_STREAM, 0, p);
	write(p[0], "pair", 4);
	close(p[0]);
	close(p[1]);
	syscall(SYS_pipe2, NULL, 0);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	int out = open("/dev/null", O_WRONLY);

	buffers(out);
	opens(dir);
	unix_sockets(dir);
	inet_sockets();
	pipes();
	return 0;
}
