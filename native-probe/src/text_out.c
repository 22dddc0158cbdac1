/*
 * text_out.c - see text_out.h. Lines look exactly like strace's: with more than one tracee,
 * "[pid  123] " on stderr or "123   " in a file (always in a file with -f); " = " aligned at
 * column 40; " <0.000012>" with -T; "14:33:26.034781 " first with -tt. Each line is written
 * with one write() so it survives a probe killed mid-run and interleaves whole with the traced
 * program's own output.
 */
#include "text_out.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "options.h"
#include "siginfo.h"
#include "tracee.h"

static int out_fd = STDERR_FILENO;
static struct strbuf line;

int text_open(const char *path)
{
	if (!path)
		return 0;
	do
		out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	while (out_fd < 0 && errno == EINTR);
	if (out_fd < 0) {
		log_msg("open(%s): %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* -t "14:33:26 ", -tt "14:33:26.034781 ", -ttt "1700000006.034781 " (local time, as strace). */
static void wall_clock(const struct timespec *at)
{
	struct timespec now;
	struct tm tm;
	char hms[16];

	if (!at) {
		clock_gettime(CLOCK_REALTIME, &now);
		at = &now;
	}
	if (opt.wall_time >= 3) {
		sb_printf(&line, "%lld.%06ld ", (long long)at->tv_sec, at->tv_nsec / 1000);
		return;
	}
	localtime_r(&at->tv_sec, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	if (opt.wall_time == 2)
		sb_printf(&line, "%s.%06ld ", hms, at->tv_nsec / 1000);
	else
		sb_printf(&line, "%s ", hms);
}

static void begin(pid_t tid, const struct timespec *wall)
{
	sb_reset(&line);
	if (opt.out_path) {
		if (opt.follow_forks || tracee_count() > 1)
			sb_printf(&line, "%-5d ", (int)tid);
	} else if (tracee_count() > 1) {
		sb_printf(&line, "[pid %5d] ", (int)tid);
	}
	if (opt.wall_time)
		wall_clock(wall);
}

void text_write_line(struct strbuf *b)
{
	size_t done = 0;
	ssize_t n;

	sb_putc(b, '\n');
	while (done < b->len) {
		n = write(out_fd, b->s + done, b->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the reader is gone; tracing goes on regardless */
		done += n;
	}
}

static void finish(void)
{
	text_write_line(&line);
}

void text_syscall(const struct call *c, const struct timespec *wall)
{
	const char *ret = sb_str(&c->ret_text);

	begin(c->tid, wall);
	sb_printf(&line, "%s(%s)", c->name, sb_str(&c->args_text));
	sb_pad_to(&line, 39); /* strace counts the pid and time prefixes too */
	sb_printf(&line, " = %s", ret);
	if (opt.show_time && ret[0] != '?') {
		uint64_t d = c->exit_ns - c->enter_ns;

		sb_printf(&line, " <%llu.%06llu>", (unsigned long long)(d / 1000000000u),
			  (unsigned long long)(d % 1000000000u / 1000u));
	}
	finish();
}

void text_signal(pid_t tid, const siginfo_t *si)
{
	begin(tid, NULL);
	sb_puts(&line, "--- ");
	sb_signal(&line, si->si_signo);
	sb_putc(&line, ' ');
	sb_siginfo(&line, si);
	sb_puts(&line, " ---");
	finish();
}

void text_superseded(pid_t tid, pid_t former)
{
	begin(tid, NULL);
	sb_printf(&line, "+++ superseded by execve in pid %d +++", (int)former);
	finish();
}

void text_exit(pid_t tid, int status)
{
	begin(tid, NULL);
	if (WIFEXITED(status)) {
		sb_printf(&line, "+++ exited with %d +++", WEXITSTATUS(status));
	} else {
		sb_puts(&line, "+++ killed by ");
		sb_signal(&line, WTERMSIG(status));
		sb_puts(&line, WCOREDUMP(status) ? " (core dumped) +++" : " +++");
	}
	finish();
}
