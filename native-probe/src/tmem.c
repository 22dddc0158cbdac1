/*
 * tmem.c - see tmem.h. process_vm_readv copies a whole buffer in one syscall; where it is not
 * allowed (a kernel built without it, a security module refusing it), PTRACE_PEEKDATA reads a
 * word at a time, which works on any stopped tracee.
 */
#define _GNU_SOURCE
#include "tmem.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "capture.h"

#define PAGE 4096u

static int vm_readv_broken;

static int peek_read(pid_t tid, uint64_t addr, void *dst, size_t len)
{
	unsigned char *out = dst;
	uint64_t base = addr & ~(uint64_t)(sizeof(long) - 1);
	size_t skip = addr - base;

	while (len) {
		long word;
		size_t n = sizeof(long) - skip;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, (void *)base, NULL);
		if (errno)
			return -1;
		if (n > len)
			n = len;
		memcpy(out, (unsigned char *)&word + skip, n);
		out += n;
		len -= n;
		base += sizeof(long);
		skip = 0;
	}
	return 0;
}

static int read_now(pid_t tid, uint64_t addr, void *dst, size_t len)
{
	struct iovec local = { dst, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (len == 0)
		return 0;
	if (!vm_readv_broken) {
		n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0 || errno == EFAULT || errno == ESRCH)
			return -1;
		/* ENOSYS, EPERM: this kernel or policy refuses it; stop trying. */
		vm_readv_broken = 1;
	}
	return peek_read(tid, addr, dst, len);
}

/* Every read goes through the capture log (capture.h): recorded while the thread is stopped,
 * served from the record when the decoder runs again after the thread was resumed. */
int tmem_read(pid_t tid, uint64_t addr, void *dst, size_t len)
{
	int rc;

	if (capture_replay_mem(addr, dst, len, &rc))
		return rc;
	rc = read_now(tid, addr, dst, len);
	capture_record_mem(addr, dst, len, rc);
	return rc;
}

ssize_t tmem_read_str(pid_t tid, uint64_t addr, char *dst, size_t max)
{
	size_t got = 0;

	/* Page by page: a string may end just before an unmapped page. */
	while (got < max) {
		size_t chunk = PAGE - ((addr + got) & (PAGE - 1));
		char *nul;

		if (chunk > max - got)
			chunk = max - got;
		if (tmem_read(tid, addr + got, dst + got, chunk) < 0) {
			if (got == 0)
				return -1;
			break;
		}
		nul = memchr(dst + got, '\0', chunk);
		if (nul)
			return nul - dst;
		got += chunk;
	}
	dst[got] = '\0';
	return got;
}
