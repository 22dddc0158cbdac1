/* text_out.h - standalone mode: one strace-notation line per event, on stderr or the -o file. */
#ifndef SL_TEXT_OUT_H
#define SL_TEXT_OUT_H

#include <signal.h>
#include <sys/types.h>
#include <time.h>

#include "decode.h"
#include "strbuf.h"

/* Opens the -o file (NULL: stderr); 0 or -1. */
int text_open(const char *path);
/* A completed call; `wall` is the wall-clock time of its entry stop (for -t, -tt, -ttt). */
void text_syscall(const struct call *c, const struct timespec *wall);
void text_signal(pid_t tid, const siginfo_t *si);
/* "+++ exited with N +++" or "+++ killed by SIGX +++" for a waitpid status. */
void text_exit(pid_t tid, int status);

/* "+++ superseded by execve in pid FORMER +++" */
void text_superseded(pid_t tid, pid_t former);

/* Writes b and a newline to the output in one write() (json_out.c, summary.c use it too). */
void text_write_line(struct strbuf *b);

#endif
