#define _GNU_SOURCE
/*
 * poll_ops: the waiting syscalls, each once returning events, once timing out and once
 * failing: poll, ppoll, select, pselect6, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
 * epoll_pwait2. Output is only compared with strace.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void polls(int r, int w)
{
	struct pollfd fds[3] = { { r, POLLIN, 0 }, { w, POLLOUT | POLLWRNORM, 0 }, { -1, POLLIN, 0 } };
	struct pollfd many[40];
	struct timespec ts = { 0, 1000 }, zero = { 0, 0 };
	sigset_t set;
	int i;

	poll(fds, 3, 0);
	poll(fds, 1, 1);
	poll(NULL, 0, 0);
	syscall(SYS_poll, 8, 1, 0);
	fds[0].events = POLLIN | POLLPRI | POLLRDHUP | 0x8000;
	write(w, "x", 1);
	poll(fds, 3, -1);
	read(r, fds + 2, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 1);
	/* Zero timeouts where fds are ready, so that the time left is always 0. */
	ppoll(fds, 2, &zero, &set);
	ppoll(fds, 1, &zero, NULL);
	fds[1].events = POLLPRI;
	ppoll(fds + 1, 1, &ts, NULL);
	fds[1].events = POLLOUT | POLLWRNORM;
	ppoll(fds, 1, NULL, &set);
	syscall(SYS_ppoll, fds, 1, &zero, &set, 4);
	syscall(SYS_ppoll, fds, 1, 8, NULL, 8);
	for (i = 0; i < 40; i++) {
		many[i].fd = w;
		many[i].events = POLLOUT;
	}
	poll(many, 40, 0);
}

static void selects(int r, int w)
{
	fd_set rd, wr, ex;
	struct timeval tv = { 0, 0 };
	struct timespec ts = { 0, 0 };
	sigset_t set;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(r, &rd);
	FD_SET(w, &wr);
	FD_SET(r, &ex);
	select(w + 1, &rd, &wr, &ex, &tv);
	FD_SET(r, &rd);
	select(r + 1, &rd, NULL, NULL, &tv);
	tv.tv_usec = 100;
	select(0, NULL, NULL, NULL, &tv);
	tv.tv_usec = 0;
	select(-1, NULL, NULL, NULL, NULL);
	FD_SET(r, &rd);
	FD_SET(w, &wr);
	sigemptyset(&set);
	pselect(w + 1, &rd, &wr, NULL, &ts, &set);
	FD_SET(r, &rd);
	pselect(r + 1, &rd, NULL, NULL, &ts, NULL);
	FD_SET(r, &rd);
	FD_SET(100, &rd);
	select(101, &rd, NULL, NULL, &tv);
	/* The C library's select is pselect6; the select syscall itself takes a timeval. */
	FD_ZERO(&rd);
	FD_SET(r, &rd);
	FD_SET(w, &wr);
	syscall(SYS_select, w + 1, &rd, &wr, NULL, &tv);
	FD_ZERO(&wr);
	FD_SET(w, &wr);
	syscall(SYS_select, w + 1, NULL, &wr, NULL, NULL);
	tv.tv_usec = 100;
	syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
	syscall(SYS_select, 1, NULL, NULL, NULL, 8);
}

static void epolls(int r, int w)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x1122334455667788ULL };
	struct epoll_event out[4];
	struct timespec ts = { 0, 1000 };
	sigset_t set;
	int ep = epoll_create1(EPOLL_CLOEXEC);

	epoll_create1(0);
	epoll_create1(1);
	epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
	ev.events = EPOLLOUT | EPOLLONESHOT | EPOLLRDHUP;
	ev.data.fd = w;
	epoll_ctl(ep, EPOLL_CTL_ADD, w, &ev);
	epoll_ctl(ep, EPOLL_CTL_ADD, w, &ev);
	ev.events = EPOLLOUT | EPOLLEXCLUSIVE;
	epoll_ctl(ep, EPOLL_CTL_MOD, w, &ev);
	epoll_ctl(ep, EPOLL_CTL_DEL, r, NULL);
	epoll_ctl(ep, 7, r, &ev);
	epoll_ctl(999, EPOLL_CTL_ADD, r, &ev);
	ev.events = 0;
	epoll_ctl(ep, EPOLL_CTL_ADD, r, &ev);
	syscall(SYS_epoll_wait, ep, out, 4, 0);
	syscall(SYS_epoll_wait, ep, out, 4, 1);
	syscall(SYS_epoll_wait, 999, out, 4, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	epoll_pwait(ep, out, 4, 1, &set);
	epoll_pwait(ep, out, 4, 1, NULL);
	epoll_ctl(ep, EPOLL_CTL_DEL, w, NULL);
	epoll_pwait(ep, out, 4, 1, NULL);
	syscall(SYS_epoll_pwait2, ep, out, 4, &ts, &set, 8);
	syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 4);
	syscall(SYS_epoll_pwait2, 999, out, 4, &ts, NULL, 8);
	syscall(SYS_epoll_pwait2, ep, out, 0, &ts, NULL, 8);
	syscall(SYS_epoll_create, 1);
	close(ep);
}

int main(void)
{
	int p[2];

	pipe(p);
	polls(p[0], p[1]);
	selects(p[0], p[1]);
	epolls(p[0], p[1]);
	close(p[0]);
	close(p[1]);
	return 0;
}
