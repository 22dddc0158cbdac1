/* attach.h - seizing every thread of a running process (-p, agent mode). */
#ifndef SL_ATTACH_H
#define SL_ATTACH_H

#include <sys/types.h>

struct attach_error {
	int err;            /* errno of the failing call */
	pid_t tracer;       /* the thread's tracer when it is traced already, else 0 */
	char message[512];  /* e.g. "thread 1234 is already traced by pid 5678 (strace)" */
};

/*
 * PTRACE_SEIZEs and interrupts every thread in /proc/PID/task, re-reading the list until two
 * passes in a row find no new thread. The stops are handled later by the tracer loop. Returns
 * the number of threads attached, or -1 with *e filled in (the threads seized so far stay
 * attached: the caller detaches them).
 */
int attach_process(pid_t pid, struct attach_error *e);

#endif
