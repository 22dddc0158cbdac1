/*
 * emit.h - where events go: strace-notation text, JSON lines (--json) or the -c counts
 * (standalone), or binary records (agent mode).
 */
#ifndef SL_EMIT_H
#define SL_EMIT_H

#include <sys/types.h>

#include "tracee.h"

/* A completed syscall of t: t->call has its args and ret text, t->cap its fd. */
void emit_syscall(struct tracee *t);
/* t stopped to receive signal sig (text only: the agent does not need signals). */
void emit_signal(struct tracee *t, int sig);
/* t is gone; status as from waitpid. */
void emit_exit(struct tracee *t, int status);
/* Text only: the thread group leader tid was replaced by thread `former`, which called execve. */
void emit_superseded(pid_t tid, pid_t former);
/* Agent only: a thread was attached or excluded (enum sl_thread_event). */
void emit_thread(pid_t tid, unsigned event);

#endif
