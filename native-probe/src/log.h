/* log.h - rare diagnostic lines on stderr, prefixed with the program name. */
#ifndef SL_LOG_H
#define SL_LOG_H

/* Prints "syscall-lens-probe: <message>\n" with one write, so lines from two threads never mix. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
