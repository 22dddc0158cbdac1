/*
 * summary.h - -c: calls, errors and time per syscall, printed at exit as strace -c prints them
 * (with --json: as one JSON object). The time is the wall-clock time from the entry stop to the
 * exit stop, what strace -c -w counts; plain strace -c counts system CPU time instead.
 */
#ifndef SL_SUMMARY_H
#define SL_SUMMARY_H

#include "decode.h"

/* Counts a completed call (not one cut short by the thread's exit: strace does not either). */
void summary_add(const struct call *c);
/* The table, sorted by time, to stderr or the -o file. */
void summary_print(void);

#endif
