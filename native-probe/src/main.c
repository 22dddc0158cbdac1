/*
 * main.c - syscall-lens-probe: the command line, and the two modes.
 *
 *   syscall-lens-probe [-fcT] [-y|-yy] [-t|-tt|-ttt] [-e trace=SET] [-s N] [-o FILE] [--json]
 *                      (-p PID... | -- CMD ARGS...)
 *   syscall-lens-probe --agent -p PID [-s N]
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "classes.h"
#include "control.h"
#include "decode.h"
#include "emit.h"
#include "filter.h"
#include "guard.h"
#include "harden.h"
#include "idle_poll.h"
#include "launch.h"
#include "log.h"
#include "options.h"
#include "protocol.h"
#include "signals.h"
#include "stream.h"
#include "summary.h"
#include "text_out.h"
#include "tracee.h"
#include "tracer.h"

struct options opt = { .string_limit = 32, .spin_us = 50 };

static void usage(void)
{
	fprintf(stderr,
		"usage: syscall-lens-probe [-fcT] [-y|-yy] [-t|-tt|-ttt] [-e trace=SET] [-s N]\n"
		"                          [-o FILE] [--json] (-p PID... | -- CMD ARGS...)\n"
		"       syscall-lens-probe --agent -p PID [-s N]\n"
		"  -p PID   attach to every thread of PID (repeatable)\n"
		"  -f       follow child processes too\n"
		"  -y       print fds with their paths; -yy and sockets with their endpoints\n"
		"  -T       time spent in each syscall\n"
		"  -tt      wall-clock time first (-t seconds, -ttt since the epoch)\n"
		"  -c       a table of counts and times at the end, instead of the lines\n"
		"  -e trace=SET  only these: names, %%file, %%network, %%desc; !SET the others\n"
		"  -s N     print at most N bytes of a buffer\n"
		"  -o FILE  write to FILE, not stderr\n"
		"  --json   one JSON object per line (see README.md)\n"
		"  --spin-us N  poll N us for the next stop before sleeping (default 50; 0: sleep)\n"
		"  --idle poll|halt  while threads stop back to back, keep idle CPUs polling (root;\n"
		"               default) or let them halt\n"
		"  --profile    at the end, where the stop loop's time went\n"
		"  --agent  binary records on stdout, commands on stdin (see protocol.h)\n");
}

static int add_pid(const char *arg)
{
	char *end;
	long pid = strtol(arg, &end, 10);
	pid_t *p;

	if (*end || !*arg || pid <= 0)
		return -1;
	p = realloc(opt.pids, (opt.npids + 1) * sizeof(*p));
	if (!p)
		return -1;
	opt.pids = p;
	opt.pids[opt.npids++] = (pid_t)pid;
	return 0;
}

/* -e trace=SET, or -e SET as strace allows; other qualifiers (signal=, abbrev= ...) are not
 * known. */
static int qualify(const char *expr)
{
	if (strncmp(expr, "trace=", 6) == 0)
		return filter_parse(expr + 6);
	if (!strchr(expr, '='))
		return filter_parse(expr);
	log_msg("-e %s: only trace= is supported", expr);
	return -1;
}

/*
 * --list-syscalls: "NR NAME decoded|generic CLASSES" for every named syscall, so scripts (the
 * differential test) know which lines the probe claims to print as strace does.
 */
static void list_syscalls(void)
{
	int nr;

	for (nr = 0; nr < 1024; nr++) {
		const struct syscall_row *r = syscall_row(nr);
		unsigned cls = syscall_class(nr);
		char classes[32] = "-";

		if (!r->name)
			continue;
		if (cls & (CL_FILE | CL_NETWORK | CL_DESC))
			snprintf(classes, sizeof(classes), "%s%s%s",
				 cls & CL_FILE ? ",%file" : "", cls & CL_NETWORK ? ",%network" : "",
				 cls & CL_DESC ? ",%desc" : "");
		printf("%d %s %s %s\n", nr, r->name,
		       r->decode && r->decode != decode_generic ? "decoded" : "generic",
		       classes[0] == ',' ? classes + 1 : classes);
	}
}

