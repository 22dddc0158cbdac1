/*
 * control.h - the probe's second thread. It never calls ptrace (only the attaching thread
 * may). In agent mode it reads the command lines on stdin ("go TID...", "exclude TID") and
 * sends a heartbeat every SL_HEARTBEAT_MS; in both modes it keeps waking the tracer thread
 * while a quit or a command is pending, which closes the window between the tracer checking
 * its flags and blocking in waitpid.
 */
#ifndef SL_CONTROL_H
#define SL_CONTROL_H

#include <sys/types.h>

/* Starts the thread, with the probe's signals blocked in it. 0 or -1. */
int control_start(int agent);
/*
 * Agent mode: waits for the "go" line and returns the agent's own tids listed on it
 * (malloc'ed, *n of them). -1 when stdin ended or a quit signal came first.
 */
int control_wait_go(pid_t **tids, int *n);
/* Moves pending "exclude" tids into buf; returns how many (0 most of the time, lock-free). */
int control_take_excludes(pid_t *buf, int max);
/* The tracer has left its loop: stop waking it. */
void control_main_done(void);

#endif
