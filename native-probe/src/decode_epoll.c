/* decode_epoll.c - epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2. */
#define _GNU_SOURCE
#include <sys/epoll.h>

#include "decode.h"

static const struct xlat epoll_events[] = {
	XLAT(EPOLLIN), XLAT(EPOLLPRI), XLAT(EPOLLOUT), XLAT(EPOLLERR), XLAT(EPOLLHUP),
	XLAT_PAIR(0x20, "EPOLLNVAL"), XLAT(EPOLLRDNORM), XLAT(EPOLLRDBAND), XLAT(EPOLLWRNORM),
	XLAT(EPOLLWRBAND), XLAT(EPOLLMSG), XLAT(EPOLLRDHUP), XLAT(EPOLLEXCLUSIVE), XLAT(EPOLLWAKEUP),
	XLAT(EPOLLONESHOT), XLAT(EPOLLET), XLAT_END,
};

static const struct xlat epoll_ops[] = {
	XLAT(EPOLL_CTL_ADD), XLAT(EPOLL_CTL_DEL), XLAT(EPOLL_CTL_MOD), XLAT_END,
};

static const struct xlat epoll_create_flags[] = { XLAT(EPOLL_CLOEXEC), XLAT_END };

/* {events=EPOLLIN, data={u32=3, u64=3}}: the tracee's data union, both ways. */
static int print_event(struct call *c, const void *elem, void *ctx)
{
	const struct epoll_event *ev = elem;

	(void)ctx;
	sb_puts(&c->args_text, "{events=");
	arg_flags(c, epoll_events, ev->events, "EPOLL???");
	sb_printf(&c->args_text, ", data={u32=%u, u64=%llu}}", ev->data.u32,
		  (unsigned long long)ev->data.u64);
	return 1;
}

/* epoll_create(size): the size only has to be positive. */
void decode_epoll_create(struct call *c)
{
	if (!c->exiting)
		arg_int(c, c->args[0]);
}

void decode_epoll_create1(struct call *c)
{
	if (!c->exiting)
		arg_flags(c, epoll_create_flags, (unsigned)c->args[0], "EPOLL_???");
}

void decode_epoll_ctl(struct call *c)
{
	struct epoll_event ev;

	if (c->exiting)
		return;
	arg_fd(c, (int)c->args[0]);
	arg_sep(c);
	arg_xval(c, epoll_ops, (unsigned)c->args[1], "EPOLL_CTL_???");
	arg_sep(c);
	arg_fd(c, (int)c->args[2]);
	arg_sep(c);
	if ((unsigned)c->args[1] == EPOLL_CTL_DEL || read_mem(c, c->args[3], &ev, sizeof(ev)) < 0)
		arg_ptr(c, c->args[3]);
	else
		print_event(c, &ev, NULL);
}

/* The events are known at exit: rval of them, or the buffer's address when it failed. */
static void wait_common(struct call *c)
{
	if (!c->exiting) {
		arg_fd(c, (int)c->args[0]);
		arg_sep(c);
		return;
	}
	if (c->failed && c->args[1])
		arg_ptr(c, c->args[1]);
	else
		arg_array(c, c->args[1], c->failed ? 0 : (uint64_t)c->rval,
			  sizeof(struct epoll_event), print_event, NULL);
	arg_sep(c);
	arg_int(c, c->args[2]);
	arg_sep(c);
}

void decode_epoll_wait(struct call *c)
{
	wait_common(c);
	if (c->exiting)
		arg_int(c, c->args[3]);
}

static void sigmask_tail(struct call *c)
{
	arg_sep(c);
	arg_sigset(c, c->args[4], c->args[5]);
	arg_sep(c);
	arg_ulong(c, c->args[5]);
}

void decode_epoll_pwait(struct call *c)
{
	wait_common(c);
	if (c->exiting) {
		arg_int(c, c->args[3]);
		sigmask_tail(c);
	}
}

void decode_epoll_pwait2(struct call *c)
{
	wait_common(c);
	if (c->exiting) {
		arg_timespec(c, c->args[3]);
		sigmask_tail(c);
	}
}
