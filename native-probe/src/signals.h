/*
 * signals.h - the probe's own signals. SIGTERM, SIGINT and SIGHUP ask for a clean detach;
 * SIGUSR1 only interrupts the tracer's waitpid (the handlers have no SA_RESTART, so waitpid
 * returns EINTR and the tracer looks at its flags). SIGPIPE is ignored: a reader that went
 * away shows up as EPIPE.
 */
#ifndef SL_SIGNALS_H
#define SL_SIGNALS_H

#include <signal.h>

/* Installs the handlers; the calling thread is the one that gets woken. 0 or -1. */
int signals_install(void);
/* The signal mask that keeps these signals away from helper threads. */
void signals_fill_mask(sigset_t *set);
/* Puts back the default dispositions (in the launched command's child, before exec). */
void signals_reset(void);

void signals_request_quit(void);   /* any thread */
int signals_quit_requested(void);
int signals_quit_signal(void);     /* the signal that asked, or 0 */
void signals_wake_main(void);      /* interrupts the tracer's waitpid */

#endif
