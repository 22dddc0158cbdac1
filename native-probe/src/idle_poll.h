#ifndef SL_IDLE_POLL_H
#define SL_IDLE_POLL_H

#include <stdint.h>

/*
 * While traced threads stop back to back, the probe asks the kernel to keep idle CPUs polling
 * instead of halting: a CPU-latency request of 0 us on /dev/cpu_dma_latency (PM QoS), the
 * request cyclictest and tuned's latency profiles make. A stopped thread leaves its CPU idle,
 * and resuming it must wake that CPU; from halt that is most of a stop's price, above all on a
 * virtual machine, where a halted vCPU is descheduled by the host (docs/performance.md).
 *
 * The request is taken after IDLE_POLL_STREAK stops in a row that came while the tracer polled
 * for them, and given back as soon as the tracer gives up polling and sleeps, so a thread that
 * makes a syscall now and then, or an idle application, never gets it. A sleep shorter than
 * IDLE_POLL_SHORT_SLEEP_NS is a pause in a busy stream (another thread ran, say), not its end:
 * the request is taken again at once when it ends. The kernel drops it when
 * the probe exits, however it exits. Only root may open the device; anyone else traces as
 * before. --idle halt (opt.idle_halt) never asks.
 */
#define IDLE_POLL_STREAK 64
#define IDLE_POLL_SHORT_SLEEP_NS (2ull * 1000000)

/* Opens the device once, before the probe hardens itself; quiet when it may not. */
void idle_poll_open(void);

/* A stop found while polling: takes the request once the streak is long enough. */
void idle_poll_polled(void);

/* A stop ended the tracer's sleep: takes the request again if it held it before a short one. */
void idle_poll_woke(void);

/* The tracer is about to sleep in waitpid (or to stop tracing): gives the request back. */
void idle_poll_sleeping(void);

/* For --profile: how many times the request was taken, and for how long in all. */
void idle_poll_stats(uint64_t *taken, uint64_t *held_ns);

#endif
