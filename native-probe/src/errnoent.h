/* errnoent.h - errno names, and the return text of a failed syscall. */
#ifndef SL_ERRNOENT_H
#define SL_ERRNOENT_H

#include <stdint.h>

#include "strbuf.h"

/* "ENOENT" for ENOENT; NULL for numbers without a name. */
const char *errno_name(int err);

/*
 * Appends the return text of a syscall that failed with raw value rval (-errno):
 * "-1 ENOENT (No such file or directory)", or for the kernel's restart codes, which user space
 * never sees, "? ERESTARTSYS (To be restarted if SA_RESTART is set)".
 */
void sb_error_ret(struct strbuf *b, int64_t rval);

#endif
