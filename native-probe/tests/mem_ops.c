#define _GNU_SOURCE
/*
 * mem_ops [DIR]: the memory syscalls, each once succeeding and once failing: mmap (anonymous,
 * file, fixed, bad fd), munmap, mprotect, msync, madvise, mincore, mremap, brk. Addresses are
 * masked by compare.sh. Output is only compared with strace.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	unsigned char vec[40];
	char path[512];
	char *p, *q, *f, *r;
	int fd;

	snprintf(path, sizeof(path), "%s/mem_ops.bin", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 8192);
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	f = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED_VALIDATE | MAP_POPULATE, fd, 4096);
	mmap(p + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
	mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_GROWSDOWN, -1, 0);
	mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0);
	mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mmap(NULL, 4096, PROT_READ | 0x10, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT),
	     -1, 0);
	mmap(NULL, 4096, PROT_READ, 0, -1, 0);
	mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED | MAP_NONBLOCK |
	     MAP_DENYWRITE | MAP_EXECUTABLE, -1, 0);
	mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	r = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	mprotect(q, 4096, PROT_READ);
	mprotect(q, 4096, PROT_READ | PROT_WRITE | PROT_GROWSDOWN);
	mprotect(q + 1, 4096, PROT_NONE);
	msync(f, 8192, MS_SYNC);
	msync(f, 8192, MS_ASYNC | MS_INVALIDATE);
	msync(f + 1, 4096, MS_SYNC);
	msync(f, 4096, 8);
	madvise(p, 4096, MADV_DONTNEED);
	madvise(p, 4096, MADV_SEQUENTIAL);
	madvise(p, 4096, MADV_HUGEPAGE);
	madvise(p, 4096, MADV_FREE);
	madvise(p + 1, 4096, MADV_NORMAL);
	madvise(p, 4096, 1234);
	mincore(p, 3 * 4096, vec);
	mincore(p, 3, vec);
	mincore(p + 1, 4096, vec);
	mincore(p, 3 * 4096, NULL);
	{
		char *big = mmap(NULL, 40 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		big[0] = big[4096 * 39] = 1;
		mincore(big, 40 * 4096, vec);
		munmap(big, 40 * 4096);
	}
	r = mremap(r, 3 * 4096, 4 * 4096, MREMAP_MAYMOVE);
	mremap(p, 4096, 8192, 0);
	mremap(r, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	munmap(r, 4 * 4096);
	munmap(p + 1, 4096);
	munmap(p, 3 * 4096);
	munmap(f, 8192);
	syscall(SYS_brk, 0);
	close(fd);
	unlink(path);
	return 0;
}
