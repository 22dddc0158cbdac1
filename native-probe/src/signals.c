/* signals.c - see signals.h. */
#include "signals.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "log.h"

static const int quit_signals[] = { SIGTERM, SIGINT, SIGHUP };
static atomic_int quit_flag, quit_sig; /* lock-free, so safe in a handler */
static pthread_t main_thread;

static void on_quit(int sig)
{
	quit_sig = sig;
	quit_flag = 1;
}

static void on_wake(int sig)
{
	(void)sig;
}

int signals_install(void)
{
	struct sigaction sa;
	unsigned i;

	main_thread = pthread_self();
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit;
	for (i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++) {
		if (sigaction(quit_signals[i], &sa, NULL) < 0) {
			log_msg("sigaction(%d): %s", quit_signals[i], strerror(errno));
			return -1;
		}
	}
	sa.sa_handler = on_wake;
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		log_msg("sigaction(SIGUSR1): %s", strerror(errno));
		return -1;
	}
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

void signals_fill_mask(sigset_t *set)
{
	unsigned i;

	sigemptyset(set);
	for (i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		sigaddset(set, quit_signals[i]);
	sigaddset(set, SIGUSR1);
}

void signals_reset(void)
{
	sigset_t none;
	unsigned i;

	for (i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		signal(quit_signals[i], SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void signals_request_quit(void)
{
	quit_flag = 1;
}

int signals_quit_requested(void)
{
	return quit_flag;
}

int signals_quit_signal(void)
{
	return quit_sig;
}

void signals_wake_main(void)
{
	pthread_kill(main_thread, SIGUSR1);
}
