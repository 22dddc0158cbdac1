/*
 * decode.h - one syscall in flight, and the helpers decoders use to print its arguments.
 *
 * A decoder runs at the entry stop and at the exit stop. At entry it prints everything the
 * call reads (paths, buffers written, addresses passed in), since the memory may change while
 * the call runs; at exit it prints what the call wrote (buffers read, addresses returned).
 * The text accumulates in c->args_text; the line is printed or sent only at exit.
 */
#ifndef SL_DECODE_H
#define SL_DECODE_H

#include <stdint.h>
#include <sys/types.h>

#include "strbuf.h"
#include "syscall_table.h"

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
	uint64_t enter_ns;
	uint64_t exit_ns;
	struct strbuf args_text; /* "3, \"hello\", 5" */
	struct strbuf ret_text;  /* filled at exit; decoders may fill it, else see decode_ret() */
	const char *name;      /* row->name, or name_buf for numbers the table does not know */
	char name_buf[24];
};

/* The decoders, one family per file. */
decode_fn decode_generic, decode_exit;
decode_fn decode_open, decode_openat, decode_creat, decode_execve;           /* decode_file.c */
decode_fn decode_read, decode_write, decode_pread, decode_pwrite, decode_close,
	decode_dup, decode_dup2, decode_dup3, decode_lseek, decode_pipe; /* decode_fd.c */
decode_fn decode_socket, decode_bind, decode_listen, decode_accept4,
	decode_recvfrom, decode_sendto, decode_sockname, decode_shutdown;        /* decode_net.c */

/* Helpers (decode_util.c): each appends one argument to c->args_text. */
void arg_sep(struct call *c);                        /* ", " */
void arg_fd(struct call *c, int fd);                 /* 3, or 3</path> with -y */
void arg_dirfd(struct call *c, int fd);              /* AT_FDCWD (</cwd> with -y) or arg_fd */
void arg_path(struct call *c, uint64_t addr);        /* "path", NULL, or the address */
void arg_ptr(struct call *c, uint64_t addr);         /* NULL or 0x... */
void arg_int(struct call *c, uint64_t v);            /* as a C int */
void arg_ulong(struct call *c, uint64_t v);          /* as an unsigned long */
void arg_long(struct call *c, uint64_t v);           /* as a long */
/* A buffer of len bytes, cut at the -s limit; its address when it cannot be read. */
void arg_buf(struct call *c, uint64_t addr, uint64_t len);
/* At exit: the data a read-like call stored in its buffer of `size` bytes (the address when it
 * failed). The return value may exceed the buffer (recvfrom with MSG_TRUNC). */
void arg_buf_out(struct call *c, uint64_t addr, uint64_t size);
/* Reads the int at addr into *v; 0 or -1. */
int read_int(struct call *c, uint64_t addr, int *v);

/* Fills c->ret at exit when the decoder did not: errno text, fd with its path, hex or decimal. */
void decode_ret(struct call *c);

#endif
