/*
 * classes.h - what kind of syscall a number is: strace's trace classes (-e trace=%file ...) and
 * the two effects the fd cache cares about beyond syscall_table.h's SF_* flags.
 *
 * The membership of %file, %network and %desc is strace 6.1's (its TF, TN and TD flags), so
 * `-e trace=%file` selects the same lines here as there.
 */
#ifndef SL_CLASSES_H
#define SL_CLASSES_H

#define CL_FILE       0x01 /* %file: takes a file name */
#define CL_NETWORK    0x02 /* %network: socket calls */
#define CL_DESC       0x04 /* %desc: takes or returns a file descriptor */
#define CL_SOCK_STATE 0x08 /* may bind or connect the socket in arg 0 (its -yy text changes) */
#define CL_PATH_MOVE  0x10 /* unlinks or renames: open fds may print "(deleted)" or a new name */

/* The CL_* bits of syscall nr (0 for numbers without a name). */
unsigned syscall_class(int nr);

/* The CL_* bit of a class name, with or without its '%' ("%file", "network"); 0 if unknown. */
unsigned class_by_name(const char *name);

#endif
