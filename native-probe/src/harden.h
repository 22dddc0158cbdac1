#ifndef SL_HARDEN_H
#define SL_HARDEN_H

/*
 * The probe reads the traced process and never writes into it. harden_no_writes() makes that a
 * rule the kernel enforces: a seccomp filter on the probe (every thread, and any process it
 * starts after this) fails ptrace's writing requests (POKETEXT/POKEDATA/POKEUSER, SETREGS,
 * SETFPREGS, SETREGSET, SETSIGINFO) and process_vm_writev with EPERM. Returns 0, or -1 with errno.
 */
int harden_no_writes(void);

#endif
