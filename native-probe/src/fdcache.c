/* fdcache.c - see fdcache.h. */
#define _GNU_SOURCE
#include "fdcache.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "capture.h"
#include "options.h"
#include "procfs.h"
#include "sockinfo.h"
#include "strbuf.h"

/* Beyond this many fds the table would cost more than the readlinks it saves. */
#define FDC_MAX_CACHED (1 << 20)

/*
 * E_VOLATILE: a file under /proc, whose name changes when the thread or process it belongs to
 * ends (" (deleted)"): asked again each time, as strace does for every fd.
 */
enum entry_kind { E_OTHER, E_PATH, E_UNSETTLED, E_VOLATILE };

struct fd_entry {
	char *text;            /* NULL: not known yet */
	unsigned char kind;    /* enum entry_kind */
};

/* strace's quoting of a path between < and >: those two are escaped too. */
static void quote_path(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		unsigned char ch = *p;

		switch (ch) {
		case '"': sb_puts(b, "\\\""); continue;
		case '\\': sb_puts(b, "\\\\"); continue;
		case '\f': sb_puts(b, "\\f"); continue;
		case '\n': sb_puts(b, "\\n"); continue;
		case '\r': sb_puts(b, "\\r"); continue;
		case '\t': sb_puts(b, "\\t"); continue;
		case '\v': sb_puts(b, "\\v"); continue;
		}
		if (ch >= ' ' && ch < 0x7f && ch != '<' && ch != '>') {
			sb_putc(b, (char)ch);
		} else if (p[1] >= '0' && p[1] <= '7') {
			sb_printf(b, "\\%03o", ch);
		} else {
			sb_printf(b, "\\%o", ch);
		}
	}
}

/*
 * readlink says "path (deleted)" for an unlinked file, but a file may really be called that:
 * it is deleted only if that name is not the fd's file (strace's test). Strips the suffix then.
 */
static int deleted(const char *link, char *path, size_t len)
{
	static const char sfx[] = " (deleted)";
	size_t n = sizeof(sfx) - 1;
	struct stat by_fd, by_name;

	if (len <= n || strcmp(path + len - n, sfx) != 0 || stat(link, &by_fd) < 0)
		return 0;
	if (lstat(path, &by_name) == 0 && by_fd.st_ino == by_name.st_ino &&
	    by_fd.st_dev == by_name.st_dev)
		return 0;
	path[len - n] = '\0';
	return 1;
}

