/*
 * capture.h - reading a stopped thread, formatting after it runs on.
 *
 * A decoder both reads the tracee (memory through tmem.c, fd texts through fdcache.c) and
 * formats. To keep the thread stopped only for the reads, syscall_stop.c runs each decoder
 * twice: once while the thread is stopped, recording, with the call's text buffers discarding
 * whatever is appended (nothing is formatted); then, once the thread is resumed, replaying:
 * the same decoder, given the same arguments, asks for the same reads and gets the recorded
 * bytes back, and this time its text is kept.
 *
 * The contract for decoders: read the tracee only through tmem_read/tmem_read_str and the fd
 * cache, and decide what to read from the call's arguments and what was read, never from the
 * text printed so far. A read that was not recorded is served live and counted as a miss
 * (SL_CAPTURE_DEBUG=1 in the environment logs each one).
 */
#ifndef SL_CAPTURE_H
#define SL_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

struct capture {
	unsigned char *log;     /* entries, see capture.c */
	size_t len, cap;
	size_t cursor;          /* replay: where the next read is looked for first */
	int fd;                 /* the fd the call acts on: the first one printed; -1 if none */
	char *fd_text;          /* its text as the fd cache gave it, or NULL */
};

enum capture_mode { CAPTURE_OFF, CAPTURE_RECORD, CAPTURE_REPLAY };

/* A new call: forgets its fd. */
void capture_new_call(struct capture *cap);
/* Starts recording one phase (entry or exit), or replaying what was recorded for it. */
void capture_begin(struct capture *cap, enum capture_mode mode);
void capture_end(void);
enum capture_mode capture_mode(void);
void capture_free(struct capture *cap);

/* The call returned fd: it becomes the call's fd, with the text recorded for it if any. */
void capture_set_fd(struct capture *cap, int fd);

/* tmem.c: 1 when a replayed read was served (its result in *rc), else 0: read for real. */
int capture_replay_mem(uint64_t addr, void *dst, size_t len, int *rc);
void capture_record_mem(uint64_t addr, const void *src, size_t len, int rc);

/* fdcache.c: the same for fd texts (fd AT_FDCWD: the current directory). */
int capture_replay_fd(int fd, const char **text);
void capture_record_fd(int fd, const char *text);

/* Reads that a replay did not find in the log, since start. */
unsigned long capture_misses(void);

#endif
