/* sockaddr.h - socket addresses and address families as strace prints them. */
#ifndef SL_SOCKADDR_H
#define SL_SOCKADDR_H

#include <stdint.h>

#include "decode.h"
#include "xlat.h"

extern const struct xlat address_families[];

/*
 * Appends the len-byte socket address at addr: NULL, its address in hex when it cannot be
 * read (or len is not positive), else {sa_family=AF_INET, sin_port=htons(80), ...}.
 */
void arg_sockaddr(struct call *c, uint64_t addr, int len);

/* The same for an address already read: n bytes (at least the family) at buf. */
void sb_sockaddr(struct strbuf *b, const void *buf, int n);

#endif