/* -yy: "/dev/null<char 1:3>" for devices. */
static int device(struct strbuf *b, const char *path)
{
	struct stat st;

	if (path[0] != '/' || stat(path, &st) < 0 || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return 0;
	quote_path(b, path);
	sb_printf(b, "<%s %u:%u>", S_ISBLK(st.st_mode) ? "block" : "char", major(st.st_rdev),
		  minor(st.st_rdev));
	return 1;
}

/* -yy: "pid:1234" for a pidfd, from its fdinfo. */
static int pidfd(struct strbuf *b, pid_t pid, int fd, const char *path)
{
	char name[64], text[32];

	if (strcmp(path, "anon_inode:[pidfd]") != 0)
		return 0;
	snprintf(name, sizeof(name), "/proc/%d/fdinfo/%d", (int)pid, fd);
	if (procfs_file_field(name, "Pid", text, sizeof(text)) < 0 || atoi(text) <= 0)
		sb_puts(b, path);
	else
		sb_printf(b, "pid:%d", atoi(text));
	return 1;
}

/* The text of one fd, made now; *kind says how long it stays right. NULL if not open. */
static char *lookup(pid_t pid, int fd, unsigned char *kind)
{
	char name[32], link[64], path[PATH_MAX + 16], sock[512];
	struct strbuf b = { 0 };
	unsigned long inode;
	ssize_t n;
	int gone;

	snprintf(name, sizeof(name), "fd/%d", fd);
	snprintf(link, sizeof(link), "/proc/%d/%s", (int)pid, name);
	n = procfs_link(pid, name, path, sizeof(path));
	if (n < 0)
		return NULL;
	*kind = strncmp(path, "/proc/", 6) == 0 ? E_VOLATILE : path[0] == '/' ? E_PATH : E_OTHER;
	if (opt.decode_fds >= 2 && sscanf(path, "socket:[%lu]", &inode) == 1) {
		int rc = sockinfo_text(pid, fd, inode, sock, sizeof(sock));

		if (rc <= 0)
			*kind = E_UNSETTLED;
		return strdup(rc >= 0 ? sock : path);
	}
	gone = deleted(link, path, (size_t)n);
	if (opt.decode_fds >= 2 && !gone && (device(&b, path) || pidfd(&b, pid, fd, path)))
		return b.s;
	quote_path(&b, path);
	if (gone)
		sb_puts(&b, " (deleted)");
	if (!b.s)
		return strdup("");
	return b.s;
}

static int reserve(struct fd_cache *c, int fd)
{
	int cap = c->cap ? c->cap : 64;
	struct fd_entry *p;

	if (fd < c->cap)
		return 0;
	while (cap <= fd)
		cap *= 2;
	p = realloc(c->fds, cap * sizeof(*p));
	if (!p)
		return -1;
	memset(p + c->cap, 0, (cap - c->cap) * sizeof(*p));
	c->fds = p;
	c->cap = cap;
	return 0;
}

static const char *cached(struct fd_cache *c, pid_t pid, int fd)
{
	static char *uncached;
	unsigned char kind = E_OTHER;
	struct fd_entry *e;

	if (fd < 0)
		return NULL;
	if (c->via)
		pid = c->via;
	if (fd >= FDC_MAX_CACHED || reserve(c, fd) < 0) {
		free(uncached);
		uncached = lookup(pid, fd, &kind);
		return uncached;
	}
	e = &c->fds[fd];
	if (e->text && e->kind == E_VOLATILE)
		fdc_forget(c, fd);
	if (!e->text) {
		e->text = lookup(pid, fd, &kind);
		e->kind = kind;
		if (e->text && kind == E_UNSETTLED)
			c->unsettled++;
	}
	return e->text;
}

const char *fdc_path(struct fd_cache *c, pid_t pid, int fd)
{
	const char *text;

	if (capture_replay_fd(fd, &text))
		return text;
	text = cached(c, pid, fd);
	capture_record_fd(fd, text);
	return text;
}

const char *fdc_cwd(struct fd_cache *c, pid_t pid)
{
	const char *text;
	char path[PATH_MAX];

	if (capture_replay_fd(AT_FDCWD, &text))
		return text;
	if (c->via)
		pid = c->via;
	if (!c->cwd && procfs_link(pid, "cwd", path, sizeof(path)) >= 0) {
		struct strbuf b = { 0 };

		quote_path(&b, path);
		c->cwd = b.s ? b.s : strdup("");
	}
	capture_record_fd(AT_FDCWD, c->cwd);
	return c->cwd;
}

void fdc_forget(struct fd_cache *c, int fd)
{
	struct fd_entry *e;

	if (fd < 0 || fd >= c->cap)
		return;
	e = &c->fds[fd];
	if (e->text && e->kind == E_UNSETTLED)
		c->unsettled--;
	free(e->text);
	e->text = NULL;
}

void fdc_forget_cwd(struct fd_cache *c)
{
	free(c->cwd);
	c->cwd = NULL;
}

void fdc_forget_all(struct fd_cache *c)
{
	int fd;

	for (fd = 0; fd < c->cap; fd++)
		fdc_forget(c, fd);
	fdc_forget_cwd(c);
}

void fdc_forget_unsettled(struct fd_cache *c)
{
	int fd;

	for (fd = 0; fd < c->cap && c->unsettled > 0; fd++)
		if (c->fds[fd].text && c->fds[fd].kind == E_UNSETTLED)
			fdc_forget(c, fd);
}

void fdc_forget_paths(struct fd_cache *c)
{
	int fd;

	for (fd = 0; fd < c->cap; fd++)
		if (c->fds[fd].text && c->fds[fd].kind == E_PATH)
			fdc_forget(c, fd);
}

void fdc_release(struct fd_cache *c)
{
	fdc_forget_all(c);
	free(c->fds);
	c->fds = NULL;
	c->cap = 0;
}
