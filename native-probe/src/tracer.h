/*
 * tracer.h - the ptrace event loop: every stop of every tracee goes through here, and so do
 * all ptrace calls after attach (ptrace belongs to the one thread that attached).
 */
#ifndef SL_TRACER_H
#define SL_TRACER_H

#include <sys/types.h>

#include "tracee.h"

/* The PTRACE_O_* options of every tracee. Never EXITKILL: if the probe dies the target runs on. */
unsigned long tracer_options(void);
/* Never trace tid (the agent's own threads); detached at its next stop if already traced. */
void tracer_exclude(pid_t tid);
int tracer_is_excluded(pid_t tid);
/* The launched command, whose exit status becomes the probe's. */
void tracer_set_command(pid_t pid);
/* Its waitpid status, or -1 while it runs. */
int tracer_command_status(void);
/* Lets a stopped tracee run on (to its next syscall stop), delivering sig if not 0. */
void tracer_resume(struct tracee *t, int sig);
/* Handles stops until every tracee is gone or a quit was requested. */
void tracer_run(void);
/* Detaches every tracee; none is left stopped. */
void tracer_detach_all(void);

#endif
