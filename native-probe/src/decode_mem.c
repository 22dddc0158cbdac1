/* decode_mem.c - memory mappings: mmap, munmap, mprotect, msync, madvise, mincore, mremap, brk. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "decode.h"

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_MASK 0x3f
#endif
#define MAP_TYPE_BITS 0xf

/* strace's order (not numeric); the mapping type comes first, apart from the other flags. */
static const struct xlat mmap_flags[] = {
	XLAT_PAIR(0x1, "MAP_SHARED"), XLAT_PAIR(0x2, "MAP_PRIVATE"),
	XLAT_PAIR(0x3, "MAP_SHARED_VALIDATE"), XLAT(MAP_FIXED), XLAT(MAP_ANONYMOUS),
#ifdef __x86_64__
	XLAT(MAP_32BIT),
#endif
	XLAT(MAP_NORESERVE), XLAT(MAP_POPULATE), XLAT(MAP_NONBLOCK), XLAT(MAP_GROWSDOWN),
	XLAT(MAP_DENYWRITE), XLAT(MAP_EXECUTABLE), XLAT_PAIR(0, "MAP_FILE"), XLAT(MAP_LOCKED),
	XLAT(MAP_STACK), XLAT(MAP_HUGETLB), XLAT_PAIR(0x80000, "MAP_SYNC"),
	XLAT_PAIR(0x4000000, "MAP_UNINITIALIZED"), XLAT_PAIR(0x100000, "MAP_FIXED_NOREPLACE"),
	XLAT_END,
};

static const struct xlat mmap_prot[] = {
	XLAT(PROT_NONE), XLAT(PROT_READ), XLAT(PROT_WRITE), XLAT(PROT_EXEC),
#ifdef __x86_64__
	XLAT_PAIR(0x8, "PROT_SEM"),
#endif
	XLAT(PROT_GROWSDOWN), XLAT(PROT_GROWSUP), XLAT_END,
};

static const struct xlat madvise_advice[] = {
	XLAT_PAIR(0, "MADV_NORMAL"), XLAT_PAIR(1, "MADV_RANDOM"), XLAT_PAIR(2, "MADV_SEQUENTIAL"),
	XLAT_PAIR(3, "MADV_WILLNEED"), XLAT_PAIR(4, "MADV_DONTNEED"), XLAT_PAIR(8, "MADV_FREE"),
	XLAT_PAIR(9, "MADV_REMOVE"), XLAT_PAIR(10, "MADV_DONTFORK"), XLAT_PAIR(11, "MADV_DOFORK"),
	XLAT_PAIR(12, "MADV_MERGEABLE"), XLAT_PAIR(13, "MADV_UNMERGEABLE"),
	XLAT_PAIR(14, "MADV_HUGEPAGE"), XLAT_PAIR(15, "MADV_NOHUGEPAGE"),
	XLAT_PAIR(16, "MADV_DONTDUMP"), XLAT_PAIR(17, "MADV_DODUMP"),
	XLAT_PAIR(18, "MADV_WIPEONFORK"), XLAT_PAIR(19, "MADV_KEEPONFORK"), XLAT_PAIR(20, "MADV_COLD"),
	XLAT_PAIR(21, "MADV_PAGEOUT"), XLAT_PAIR(22, "MADV_POPULATE_READ"),
	XLAT_PAIR(23, "MADV_POPULATE_WRITE"), XLAT_PAIR(24, "MADV_DONTNEED_LOCKED"),
	XLAT_PAIR(25, "MADV_COLLAPSE"), XLAT_PAIR(100, "MADV_HWPOISON"),
	XLAT_PAIR(101, "MADV_SOFT_OFFLINE"), XLAT_END,
};

static const struct xlat msync_flags[] = {
	XLAT(MS_SYNC), XLAT(MS_ASYNC), XLAT(MS_INVALIDATE), XLAT_END,
};

static const struct xlat mremap_flags[] = {
	XLAT_PAIR(1, "MREMAP_MAYMOVE"), XLAT_PAIR(2, "MREMAP_FIXED"),
	XLAT_PAIR(4, "MREMAP_DONTUNMAP"), XLAT_END,
};

/* MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT: the type, the flags, the huge page size. */
static void mmap_flags_arg(struct call *c, uint64_t flags)
{
	uint64_t huge = flags & ((uint64_t)MAP_HUGE_MASK << MAP_HUGE_SHIFT);

	arg_xval(c, mmap_flags, flags & MAP_TYPE_BITS, "MAP_???");
	flags &= ~(uint64_t)MAP_TYPE_BITS & ~huge;
	if (flags) {
		sb_putc(&c->args_text, '|');
		arg_flags(c, mmap_flags, flags, NULL);
	}
	if (huge)
		sb_printf(&c->args_text, "|%llu<<MAP_HUGE_SHIFT",
			  (unsigned long long)(huge >> MAP_HUGE_SHIFT));
}

/* address and length, the start of most calls here */
static void range(struct call *c)
{
	arg_ptr(c, c->args[0]);
	arg_sep(c);
	arg_ulong(c, c->args[1]);
}

void decode_mmap(struct call *c)
{
	if (c->exiting)
		return;
	range(c);
	arg_sep(c);
	arg_flags(c, mmap_prot, c->args[2], "PROT_???");
	arg_sep(c);
	mmap_flags_arg(c, c->args[3]);
	arg_sep(c);
	arg_fd(c, (int)c->args[4]);
	arg_sep(c);
	arg_hex(c, c->args[5]);
}

void decode_munmap(struct call *c)
{
	if (!c->exiting)
		range(c);
}

void decode_mprotect(struct call *c)
{
	if (c->exiting)
		return;
	range(c);
	arg_sep(c);
	arg_flags(c, mmap_prot, c->args[2], "PROT_???");
}

void decode_msync(struct call *c)
{
	if (c->exiting)
		return;
	range(c);
	arg_sep(c);
	arg_flags(c, msync_flags, c->args[2], "MS_???");
}

void decode_madvise(struct call *c)
{
	if (c->exiting)
		return;
	range(c);
	arg_sep(c);
	arg_xval(c, madvise_advice, c->args[2], "MADV_???");
}

static int resident_bit(struct call *c, const void *elem, void *ctx)
{
	(void)ctx;
	sb_putc(&c->args_text, '0' + (*(const unsigned char *)elem & 1));
	return 1;
}

/* mincore(addr, length, vec): one byte per page, bit 0 says resident; read at exit. */
void decode_mincore(struct call *c)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE), len = c->args[1];

	if (!c->exiting) {
		range(c);
		arg_sep(c);
		return;
	}
	if (c->failed && c->args[2])
		arg_ptr(c, c->args[2]);
	else
		arg_array(c, c->args[2], len / page + (len % page ? 1 : 0), 1, resident_bit, NULL);
}

void decode_mremap(struct call *c)
{
	if (c->exiting)
		return;
	range(c);
	arg_sep(c);
	arg_ulong(c, c->args[2]);
	arg_sep(c);
	arg_flags(c, mremap_flags, c->args[3], "MREMAP_???");
	if ((c->args[3] & 3) == 3) {
		arg_sep(c);
		arg_ptr(c, c->args[4]);
	}
}

void decode_brk(struct call *c)
{
	if (!c->exiting)
		arg_ptr(c, c->args[0]);
}
