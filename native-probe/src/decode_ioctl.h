/* decode_ioctl.h - what the ioctl request families share (decode_ioctl*.c). */
#ifndef SL_DECODE_IOCTL_H
#define SL_DECODE_IOCTL_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

/* What is left to print at the exit stop (kept in saved[0]). */
enum { IOCTL_NOTHING, IOCTL_TERM_OUT, IOCTL_SOCK_OUT, IOCTL_HEX_OUT, IOCTL_FS_OUT };

/* Reads an out-parameter; prints its address, and returns -1, when the call failed (at exit)
 * or it cannot be read. */
int ioctl_out_mem(struct call *c, uint64_t addr, void *dst, size_t len);
/* [5]: the int at addr, read like ioctl_out_mem. */
void ioctl_int_at(struct call *c, uint64_t addr);

/* The argument of a terminal ('T') or socket (0x89) request, at entry or at exit; returns what
 * waits for the exit stop. */
int ioctl_term(struct call *c, unsigned code, uint64_t arg);
int ioctl_sock(struct call *c, unsigned code, uint64_t arg);

#endif
