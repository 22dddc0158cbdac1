/* launch.h - `-- CMD ARGS`: start the command under the tracer. */
#ifndef SL_LAUNCH_H
#define SL_LAUNCH_H

#include <sys/types.h>

/*
 * Forks, seizes the child while it waits on a pipe, then lets it exec argv. The child is
 * traced from before its execve; its lines show from the execve on. Returns its pid, or -1.
 */
pid_t launch_command(char **argv);

#endif
