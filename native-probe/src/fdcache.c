/* fdcache.c - see fdcache.h. */
#include "fdcache.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"

/* Beyond this many fds the table would cost more than the readlinks it saves. */
#define FDC_MAX_CACHED (1 << 20)

static char *lookup(pid_t pid, const char *name)
{
	char buf[PATH_MAX];

	if (procfs_link(pid, name, buf, sizeof(buf)) < 0)
		return NULL;
	return strdup(buf);
}

static int reserve(struct fd_cache *c, int fd)
{
	int cap = c->cap ? c->cap : 64;
	char **p;

	if (fd < c->cap)
		return 0;
	while (cap <= fd)
		cap *= 2;
	p = realloc(c->paths, cap * sizeof(*p));
	if (!p)
		return -1;
	memset(p + c->cap, 0, (cap - c->cap) * sizeof(*p));
	c->paths = p;
	c->cap = cap;
	return 0;
}

const char *fdc_path(struct fd_cache *c, pid_t pid, int fd)
{
	static char *uncached;
	char name[32];

	if (fd < 0)
		return NULL;
	snprintf(name, sizeof(name), "fd/%d", fd);
	if (fd >= FDC_MAX_CACHED || reserve(c, fd) < 0) {
		free(uncached);
		uncached = lookup(pid, name);
		return uncached;
	}
	if (!c->paths[fd])
		c->paths[fd] = lookup(pid, name);
	return c->paths[fd];
}

const char *fdc_cwd(struct fd_cache *c, pid_t pid)
{
	if (!c->cwd)
		c->cwd = lookup(pid, "cwd");
	return c->cwd;
}

void fdc_forget(struct fd_cache *c, int fd)
{
	if (fd >= 0 && fd < c->cap) {
		free(c->paths[fd]);
		c->paths[fd] = NULL;
	}
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

void fdc_release(struct fd_cache *c)
{
	fdc_forget_all(c);
	free(c->paths);
	c->paths = NULL;
	c->cap = 0;
}
