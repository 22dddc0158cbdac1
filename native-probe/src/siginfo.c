/* siginfo.c - see siginfo.h. */
#define _GNU_SOURCE
#include "siginfo.h"

#include <string.h>

#include "xlat.h"

static const struct xlat sender_codes[] = {
	XLAT(SI_USER), XLAT(SI_KERNEL), XLAT(SI_QUEUE), XLAT(SI_TIMER), XLAT(SI_MESGQ),
	XLAT(SI_ASYNCIO), XLAT(SI_SIGIO), XLAT(SI_TKILL), XLAT(SI_DETHREAD), XLAT(SI_ASYNCNL), XLAT_END,
};
static const struct xlat chld_codes[] = {
	XLAT(CLD_EXITED), XLAT(CLD_KILLED), XLAT(CLD_DUMPED), XLAT(CLD_TRAPPED), XLAT(CLD_STOPPED),
	XLAT(CLD_CONTINUED), XLAT_END,
};
static const struct xlat segv_codes[] = {
	XLAT(SEGV_MAPERR), XLAT(SEGV_ACCERR), XLAT(SEGV_BNDERR), XLAT(SEGV_PKUERR), XLAT_END,
};
static const struct xlat bus_codes[] = {
	XLAT(BUS_ADRALN), XLAT(BUS_ADRERR), XLAT(BUS_OBJERR), XLAT(BUS_MCEERR_AR), XLAT(BUS_MCEERR_AO),
	XLAT_END,
};
static const struct xlat ill_codes[] = {
	XLAT(ILL_ILLOPC), XLAT(ILL_ILLOPN), XLAT(ILL_ILLADR), XLAT(ILL_ILLTRP), XLAT(ILL_PRVOPC),
	XLAT(ILL_PRVREG), XLAT(ILL_COPROC), XLAT(ILL_BADSTK), XLAT_END,
};
static const struct xlat fpe_codes[] = {
	XLAT(FPE_INTDIV), XLAT(FPE_INTOVF), XLAT(FPE_FLTDIV), XLAT(FPE_FLTOVF), XLAT(FPE_FLTUND),
	XLAT(FPE_FLTRES), XLAT(FPE_FLTINV), XLAT(FPE_FLTSUB), XLAT_END,
};

/* strace's names, which are not always the C library's (29 is SIGIO, not SIGPOLL). */
static const char *const abbrevs[32] = {
	[1] = "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
	"USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
	"URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

const char *signal_abbrev(int sig)
{
	return sig > 0 && sig < 32 ? abbrevs[sig] : NULL;
}

void sb_signal(struct strbuf *b, int sig)
{
	const char *abbrev = signal_abbrev(sig);

	if (abbrev)
		sb_printf(b, "SIG%s", abbrev);
	else if (sig == 32)
		sb_puts(b, "SIGRTMIN");
	else if (sig > 32 && sig <= 64)
		sb_printf(b, "SIGRT_%d", sig - 32);
	else
		sb_printf(b, "%d", sig);
}

static int is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE;
}

static const struct xlat *codes_of(int sig)
{
	switch (sig) {
	case SIGCHLD: return chld_codes;
	case SIGSEGV: return segv_codes;
	case SIGBUS: return bus_codes;
	case SIGILL: return ill_codes;
	case SIGFPE: return fpe_codes;
	}
	return NULL;
}

void sb_siginfo(struct strbuf *b, const siginfo_t *si)
{
	int own_code = si->si_code > 0 && si->si_code != SI_KERNEL; /* else a sender's code (SI_*) */
	const struct xlat *codes = own_code ? codes_of(si->si_signo) : NULL;
	const char *code = xlat_name(codes ? codes : sender_codes, (uint64_t)(int64_t)si->si_code);

	sb_puts(b, "{si_signo=");
	sb_signal(b, si->si_signo);
	if (code)
		sb_printf(b, ", si_code=%s", code);
	else
		sb_printf(b, ", si_code=%d", si->si_code);
	if (si->si_code <= 0 && si->si_code != SI_TIMER) {
		sb_printf(b, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
	} else if (si->si_signo == SIGCHLD) {
		sb_printf(b, ", si_pid=%d, si_uid=%u, si_status=", si->si_pid, si->si_uid);
		if (si->si_code == CLD_EXITED)
			sb_printf(b, "%d", si->si_status);
		else
			sb_signal(b, si->si_status);
		sb_printf(b, ", si_utime=%ld, si_stime=%ld", (long)si->si_utime, (long)si->si_stime);
	} else if (is_fault(si->si_signo)) {
		if (si->si_addr)
			sb_printf(b, ", si_addr=%p", si->si_addr);
		else
			sb_puts(b, ", si_addr=NULL");
	}
	sb_putc(b, '}');
}
