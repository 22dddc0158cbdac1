/* xlat.h - tables from numbers to the symbolic names strace prints, and their printers. */
#ifndef SL_XLAT_H
#define SL_XLAT_H

#include <stdint.h>

#include "strbuf.h"

struct xlat {
	uint64_t val;
	const char *name;
};

#define XLAT(x)      { (uint64_t)(x), #x }
#define XLAT_PAIR(v, n) { (uint64_t)(v), n }
#define XLAT_END     { 0, 0 }

/* The name of `val` in table `x`, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);

/*
 * Appends the names of the flags set in `val` joined by |, in table order. An entry matches
 * when all its bits are set, and its bits are then consumed, so a combined flag (O_SYNC) listed
 * before its parts wins over them. Bits left over are appended as hex; `zero` is printed for 0.
 * Returns the number of items printed.
 */
int sb_flags(struct strbuf *b, const struct xlat *x, uint64_t val, const char *zero);

/* Appends the name of `val`, or `val` in hex with a comment naming the table (e.g. "AF"). */
void sb_enum(struct strbuf *b, const struct xlat *x, uint64_t val, const char *unknown_prefix);

#endif
