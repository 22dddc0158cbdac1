package dev.syscalllens.api;

import java.time.Duration;
import java.util.List;

/**
 * The syscalls one thread makes from {@link Syscalls#capture()} until {@link #stop()}, on that
 * thread only. Made by {@link Syscalls#capture()}.
 */
public interface Capture {
    /** How long {@link #stop()} waits for the probe to report the last syscalls. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** {@link #stop(Duration)} with {@link #DEFAULT_TIMEOUT}. */
    default List<Syscall> stop() {
        return stop(DEFAULT_TIMEOUT);
    }

    /**
     * Ends the capture (on the thread that started it) and waits, at most {@code timeout}, until
     * the probe has reported every syscall made before this call.
     *
     * @return the thread's syscalls since the capture began, in the order it made them
     * @throws IllegalStateException when they cannot all be given: the probe stopped tracing or
     *         fell behind by more than {@code timeout}, more than {@link Syscalls#MAX_SYSCALLS}
     *         were made, or this is not the thread that started the capture or it was stopped before
     */
    List<Syscall> stop(Duration timeout);
}
