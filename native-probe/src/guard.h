#ifndef SL_GUARD_H
#define SL_GUARD_H

/*
 * A probe that is stopped (SIGSTOP, a debugger) holds every thread it traces at its next
 * syscall. The agent's watchdog kills it after a second, but the watchdog is a Java thread: it
 * can itself be held, by a safepoint that waits for a stopped thread, or by a lock or a class
 * such a thread holds. guard_start() forks a small process that holds nothing of the JVM's and
 * kills the probe once it has been stopped for stall_ms, after one line on stderr. It ends with
 * the probe (PR_SET_PDEATHSIG), keeps only stderr open, and wakes ten times a second. Returns 0,
 * or -1 with errno (the probe runs on without it).
 */
int guard_start(int stall_ms);

#endif
