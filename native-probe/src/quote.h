/* quote.h - bytes as a C string literal, escaped the way strace prints them. */
#ifndef SL_QUOTE_H
#define SL_QUOTE_H

#include <stddef.h>

#include "strbuf.h"

/*
 * Appends "..." around `len` bytes of `s`; `cut` appends the ... mark that says more bytes
 * followed. Printable ASCII stays as is; " and \ get a backslash; \t \n \v \f \r use their
 * letters; every other byte is octal, with three digits only when an octal digit follows.
 */
void quote_bytes(struct strbuf *b, const void *s, size_t len, int cut);

/* Same for a NUL-terminated string: stops at the first NUL within len bytes. */
void quote_cstring(struct strbuf *b, const void *s, size_t len, int cut);

/* Every byte as \xNN, strace's form for binary values (a short socket option). */
void quote_hex(struct strbuf *b, const void *s, size_t len, int cut);

#endif
