/*
 * stream.h - agent mode: the binary record stream of protocol.h on stdout.
 *
 * One mutex-protected buffer, written by the tracer thread (syscall and thread records) and the
 * control thread (heartbeats). stdout is non-blocking: bytes the agent has not taken yet stay
 * in the buffer, and when it is full syscall records are dropped and counted instead of
 * stopping a traced thread.
 */
#ifndef SL_STREAM_H
#define SL_STREAM_H

#include <stdint.h>
#include <sys/types.h>

#include "decode.h"

/* Takes over fd (made non-blocking); 0 or -1. */
int stream_init(int fd);
void stream_hello(pid_t target, unsigned threads);
/*
 * The stamp of a syscall stop, read under the lock. Until stream_release(), heartbeats say no
 * more than stamp - 1, so a record queued after the thread was resumed still comes before
 * every heartbeat later than the thread's return to user space (protocol.h).
 */
uint64_t stream_hold(void);
void stream_release(void);
/* Queues the record of a completed call, with its fd and that fd's text (NULL: none). */
void stream_syscall(const struct call *c, int fd, const char *fd_target);
void stream_thread(pid_t tid, unsigned event);
/* Sends a heartbeat and flushes; a no-op before HELLO and after BYE or ERROR. */
void stream_heartbeat(void);
/* The last record: ERROR or BYE. Both flush what is left, waiting a bounded time. */
void stream_error(int err, pid_t tracer, const char *message);
void stream_bye(void);
/* True once the agent closed its end of the pipe. */
int stream_broken(void);

#endif
