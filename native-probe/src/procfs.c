/* procfs.c - see procfs.h. */
#include "procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, got = 0;
	int fd;

	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return -1;
	while ((size_t)got < size - 1) {
		n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	buf[got] = '\0';
	return got;
}

int procfs_file_field(const char *path, const char *field, char *buf, size_t size)
{
	char text[4096], *p;
	size_t flen = strlen(field), n;

	if (read_file(path, text, sizeof(text)) <= 0)
		return -1;
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, field, flen) != 0 || p[flen] != ':')
			continue;
		p += flen + 1 + strspn(p + flen + 1, " \t");
		n = strcspn(p, "\n");
		if (n >= size)
			n = size - 1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		return 0;
	}
	return -1;
}

int procfs_status_text(pid_t pid, const char *field, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	return procfs_file_field(path, field, buf, size);
}

long procfs_status_field(pid_t pid, const char *field)
{
	char text[32];

	return procfs_status_text(pid, field, text, sizeof(text)) < 0 ? -1 : strtol(text, NULL, 10);
}

ssize_t procfs_link(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	n = readlink(path, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

int procfs_read_line(const char *path, char *buf, size_t size)
{
	char *nl;

	if (read_file(path, buf, size) < 0)
		return -1;
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	return 0;
}
