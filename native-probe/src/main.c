/*
 * main.c - syscall-lens-probe: the command line, and the two modes.
 *
 *   syscall-lens-probe [-f] [-y] [-T] [-s N] [-o FILE] (-p PID | -- CMD ARGS...)
 *   syscall-lens-probe --agent -p PID [-s N]
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "control.h"
#include "emit.h"
#include "launch.h"
#include "log.h"
#include "options.h"
#include "protocol.h"
#include "signals.h"
#include "stream.h"
#include "text_out.h"
#include "tracee.h"
#include "tracer.h"

struct options opt = { .string_limit = 32 };

static void usage(void)
{
	fprintf(stderr,
		"usage: syscall-lens-probe [-f] [-y] [-T] [-s N] [-o FILE] (-p PID | -- CMD ARGS...)\n"
		"       syscall-lens-probe --agent -p PID [-s N]\n"
		"  -p PID   attach to every thread of PID      -f  follow child processes too\n"
		"  -y       print fds with their paths         -T  time spent in each syscall\n"
		"  -s N     print at most N bytes of a buffer  -o  write to FILE, not stderr\n"
		"  --agent  binary records on stdout, commands on stdin (see protocol.h)\n");
}

static int parse(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "agent", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "+fyTs:o:p:h", longs, NULL)) != -1) {
		switch (c) {
		case 'A': opt.agent = 1; break;
		case 'f': opt.follow_forks = 1; break;
		case 'y': opt.decode_fds = 1; break;
		case 'T': opt.show_time = 1; break;
		case 'o': opt.out_path = optarg; break;
		case 's':
			opt.string_limit = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !*optarg)
				return -1;
			break;
		case 'p':
			opt.pid = (pid_t)strtol(optarg, &end, 10);
			if (*end || opt.pid <= 0)
				return -1;
			break;
		default:
			return -1;
		}
	}
	if (optind < argc)
		opt.command = argv + optind;
	if (!opt.pid == !opt.command)
		return -1; /* exactly one of -p and a command */
	if (opt.agent) {
		if (!opt.pid || opt.out_path || opt.follow_forks)
			return -1;
		opt.decode_fds = 1;
	}
	return 0;
}

static void announce(struct tracee *t, void *arg)
{
	(void)arg;
	emit_thread(t->tid, SL_THREAD_ATTACHED);
}

static int run_agent(void)
{
	struct attach_error e;
	pid_t *own, early[64];
	int i, n, attached;

	if (control_wait_go(&own, &n) < 0)
		return 0; /* the agent went away (or we were told to stop) before go */
	for (i = 0; i < n; i++)
		tracer_exclude(own[i]);
	/* "exclude" lines sent before or with "go" count as agent threads too. */
	n = control_take_excludes(early, 64);
	for (i = 0; i < n; i++)
		tracer_exclude(early[i]);
	attached = attach_process(opt.pid, &e);
	if (attached < 0) {
		tracer_detach_all();
		log_msg("%s", e.message);
		stream_error(e.err, e.tracer, e.message);
		return 2;
	}
	stream_hello(opt.pid, attached);
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
	int status, sig;

	if (opt.command) {
		pid_t pid = launch_command(opt.command);

		if (pid < 0)
			return 1;
		tracer_set_command(pid);
	} else if (attach_process(opt.pid, &e) < 0) {
		tracer_detach_all();
		log_msg("%s", e.message);
		return 2;
	}
	tracer_run();
	control_main_done();
	tracer_detach_all();
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
