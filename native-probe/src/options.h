/* options.h - the command line, parsed once in main.c and read everywhere else. */
#ifndef SL_OPTIONS_H
#define SL_OPTIONS_H

#include <sys/types.h>

struct options {
	int agent;             /* --agent: binary records on stdout, commands on stdin */
	int follow_forks;      /* -f: child processes too (threads are always followed) */
	int decode_fds;        /* -y, and always in agent mode: fds printed with their paths */
	int show_time;         /* -T: time spent in each syscall */
	unsigned string_limit; /* -s: bytes of a buffer printed before "..." */
	const char *out_path;  /* -o: text output file instead of stderr */
	pid_t pid;             /* -p: the process to attach to */
	char **command;        /* -- CMD ARGS: the command to launch and trace */
};

extern struct options opt;

#endif
