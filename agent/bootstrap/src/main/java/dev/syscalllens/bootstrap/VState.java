package dev.syscalllens.bootstrap;

/**
 * A virtual thread's recording state. Its calls run on carrier threads, possibly several in one
 * call: only the outermost call is recorded (it holds every syscall), appended to the ring of the
 * carrier it ends on; each time the thread leaves a carrier inside a call, a PARKED record on that
 * carrier says which stretch of the carrier's syscalls were this call's.
 */
final class VState {
    /** Calls open on this virtual thread (the outermost is the recorded one). */
    int depth;
    /** Enter stamp of the outermost open call. */
    long enter;
    /** Since when the thread has run on its current carrier inside that call; 0 while parked. */
    long segment;
}
