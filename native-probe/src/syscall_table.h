/* syscall_table.h - what the probe knows about each syscall number of the target architecture. */
#ifndef SL_SYSCALL_TABLE_H
#define SL_SYSCALL_TABLE_H

struct call;
typedef void decode_fn(struct call *c);

/*
 * One row per syscall. `decode` is called at the entry stop and again at the exit stop
 * (c->exiting tells which) and appends the argument text; NULL prints the first `nargs`
 * arguments in hex. `flags` tell the tracer what the call does to the fd table.
 */
struct syscall_row {
	unsigned char nargs;
	unsigned short flags;
	decode_fn *decode;
	const char *name;
};

#define SF_RET_FD     0x01 /* success returns a new fd: forget its cached path; -y prints it */
#define SF_CLOSES_FD  0x02 /* closes the fd in argument 0 */
#define SF_FD_PAIR    0x04 /* success stores two new fds in an int[2]: arg 0 or 3 (socketpair) */
#define SF_CLOSES_ANY 0x08 /* may close many fds (close_range): forget them all */
#define SF_RET_ADDR   0x10 /* the return value is an address: print it in hex */
#define SF_CHDIR      0x20 /* changes the current directory */
#define SF_EXEC       0x40 /* execve/execveat: the process image is replaced */

/* The row of syscall nr; never NULL: numbers without a name get a generic row (and are printed
 * as syscall_0x3e7, strace's way). */
const struct syscall_row *syscall_row(int nr);

/* The number of the syscall called name on the target architecture, or -1 (a linear search:
 * for tests and set-up, not per call). */
int syscall_nr(const char *name);

#endif
