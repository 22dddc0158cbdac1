/*
 * decode.h - one syscall in flight, and the helpers decoders use to print its arguments.
 *
 * A decoder runs at the entry stop and at the exit stop. At entry it prints everything the
 * call reads (paths, buffers written, addresses passed in), since the memory may change while
 * the call runs; at exit it prints what the call wrote (buffers read, addresses returned).
 * The text accumulates in c->args_text; the line is printed or sent only at exit. A decoder
 * may fill c->ret_text at exit when strace adds to the return value ("= 1 ([{fd=3, ...}])");
 * otherwise decode_ret() prints it.
 */
#ifndef SL_DECODE_H
#define SL_DECODE_H

#include <stdint.h>
#include <sys/types.h>

#include "strbuf.h"
#include "syscall_table.h"
#include "xlat.h"

struct proc;

struct call {
	pid_t tid;
	struct proc *proc;
	const struct syscall_row *row;
	int nr;
	int exiting;
	int failed;            /* at exit: the kernel reported an error */
	int64_t rval;          /* at exit: the raw return value */
	uint64_t args[6];
	uint64_t saved[2];     /* decoder scratch from entry to exit (e.g. an addrlen's value) */
	/* Larger decoder state from entry to exit (recvmmsg: the name lengths offered). Like
	 * saved[], written only at entry: a decoder runs twice per stop (capture.h). */
	uint64_t scratch[36];
	uint64_t enter_ns;
	uint64_t exit_ns;
	struct strbuf args_text; /* "3, \"hello\", 5" */
	struct strbuf ret_text;  /* filled at exit; decoders may fill it, else see decode_ret() */
	const char *name;      /* row->name, or name_buf for numbers the table does not know */
	char name_buf[24];
};

/* The decoders, one family per file. */
decode_fn decode_generic, decode_none, decode_exit;                     /* decode_util.c */
decode_fn decode_open, decode_openat, decode_openat2, decode_creat;     /* decode_file.c */
decode_fn decode_access, decode_faccessat, decode_faccessat2, decode_mkdir, decode_mkdirat,
	decode_path_only, decode_unlinkat, decode_rename, decode_renameat, decode_renameat2,
	decode_readlink, decode_readlinkat, decode_chmod, decode_fchmod, decode_fchmodat,
	decode_truncate, decode_getdents64;                              /* decode_path.c */
decode_fn decode_fstat, decode_stat, decode_newfstatat, decode_statx;  /* decode_stat.c */
decode_fn decode_read, decode_write, decode_pread, decode_pwrite, decode_close,
	decode_close_range, decode_fd_only, decode_dup2, decode_dup3, decode_lseek,
	decode_ftruncate, decode_flock, decode_pipe, decode_eventfd2;    /* decode_fd.c */
decode_fn decode_readv, decode_writev, decode_preadv, decode_pwritev, decode_preadv2,
	decode_pwritev2;                                                 /* decode_iov.c */
decode_fn decode_sendfile, decode_copy_file_range, decode_splice, decode_sync_file_range,
	decode_fallocate, decode_fadvise64;                              /* decode_xfer.c */
decode_fn decode_fcntl;                                                 /* decode_fcntl.c */
decode_fn decode_ioctl;                                                 /* decode_ioctl.c */
decode_fn decode_mmap, decode_munmap, decode_mprotect, decode_msync, decode_madvise,
	decode_mincore, decode_mremap, decode_brk;                       /* decode_mem.c */
decode_fn decode_socket, decode_socketpair, decode_bind, decode_listen, decode_accept4,
	decode_recvfrom, decode_sendto, decode_sockname, decode_shutdown; /* decode_net.c */
decode_fn decode_setsockopt, decode_getsockopt;                         /* decode_sockopt.c */
decode_fn decode_sendmsg, decode_recvmsg, decode_sendmmsg, decode_recvmmsg; /* decode_msg.c */
decode_fn decode_poll, decode_ppoll, decode_select, decode_pselect6;    /* decode_poll.c */
decode_fn decode_epoll_create, decode_epoll_create1, decode_epoll_ctl, decode_epoll_wait,
	decode_epoll_pwait, decode_epoll_pwait2;                         /* decode_epoll.c */
decode_fn decode_clone, decode_clone3, decode_execve, decode_wait4, decode_kill,
	decode_tgkill;                                                   /* decode_proc.c */

