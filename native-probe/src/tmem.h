/* tmem.h - reading a stopped tracee's memory. */
#ifndef SL_TMEM_H
#define SL_TMEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Copies exactly len bytes at addr; 0 on success, -1 when any of them cannot be read. */
int tmem_read(pid_t tid, uint64_t addr, void *dst, size_t len);

/*
 * Copies a NUL-terminated string of at most max bytes into dst (room for max + 1), always
 * terminating dst. Returns its length, or max when no NUL came within max bytes, or -1 when
 * not even its first byte can be read.
 */
ssize_t tmem_read_str(pid_t tid, uint64_t addr, char *dst, size_t max);

#endif
