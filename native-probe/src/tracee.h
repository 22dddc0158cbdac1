/* tracee.h - the traced threads (by tid) and the processes they belong to (by tgid). */
#ifndef SL_TRACEE_H
#define SL_TRACEE_H

#include <sys/types.h>

#include <time.h>

#include "capture.h"
#include "decode.h"
#include "fdcache.h"

struct proc {
	pid_t tgid;
	int threads;            /* tracees pointing here */
	struct fd_cache fds;    /* shared by the threads, as the kernel's fd table is */
	struct proc *next;
};

struct tracee {
	pid_t tid;
	unsigned flags;         /* T_* */
	struct proc *proc;      /* NULL until the first stop of an auto-attached tracee */
	struct tracee *next;    /* hash chain */
	struct call call;       /* the syscall in flight, from its entry stop to its exit stop */
	struct capture cap;     /* what its decoder read while the thread was stopped */
	struct timespec enter_wall; /* -t and --json: the wall-clock time of its entry stop */
};

#define T_IN_SYSCALL 0x01 /* an entry stop was seen; the exit stop completes the call */
#define T_NEW        0x02 /* attached by the kernel (clone/fork event): first stop not seen yet */
#define T_QUIET      0x04 /* the launched command before its execve: nothing is printed */
#define T_EXCLUDE    0x08 /* the agent asked to drop it: detach at its next stop */
#define T_EXITING    0x10 /* PTRACE_EVENT_EXIT seen: no further stops but its death */

struct tracee *tracee_find(pid_t tid);
/* Adds tid as a thread of tgid (tgid 0: not known yet). NULL when out of memory. */
struct tracee *tracee_add(pid_t tid, pid_t tgid);
/* Makes t a thread of tgid, creating the process record; 0 or -1. */
int tracee_set_proc(struct tracee *t, pid_t tgid);
void tracee_remove(struct tracee *t);
int tracee_count(void);
struct proc *proc_find(pid_t tgid);
/* Calls fn on every tracee; fn may remove the one it is given. */
void tracee_for_each(void (*fn)(struct tracee *t, void *arg), void *arg);

#endif
