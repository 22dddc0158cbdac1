/*
 * protocol.h - the byte stream between syscall-lens-probe (agent mode) and the Java agent.
 *
 * Mirrored one to one by agent/src/main/java/dev/syscalllens/agent/probe/ProbeProtocol.java.
 * Change both together and bump SL_PROTO_VERSION.
 *
 * Direction probe -> agent (the probe's stdout): a sequence of records. Every record starts with
 * struct sl_rec_header; `size` is the whole record in bytes, header included, always a multiple of 8.
 * All integers are in the host's byte order (both ends run on the same machine). A reader skips
 * records whose type it does not know, using `size`.
 *
 * Direction agent -> probe (the probe's stdin): text lines, one command each.
 *   "go TID TID ...\n"   attach now; the listed tids are the agent's own threads, never traced.
 *                         Sent after the agent has called prctl(PR_SET_PTRACER, probe_pid).
 *   "exclude TID\n"      stop tracing this thread (an agent thread started after attach).
 *   "beat\n"             send a HEARTBEAT now, not at the next period (the agent's exit waits
 *                         for one that passes the moment it began to stop).
 * End of file on stdin means the agent is gone: the probe detaches every thread and exits.
 *
 * Clock: every stamp is CLOCK_MONOTONIC in nanoseconds, the clock behind System.nanoTime() on Linux.
 */
#ifndef SL_PROTOCOL_H
#define SL_PROTOCOL_H

#include <stdint.h>

#define SL_PROTO_MAGIC   0x53594c50u /* "SYLP" */
#define SL_PROTO_VERSION 2u

enum sl_rec_type {
	SL_REC_HELLO     = 1, /* attach done: the first record of a healthy stream */
	SL_REC_SYSCALL   = 2, /* one completed syscall */
	SL_REC_HEARTBEAT = 3, /* the probe's clock; see below */
	SL_REC_ERROR     = 4, /* a fatal error; the probe exits after sending it */
	SL_REC_DROPPED   = 5, /* syscall records dropped because the agent did not read fast enough */
	SL_REC_THREAD    = 6, /* a thread was attached or ended */
	SL_REC_BYE       = 7, /* every thread detached; the last record */
};

struct sl_rec_header {
	uint32_t type; /* enum sl_rec_type */
	uint32_t size; /* bytes in the whole record, header included; a multiple of 8 */
};

/* SL_REC_HELLO */
struct sl_rec_hello {
	struct sl_rec_header h;
	uint32_t magic;       /* SL_PROTO_MAGIC */
	uint32_t version;     /* SL_PROTO_VERSION */
	int32_t probe_pid;
	int32_t target_pid;
	uint32_t threads;     /* threads attached */
	uint32_t reserved;
	uint64_t now_ns;      /* CLOCK_MONOTONIC when attach finished */
};

/*
 * SL_REC_SYSCALL. Fixed part, then `text`: the syscall name, its arguments, its return value
 * and its fd target, concatenated without separators (lengths below), then zero padding up to
 * a multiple of 8. The first three are exactly as strace -yy prints them. Example: name
 * "write", args "4</tmp/x>, \"hello world\\n\", 12", ret "12", fd 4, fd_target "/tmp/x"; for a
 * failed call ret is "-1 ENOENT (No such file or directory)".
 *
 * fd is the descriptor the call acts on (the first one its arguments print), or the one it
 * returned (open*, socket, accept*, dup*, ...); -1 when there is none. fd_target is that fd's
 * -yy text without the number and the angle brackets: "/tmp/x", "TCP:[127.0.0.1:8080->
 * 127.0.0.1:40000]", "pipe:[1234]", "anon_inode:[eventfd]"; an unlinked file's path ends in
 * " (deleted)"; empty when unknown.
 *
 * Ordering guarantee that the agent relies on: the record of a syscall precedes in the stream
 * every heartbeat whose now_ns is later than the traced thread's return to user space. (The
 * probe formats the record after resuming the thread; while it does, heartbeats say at most
 * the stamp of the stop minus one.)
 */
struct sl_rec_syscall {
	struct sl_rec_header h;
	int32_t tid;
	int32_t nr;           /* syscall number of the target's architecture */
	int64_t ret;          /* raw return value; -4095..-1 is -errno for most syscalls */
	uint64_t args[6];
	uint64_t enter_ns;    /* CLOCK_MONOTONIC at the syscall-entry stop */
	uint64_t exit_ns;     /* CLOCK_MONOTONIC at the syscall-exit stop */
	uint16_t name_len;
	uint16_t args_len;
	uint16_t ret_len;
	uint16_t flags;       /* SL_SC_* */
	int32_t fd;           /* see above; -1: none */
	uint16_t fd_target_len;
	uint16_t reserved;    /* 0 */
	/* char text[name_len + args_len + ret_len + fd_target_len], then padding */
};

#define SL_SC_FAILED    0x1u /* the call failed; ret text carries the errno name */
#define SL_SC_TRUNCATED 0x2u /* the text was cut to fit SL_TEXT_MAX */

#define SL_TEXT_MAX 4096u    /* most bytes of text in one syscall record */
#define SL_FD_TARGET_MAX 1024u /* most bytes of fd_target (part of SL_TEXT_MAX) */

/*
 * SL_REC_HEARTBEAT. now_ns is read while holding the stream's lock, so every syscall record
 * queued before this one has exit_ns <= now_ns; while a thread's stop is being handled it is at
 * most that stop's stamp minus one, so no syscall record that comes later has exit_ns <= now_ns.
 * Never decreases. Sent at least every SL_HEARTBEAT_MS while the probe runs.
 */
struct sl_rec_heartbeat {
	struct sl_rec_header h;
	uint64_t now_ns;
	uint64_t dropped_total; /* syscall records dropped so far */
};

#define SL_HEARTBEAT_MS 10

/* SL_REC_ERROR, then `text` (message_len bytes, e.g. "PTRACE_SEIZE 1234: Operation not permitted"), padded */
struct sl_rec_error {
	struct sl_rec_header h;
	int32_t err;          /* errno of the failing call, or 0 */
	int32_t tracer_pid;   /* when a thread is already traced: the TracerPid, else 0 */
	uint32_t message_len;
	uint32_t reserved;
	/* char text[message_len], then padding */
};

/* SL_REC_DROPPED */
struct sl_rec_dropped {
	struct sl_rec_header h;
	uint64_t count;       /* records dropped since the previous SL_REC_DROPPED */
	uint64_t now_ns;
};

enum sl_thread_event {
	SL_THREAD_ATTACHED = 1,
	SL_THREAD_EXITED   = 2,
	SL_THREAD_EXCLUDED = 3, /* detached on the agent's request */
};

/* SL_REC_THREAD */
struct sl_rec_thread {
	struct sl_rec_header h;
	int32_t tid;
	uint32_t event;       /* enum sl_thread_event */
	uint64_t now_ns;
};

/* SL_REC_BYE */
struct sl_rec_bye {
	struct sl_rec_header h;
	uint64_t now_ns;
	uint64_t syscalls;    /* syscall records sent in all */
	uint64_t dropped;     /* syscall records dropped in all */
};

#endif /* SL_PROTOCOL_H */
