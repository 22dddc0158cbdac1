/* json_out.c - see json_out.h. */
#include "json_out.h"

#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "errnoent.h"
#include "siginfo.h"
#include "text_out.h"

static struct strbuf line;

void json_string(struct strbuf *b, const char *s, size_t len)
{
	size_t i;

	sb_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\') {
			sb_putc(b, '\\');
			sb_putc(b, (char)ch);
		} else if (ch == '\n') {
			sb_puts(b, "\\n");
		} else if (ch < 0x20 || ch >= 0x7f) {
			/* Bytes above ASCII (strace's text escapes them anyway) as Latin-1 */
			sb_printf(b, "\\u%04x", ch);
		} else {
			sb_putc(b, (char)ch);
		}
	}
	sb_putc(b, '"');
}

static void key_string(const char *key, const char *s)
{
	sb_printf(&line, ",\"%s\":", key);
	json_string(&line, s, strlen(s));
}

/* RFC 3339 in local time: "2025-11-27T14:33:26.034781+01:00". */
static void iso_time(const struct timespec *at)
{
	struct tm tm;
	char date[32];
	long off;

	localtime_r(&at->tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff / 60;
	sb_printf(&line, ",\"time\":\"%s.%06ld%c%02ld:%02ld\"", date, at->tv_nsec / 1000,
		  off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
}

/*
 * The arguments one by one: strace's text cut at the ", " that are not inside a string, a
 * bracket, a brace, a parenthesis or an fd's <...>. Joined with ", " they give the text back.
 */
static void split_args(const char *s)
{
	int depth = 0, angle = 0, quoted = 0, first = 1;
	const char *start = s, *p;

	sb_puts(&line, ",\"args\":[");
	for (p = s; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = 0;
			continue;
		}
		switch (*p) {
		case '"': quoted = 1; break;
		case '(': case '[': case '{': depth++; break;
		case ')': case ']': case '}': depth -= depth > 0; break;
		case '<': angle++; break;
		case '>': angle -= angle > 0 && p > s && p[-1] != '-' && p[-1] != '='; break;
		case ',':
			if (depth == 0 && angle == 0 && p[1] == ' ') {
				if (!first)
					sb_putc(&line, ',');
				json_string(&line, start, p - start);
				first = 0;
				start = p + 2;
				p++;
			}
			break;
		}
	}
	if (p > start || !first) {
		if (!first)
			sb_putc(&line, ',');
		json_string(&line, start, p - start);
	}
	sb_putc(&line, ']');
}

static void fd_object(const struct capture *cap)
{
	static const char deleted[] = " (deleted)";
	const char *t = cap->fd_text;
	size_t len, dlen = sizeof(deleted) - 1;

	if (cap->fd < 0) {
		sb_puts(&line, ",\"fd\":null");
		return;
	}
	sb_printf(&line, ",\"fd\":{\"fd\":%d", cap->fd);
	if (t) {
		key_string("target", t);
		len = strlen(t);
		if (t[0] == '/') {
			int gone = len > dlen && strcmp(t + len - dlen, deleted) == 0;

			sb_puts(&line, ",\"path\":");
			json_string(&line, t, gone ? len - dlen : len);
			if (gone)
				sb_puts(&line, ",\"deleted\":true");
		}
	}
	sb_putc(&line, '}');
}

void json_syscall(const struct tracee *t)
{
	const struct call *c = &t->call;
	const char *ret = sb_str(&c->ret_text);
	int unfinished = ret[0] == '?' && ret[1] == '\0';
	const char *err = c->failed && !unfinished ? errno_name((int)-c->rval) : NULL;

	sb_reset(&line);
	sb_printf(&line, "{\"type\":\"syscall\",\"tid\":%d,\"pid\":%d", (int)c->tid,
		  t->proc ? (int)t->proc->tgid : (int)c->tid);
	iso_time(&t->enter_wall);
	key_string("name", c->name);
	sb_printf(&line, ",\"nr\":%d", c->nr);
	split_args(sb_str(&c->args_text));
	if (unfinished)
		sb_puts(&line, ",\"ret\":null");
	else
		sb_printf(&line, ",\"ret\":%lld", (long long)c->rval);
	key_string("retText", ret);
	if (err)
		key_string("errno", err);
	else
		sb_puts(&line, ",\"errno\":null");
	sb_printf(&line, ",\"durationUs\":%.3f", (double)(c->exit_ns - c->enter_ns) / 1000.0);
	fd_object(&t->cap);
	sb_putc(&line, '}');
	text_write_line(&line);
}

void json_signal(pid_t tid, const siginfo_t *si)
{
	struct strbuf s = { 0 };

	sb_reset(&line);
	sb_printf(&line, "{\"type\":\"signal\",\"tid\":%d,\"signal\":", (int)tid);
	sb_signal(&s, si->si_signo);
	json_string(&line, sb_str(&s), s.len);
	sb_reset(&s);
	sb_siginfo(&s, si);
	sb_puts(&line, ",\"info\":");
	json_string(&line, sb_str(&s), s.len);
	sb_putc(&line, '}');
	sb_free(&s);
	text_write_line(&line);
}

void json_exit(pid_t tid, int status)
{
	sb_reset(&line);
	if (WIFEXITED(status)) {
		sb_printf(&line, "{\"type\":\"exit\",\"tid\":%d,\"status\":%d}", (int)tid,
			  WEXITSTATUS(status));
	} else {
		struct strbuf s = { 0 };

		sb_printf(&line, "{\"type\":\"killed\",\"tid\":%d,\"signal\":", (int)tid);
		sb_signal(&s, WTERMSIG(status));
		json_string(&line, sb_str(&s), s.len);
		sb_printf(&line, ",\"coreDumped\":%s}", WCOREDUMP(status) ? "true" : "false");
		sb_free(&s);
	}
	text_write_line(&line);
}

void json_superseded(pid_t tid, pid_t former)
{
	sb_reset(&line);
	sb_printf(&line, "{\"type\":\"superseded\",\"tid\":%d,\"former\":%d}", (int)tid,
		  (int)former);
	text_write_line(&line);
}