/* Helpers (decode_util.c): each appends one argument to c->args_text. */
void arg_sep(struct call *c);                        /* ", " */
void arg_fd(struct call *c, int fd);                 /* 3, or 3</path> with -y */
void arg_dirfd(struct call *c, int fd);              /* AT_FDCWD (</cwd> with -y) or arg_fd */
void arg_path(struct call *c, uint64_t addr);        /* "path", NULL, or the address */
void arg_ptr(struct call *c, uint64_t addr);         /* NULL or 0x... */
void arg_hex(struct call *c, uint64_t v);            /* 0 or 0x... */
void arg_int(struct call *c, uint64_t v);            /* as a C int */
void arg_uint(struct call *c, uint64_t v);           /* as a C unsigned int */
void arg_ulong(struct call *c, uint64_t v);          /* as an unsigned long */
void arg_long(struct call *c, uint64_t v);           /* as a long */
void arg_mode(struct call *c, uint64_t mode);        /* permission bits in octal: 0644 */
void arg_flags(struct call *c, const struct xlat *x, uint64_t v, const char *dflt);
void arg_xval(struct call *c, const struct xlat *x, uint64_t v, const char *dflt);
/* A buffer of len bytes, cut at the -s limit; its address when it cannot be read. */
void arg_buf(struct call *c, uint64_t addr, uint64_t len);
/* At exit: the data a read-like call stored in its buffer of `size` bytes (the address when it
 * failed). The return value may exceed the buffer (recvfrom with MSG_TRUNC). */
void arg_buf_out(struct call *c, uint64_t addr, uint64_t size);
/* Reads the int at addr into *v; 0 or -1. */
int read_int(struct call *c, uint64_t addr, int *v);
/* The int at addr as [5]: NULL, or its address when it cannot be read. */
void arg_int_at(struct call *c, uint64_t addr);
/* Reads len bytes at addr into dst; 0 or -1 (also for addr 0). */
int read_mem(struct call *c, uint64_t addr, void *dst, size_t len);

/*
 * An array of n elements of `size` bytes at addr, as strace prints one: NULL, [], the address
 * when the first element cannot be read, else [e0, e1, ...] with at most -s elements before
 * "...". print_elem appends one element, given its bytes; it returns 0 to stop early.
 */
typedef int elem_fn(struct call *c, const void *elem, void *ctx);
void arg_array(struct call *c, uint64_t addr, uint64_t n, size_t size, elem_fn *print_elem,
	       void *ctx);

/* At exit: the two fds a pipe or socketpair stored, [3, 4], an array like any other. */
void arg_fd_pair(struct call *c, uint64_t addr);

/* An iovec array (decode_iov.c): iov_base as strings, at most data_size bytes in all
 * (UINT64_MAX: each buffer whole), or as addresses when as_addr (a failed read). */
void arg_iov(struct call *c, uint64_t addr, uint64_t cnt, uint64_t data_size, int as_addr);

/* Kernel types (decode_types.c). */
void arg_timespec(struct call *c, uint64_t addr);    /* {tv_sec=1, tv_nsec=5}, NULL or addr */
void arg_timeval(struct call *c, uint64_t addr);     /* {tv_sec=1, tv_usec=5}, NULL or addr */
void sb_timespec(struct strbuf *b, int64_t sec, uint64_t nsec);
void arg_signal(struct call *c, uint64_t sig);       /* SIGTERM, 0, or a number */
/* A sigset_t of len bytes: [INT TERM], ~[...] when most are set, the address for a bad len. */
void arg_sigset(struct call *c, uint64_t addr, uint64_t len);
void sb_sigmask(struct strbuf *b, const uint32_t *mask, unsigned words);
/* A file mode as strace prints st_mode: S_IFREG|0644 (decode_stat.c). */
void sb_file_mode(struct strbuf *b, unsigned mode);

/* Flag tables shared between families. */
extern const struct xlat open_flags[];   /* decode_file.c: O_* without the access mode */
extern const struct xlat at_flags[];     /* decode_path.c: AT_SYMLINK_NOFOLLOW ... */
extern const struct xlat msg_flags[];    /* decode_net.c: MSG_* */
extern const struct xlat socket_levels[]; /* decode_sockopt.c: SOL_SOCKET, SOL_TCP ... */
/* O_RDONLY|O_CLOEXEC: an access mode, then the other open flags (decode_file.c). */
void sb_open_flags(struct strbuf *b, unsigned flags);

/* Fills c->ret_text at exit when the decoder did not: errno text, fd with its path, hex or
 * decimal. */
void decode_ret(struct call *c);
/* At exit: the return value as a new fd (its cached path dropped first), with -y its path. */
void ret_new_fd(struct call *c);
/* At exit: fd is new in the process (received, duplicated): drop its cached path. */
void forget_fd(struct call *c, int fd);

#endif
