/* procfs.h - the few /proc facts the probe needs. */
#ifndef SL_PROCFS_H
#define SL_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* The text after "<field>:" in a file of such lines (/proc/<pid>/fdinfo/<fd>), blanks skipped. */
int procfs_file_field(const char *path, const char *field, char *buf, size_t size);
/* The text after "<field>:" in /proc/<pid>/status, blanks skipped, into buf; 0 or -1. */
int procfs_status_text(pid_t pid, const char *field, char *buf, size_t size);
/* The number after "<field>:" in /proc/<pid>/status (Tgid, TracerPid ...), or -1. */
long procfs_status_field(pid_t pid, const char *field);

/* readlink of /proc/<pid>/<name> (e.g. "fd/3", "cwd") into buf, NUL-terminated; length or -1. */
ssize_t procfs_link(pid_t pid, const char *name, char *buf, size_t size);

/* The first line of a small file (e.g. /proc/5678/comm), without its newline; 0 or -1. */
int procfs_read_line(const char *path, char *buf, size_t size);

#endif
