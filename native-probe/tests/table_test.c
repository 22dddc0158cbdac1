/*
 * table_test: unit test of the syscall table of one architecture (TABLE_ARCH, x86_64 or
 * aarch64), linked with that architecture's generated numbers whatever the host: `make unit`
 * builds and runs target/unit/table_test_<arch> for each. It checks a few numbers everyone
 * knows, that every syscall the probe decodes resolves to a number wherever the architecture
 * has it (and has a decoder there), that the rows and the names agree, and that numbers
 * without a name stay unnamed (the tracer prints them as syscall_0x3e7, strace's way).
 */
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "options.h"
#include "syscall_table.h"

#ifndef TABLE_ARCH
#error "build with -DTABLE_ARCH=\"x86_64\" or \"aarch64\""
#endif

struct options opt = { .string_limit = 32 };

struct known {
	const char *name;
	int nr;
};

/* From the kernel's syscall tables (arch/x86/entry/syscalls/syscall_64.tbl, asm-generic). */
static const struct known x86_64[] = {
	{ "read", 0 }, { "write", 1 }, { "open", 2 }, { "close", 3 }, { "mmap", 9 },
	{ "ioctl", 16 }, { "pread64", 17 }, { "sendfile", 40 }, { "socket", 41 }, { "clone", 56 },
	{ "vfork", 58 }, { "execve", 59 }, { "wait4", 61 }, { "fcntl", 72 }, { "getdents64", 217 },
	{ "exit_group", 231 }, { "openat", 257 }, { "newfstatat", 262 }, { "accept4", 288 },
	{ "statx", 332 }, { "clone3", 435 }, { "close_range", 436 }, { "openat2", 437 },
	{ "faccessat2", 439 }, { "epoll_pwait2", 441 }, { NULL, 0 },
};

static const struct known aarch64[] = {
	{ "io_setup", 0 }, { "epoll_pwait", 22 }, { "fcntl", 25 }, { "ioctl", 29 },
	{ "renameat", 38 }, { "openat", 56 }, { "close", 57 }, { "getdents64", 61 }, { "lseek", 62 },
	{ "read", 63 }, { "write", 64 }, { "pread64", 67 }, { "sendfile", 71 }, { "pselect6", 72 },
	{ "ppoll", 73 }, { "newfstatat", 79 }, { "fstat", 80 }, { "exit_group", 94 },
	{ "socket", 198 }, { "clone", 220 }, { "execve", 221 }, { "mmap", 222 },
	{ "fadvise64", 223 }, { "accept4", 242 }, { "wait4", 260 }, { "statx", 291 },
	{ "clone3", 435 }, { "openat2", 437 }, { "epoll_pwait2", 441 }, { NULL, 0 },
};

/* The syscalls the probe decodes (issue 3's list); the legacy ones only x86_64 has. */
static const char *const decoded[] = {
	"read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2",
	"pwritev2", "openat", "openat2", "close", "close_range", "lseek", "fstat", "newfstatat",
	"statx", "faccessat", "faccessat2", "fsync", "fdatasync", "sync_file_range", "ftruncate",
	"truncate", "fallocate", "fadvise64", "mmap", "munmap", "msync", "madvise", "mincore",
	"sendfile", "copy_file_range", "splice", "fcntl", "flock", "dup", "dup3", "pipe2",
	"eventfd2", "ioctl", "getdents64", "mkdirat", "unlinkat", "renameat", "renameat2",
	"readlinkat", "fchmod", "fchmodat", "socket", "socketpair", "bind", "listen", "accept",
	"accept4", "connect", "getsockname", "getpeername", "setsockopt", "getsockopt", "shutdown",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "ppoll", "pselect6",
	"epoll_create1", "epoll_ctl", "epoll_pwait", "epoll_pwait2", "clone", "clone3", "execve",
	"wait4", "exit_group", "kill", "tgkill", NULL,
};

static const char *const legacy[] = {
	"open", "creat", "stat", "lstat", "access", "mkdir", "unlink", "rmdir", "rename",
	"readlink", "chmod", "dup2", "pipe", "poll", "select", "epoll_wait", "vfork", NULL,
};

static int failures;

static void fail(const char *what, const char *name, int nr)
{
	printf("table_test[%s]: %s: %s (%d)\n", TABLE_ARCH, what, name, nr);
	failures++;
}

/* name resolves to a number whose row has that name and a decoder of its own. */
static void check_decoded(const char *name)
{
	int nr = syscall_nr(name);
	const struct syscall_row *r;

	if (nr < 0) {
		fail("no number", name, nr);
		return;
	}
	r = syscall_row(nr);
	if (!r->name || strcmp(r->name, name) != 0)
		fail("row has another name", name, nr);
	else if (!r->decode || r->decode == decode_generic)
		fail("no decoder", name, nr);
}

int main(void)
{
	const struct known *k = strcmp(TABLE_ARCH, "aarch64") == 0 ? aarch64 : x86_64;
	int is_x86 = k == x86_64, nr, n = 0;
	const char *const *s;

	for (; k->name; k++, n++)
		if (syscall_nr(k->name) != k->nr)
			fail("wrong number", k->name, syscall_nr(k->name));
	for (s = decoded; *s; s++, n++)
		check_decoded(*s);
	for (s = legacy; *s; s++, n++) {
		if (is_x86)
			check_decoded(*s);
		else if (syscall_nr(*s) >= 0)
			fail("legacy syscall has a number", *s, syscall_nr(*s));
	}
	/* Every named number maps back to itself; unnamed ones have no name. */
	for (nr = 0; nr < 1024; nr++, n++) {
		const struct syscall_row *r = syscall_row(nr);

		if (r->name && syscall_nr(r->name) != nr)
			fail("name maps elsewhere", r->name, nr);
	}
	if (syscall_row(999)->name || syscall_row(-1)->name)
		fail("unknown number has a name", "999", 999);
	if (syscall_nr("no_such_syscall") != -1)
		fail("unknown name has a number", "no_such_syscall", -1);
	printf("table_test[%s]: %d checks, %d failed\n", TABLE_ARCH, n + 2, failures);
	return failures != 0;
}
