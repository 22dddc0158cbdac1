/*
 * sockinfo.h - what -yy prints for a socket: its protocol and endpoints, as strace 6.1 prints
 * them: TCP:[127.0.0.1:8080->127.0.0.1:40000], TCPv6:[[::1]:8080], UDP:[127.0.0.1:53],
 * UNIX-STREAM:[1234->1235,"/run/x.sock"], UNIX:[1236,@"abstract"], NETLINK:[ROUTE:4321].
 *
 * The protocol comes from the socket's "system.sockprotoname" attribute, the endpoints from
 * NETLINK_SOCK_DIAG. Like strace, a socket the kernel cannot describe yet (created, not bound)
 * prints as PROTO:[inode], and once described its text is kept by inode and never asked again,
 * so a UDP socket bound and then connected keeps showing only its local address, as in strace.
 */
#ifndef SL_SOCKINFO_H
#define SL_SOCKINFO_H

#include <sys/types.h>

/*
 * The text of socket `inode`, open as fd in process pid, into buf: 1 when the kernel described
 * it (the text will not change), 0 for the PROTO:[inode] fallback (it may, after a bind or a
 * connect), -1 when even the protocol is unknown (print the plain "socket:[inode]").
 */
int sockinfo_text(pid_t pid, int fd, unsigned long inode, char *buf, size_t size);

#endif
