package dev.syscalllens.bootstrap;

/**
 * A virtual thread's recording state. Its calls run on carrier threads, possibly several in one
 * call. Each call is recorded at its exit in the ring of the carrier it ends on, nested calls
 * too; each time the thread leaves a carrier inside an outermost call, a PARKED record on that
 * carrier says which stretch of the carrier's syscalls were the thread's.
 */
final class VState extends OpenCalls {
    /** Enter stamp of the outermost open call. */
    long enter;
    /** Since when the thread has run on its current carrier inside that call; 0 while parked. */
    long segment;
    /** The fd the thread waits for in the JDK poller (Poller.poll), or -1. */
    int pollFd = -1;
    /** When it started to wait for it. */
    long pollSince;
}
