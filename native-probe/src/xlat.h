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
 * Appends the names of the flags set in `val` joined by |, in table order, as strace's
 * printflags does. An entry matches when all its bits are set, and its bits are then consumed,
 * so a combined flag (O_SYNC) listed before its parts wins over them; an entry of value 0
 * names 0 itself. Bits left over follow as |0x...; when nothing matched, the value is printed
 * in hex followed by a comment holding dflt (0 is printed as 0 when dflt is not NULL, else
 * nothing).
 * Returns the number of names printed.
 */
int sb_flags(struct strbuf *b, const struct xlat *x, uint64_t val, const char *dflt);

/* Appends the name of `val`, or `val` in hex and a comment holding dflt (e.g. "AF_???"). */
void sb_enum(struct strbuf *b, const struct xlat *x, uint64_t val, const char *dflt);
/* The same with an unknown value in decimal (socket levels, option names). */
void sb_enum_d(struct strbuf *b, const struct xlat *x, int64_t val, const char *dflt);

#endif
