/* syscall_stop.h - what the tracer does at a syscall stop. */
#ifndef SL_SYSCALL_STOP_H
#define SL_SYSCALL_STOP_H

#include "tracee.h"

/* A syscall-entry or syscall-exit stop of t: the call is decoded, and emitted at its exit. */
void syscall_stop(struct tracee *t);

/* t is exiting (PTRACE_EVENT_EXIT) inside a call that will never return (exit_group, or a call
 * cut short): emit it now with the return value "?", as strace does. */
void syscall_unfinished(struct tracee *t);

#endif
