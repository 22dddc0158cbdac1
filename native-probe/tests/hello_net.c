#define _GNU_SOURCE
/*
 * hello_net [PORT]: one TCP round trip over 127.0.0.1:PORT (socket, bind, listen, connect, accept,
 * sendto/recvfrom, write/read, close), then the same over AF_INET6 with a v4-mapped address and
 * accept4. The client binds a fixed port too and closes with SO_LINGER 0 (no TIME_WAIT), so two
 * runs print the same addresses.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(1);
	}
}

static void round_trip(int server, int client, int conn)
{
	char buf[64];

	check(sendto(client, "ping\n", 5, 0, NULL, 0) == 5, "sendto");
	check(recvfrom(conn, buf, sizeof(buf), 0, NULL, NULL) == 5, "recvfrom");
	check(write(conn, "pong\n", 5) == 5, "write");
	check(read(client, buf, sizeof(buf)) == 5, "read");
	close(conn);
	close(client);
	close(server);
}

static void linger0(int fd)
{
	struct linger l = { 1, 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

static void v4(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct sockaddr_in c = a, peer;
	socklen_t len = sizeof(peer);
	int one = 1, server, client, conn;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	c.sin_addr = a.sin_addr;
	c.sin_port = htons(port + 1);
	server = socket(AF_INET, SOCK_STREAM, 0);
	check(server >= 0, "socket");
	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	check(bind(server, (struct sockaddr *)&a, sizeof(a)) == 0, "bind");
	check(listen(server, 1) == 0, "listen");
	client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	linger0(client);
	check(bind(client, (struct sockaddr *)&c, sizeof(c)) == 0, "bind client");
	check(connect(client, (struct sockaddr *)&a, sizeof(a)) == 0, "connect");
	conn = accept(server, (struct sockaddr *)&peer, &len);
	check(conn >= 0, "accept");
	round_trip(server, client, conn);
}

static void v6(int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	struct sockaddr_in6 c = a, peer;
	socklen_t len = sizeof(peer);
	int one = 1, server, client, conn;

	inet_pton(AF_INET6, "::ffff:127.0.0.1", &a.sin6_addr);
	c.sin6_addr = a.sin6_addr;
	c.sin6_port = htons(port + 1);
	server = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
	check(server >= 0, "socket6");
	setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	check(bind(server, (struct sockaddr *)&a, sizeof(a)) == 0, "bind6");
	check(listen(server, 50) == 0, "listen6");
	client = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	setsockopt(client, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	linger0(client);
	check(bind(client, (struct sockaddr *)&c, sizeof(c)) == 0, "bind6 client");
	connect(client, (struct sockaddr *)&a, sizeof(a)); /* EINPROGRESS on a non-blocking socket */
	conn = accept4(server, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	check(conn >= 0, "accept4");
	usleep(10000);
	round_trip(server, client, conn);
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 18080;

	v4(port);
	v6(port + 2);
	return 0;
}
