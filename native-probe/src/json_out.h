/*
 * json_out.h - --json: one JSON object per line instead of strace's text, on stderr or the -o
 * file. README.md describes the objects; every string is valid JSON (ASCII, escaped).
 */
#ifndef SL_JSON_OUT_H
#define SL_JSON_OUT_H

#include <signal.h>
#include <sys/types.h>

#include "tracee.h"

/* {"type":"syscall", ...} for the completed call of t. */
void json_syscall(const struct tracee *t);
void json_signal(pid_t tid, const siginfo_t *si);
void json_exit(pid_t tid, int status);
void json_superseded(pid_t tid, pid_t former);

/* Appends s as a JSON string, quotes included. */
void json_string(struct strbuf *b, const char *s, size_t len);

#endif
