/* siginfo.h - signal names and siginfo as strace prints them. */
#ifndef SL_SIGINFO_H
#define SL_SIGINFO_H

#include <signal.h>

#include "strbuf.h"

/* "SEGV" for SIGSEGV: the names of signals 1 to 31 without their prefix; NULL for others. */
const char *signal_abbrev(int sig);

/* Appends "SIGSEGV", "SIGRT_3", or the number for signals without a name. */
void sb_signal(struct strbuf *b, int sig);

/* Appends "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1, ...}". */
void sb_siginfo(struct strbuf *b, const siginfo_t *si);

#endif
