#include "harden.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define SL_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SL_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "harden.c: unknown architecture"
#endif

#ifndef PTRACE_SETREGSET
#define PTRACE_SETREGSET 0x4205
#endif
#ifndef PTRACE_SETSIGINFO
#define PTRACE_SETSIGINFO 0x4203
#endif

/* The low 32 bits of argument n (little-endian: the first word of the 64-bit slot). */
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + (n) * sizeof(__u64))

#define DENY BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

int harden_no_writes(void)
{
	struct sock_filter code[] = {
		/* A syscall made through another ABI (x32, ia32) has other numbers: refuse it. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SL_AUDIT_ARCH, 1, 0),
		DENY,
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __NR_process_vm_writev
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_process_vm_writev, 0, 1),
		DENY,
#endif
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_ptrace, 1, 0),
		ALLOW,
		/* ptrace(request, ...): the requests that change the tracee. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PTRACE_POKETEXT, 6, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PTRACE_POKEDATA, 5, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PTRACE_POKEUSER, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 13 /* PTRACE_SETREGS (x86) */, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 15 /* PTRACE_SETFPREGS (x86) */, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PTRACE_SETREGSET, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PTRACE_SETSIGINFO, 0, 1),
		DENY,
		ALLOW,
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };

	/* Needed to install a filter without CAP_SYS_ADMIN; the probe never gains privileges. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	/* TSYNC: the probe's other threads (the command reader) get it too. */
	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0)
		return -1;
	return 0;
}
