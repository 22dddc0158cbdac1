/*
 * libnodump.so: LD_PRELOAD it into a process to make that process non-dumpable, as a program that
 * calls prctl(PR_SET_DUMPABLE, 0) itself is: without CAP_SYS_PTRACE no one may ptrace it, not
 * even a process of the same user. For PtraceRefusedIT.
 */
#include <stdio.h>
#include <sys/prctl.h>

__attribute__((constructor)) static void no_dump(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		perror("libnodump: prctl(PR_SET_DUMPABLE, 0)");
}
