/* options.h - the command line, parsed once in main.c and read everywhere else. */
#ifndef SL_OPTIONS_H
#define SL_OPTIONS_H

#include <sys/types.h>

struct options {
	int agent;             /* --agent: binary records on stdout, commands on stdin */
	int follow_forks;      /* -f: child processes too (threads are always followed) */
	int decode_fds;        /* -y 1: fds with their paths; -yy 2 (always in agent mode): sockets
				* with their endpoints, devices with their numbers too */
	int show_time;         /* -T: time spent in each syscall */
	int wall_time;         /* -t 1, -tt 2, -ttt 3: each line starts with the wall-clock time */
	int summary;           /* -c: no lines, a table of counts and times at the end */
	int json;              /* --json: one JSON object per line instead of strace's text */
	unsigned string_limit; /* -s: bytes of a buffer printed before "..." */
	int profile;           /* --profile: where the stop loop's time went, on stderr at the end */
	unsigned spin_us;      /* --spin-us: how long the tracer polls for the next stop before it
				* sleeps in waitpid (tracer.c); 0 sleeps at once */
	int idle_halt;         /* --idle halt: never ask idle CPUs to keep polling (idle_poll.h) */
	const char *out_path;  /* -o: text output file instead of stderr */
	pid_t *pids;           /* -p: the processes to attach to (agent mode: exactly one) */
	int npids;
	char **command;        /* -- CMD ARGS: the command to launch and trace */
};

extern struct options opt;

#endif
