/*
 * filter.h - `-e trace=SET`: which syscalls are printed (and counted by -c). Every syscall is
 * still stopped at, so the fd cache stays right for the ones that are printed.
 *
 * SET is a comma-separated list of syscall names and classes (%file, %network, %desc), or
 * `all`/`none`; a leading `!` selects everything else. A later -e trace= replaces an earlier
 * one, as in strace.
 */
#ifndef SL_FILTER_H
#define SL_FILTER_H

/* Parses SET (the text after "trace="); 0, or -1 after saying what was wrong. */
int filter_parse(const char *set);

/* Whether syscall nr is printed: always, unless a -e trace= said otherwise. */
int filter_traced(int nr);

#endif