static int parse(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "agent", no_argument, NULL, 'A' },
		{ "json", no_argument, NULL, 'J' },
		{ "list-syscalls", no_argument, NULL, 'L' },
		{ "spin-us", required_argument, NULL, 'S' },
		{ "idle", required_argument, NULL, 'I' },
		{ "profile", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "+fyTtce:s:o:p:h", longs, NULL)) != -1) {
		switch (c) {
		case 'A': opt.agent = 1; break;
		case 'J': opt.json = 1; break;
		case 'L': list_syscalls(); exit(0);
		case 'f': opt.follow_forks = 1; break;
		case 'y': opt.decode_fds++; break;
		case 'T': opt.show_time = 1; break;
		case 't': opt.wall_time++; break;
		case 'c': opt.summary = 1; break;
		case 'o': opt.out_path = optarg; break;
		case 'e':
			if (qualify(optarg) < 0)
				return -1;
			break;
		case 'P': opt.profile = 1; break;
		case 'I':
			if (strcmp(optarg, "poll") && strcmp(optarg, "halt"))
				return -1;
			opt.idle_halt = strcmp(optarg, "halt") == 0;
			break;
		case 'S':
			opt.spin_us = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !*optarg || opt.spin_us > 1000000)
				return -1;
			break;
		case 's':
			opt.string_limit = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !*optarg)
				return -1;
			break;
		case 'p':
			if (add_pid(optarg) < 0)
				return -1;
			break;
		default:
			return -1;
		}
	}
	if (optind < argc)
		opt.command = argv + optind;
	if (!opt.npids == !opt.command)
		return -1; /* -p or a command, not both */
	if (opt.decode_fds > 2)
		opt.decode_fds = 2;
	if (opt.wall_time > 3)
		opt.wall_time = 3;
	if (opt.agent) {
		if (opt.npids != 1 || opt.out_path || opt.follow_forks || opt.summary || opt.json)
			return -1;
		opt.decode_fds = 2; /* the agent's spans carry the socket endpoints */
	}
	return 0;
}

static void announce(struct tracee *t, void *arg)
{
	(void)arg;
	emit_thread(t->tid, SL_THREAD_ATTACHED);
}

/* From here on the kernel refuses the probe any write into a tracee (see harden.h). */
static void harden(void)
{
	idle_poll_open(); /* an open(2), before the filter */
	if (harden_no_writes() < 0)
		log_msg("seccomp filter not installed: %s", strerror(errno));
}

static int run_agent(void)
{
	struct attach_error e;
	pid_t *own, early[64];
	int i, n, attached;

	/* Twice the agent's watchdog (ProbeClient.STALL_MS): the guard is for when that cannot act. */
	if (guard_start(2000) < 0)
		log_msg("no guard for a stopped probe: %s", strerror(errno));
	harden();
	if (control_wait_go(&own, &n) < 0)
		return 0; /* the agent went away (or we were told to stop) before go */
	for (i = 0; i < n; i++)
		tracer_exclude(own[i]);
	/* "exclude" lines sent before or with "go" count as agent threads too. */
	n = control_take_excludes(early, 64);
	for (i = 0; i < n; i++)
		tracer_exclude(early[i]);
	attached = attach_process(opt.pids[0], &e);
	if (attached < 0) {
		tracer_detach_all();
		log_msg("%s", e.message);
		stream_error(e.err, e.tracer, e.message);
		return 2;
	}
	stream_hello(opt.pids[0], attached);
	tracee_for_each(announce, NULL);
	tracer_run();
	control_main_done();
	tracer_detach_all();
	stream_bye();
	return 0;
}

static int run_standalone(void)
{
	struct attach_error e;
	int i, status, sig;

	if (opt.command) {
		pid_t pid = launch_command(opt.command);

		if (pid < 0)
			return 1;
		tracer_set_command(pid);
	}
	/* After the command is started: it must not inherit the filter. */
	harden();
	for (i = 0; i < opt.npids; i++) {
		if (attach_process(opt.pids[i], &e) < 0) {
			tracer_detach_all();
			log_msg("%s", e.message);
			return 2;
		}
	}
	tracer_run();
	control_main_done();
	tracer_detach_all();
	if (opt.summary)
		summary_print();
	status = tracer_command_status();
	sig = signals_quit_signal();
	if (opt.command && status != -1)
		return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	/* -p: a clean detach on request is a success. */
	return opt.command && sig ? 128 + sig : 0;
}

int main(int argc, char **argv)
{
	if (parse(argc, argv) < 0) {
		usage();
		return 1;
	}
	if (signals_install() < 0)
		return 1;
	if (opt.agent ? stream_init(STDOUT_FILENO) < 0 : text_open(opt.out_path) < 0)
		return 1;
	if (control_start(opt.agent) < 0)
		return 1;
	return opt.agent ? run_agent() : run_standalone();
}
