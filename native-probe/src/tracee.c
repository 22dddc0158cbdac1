/* tracee.c - see tracee.h. A JVM has tens to a few thousand threads: a chained hash suffices. */
#include "tracee.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS 1024

static struct tracee *buckets[BUCKETS];
static struct proc *procs;
static int count;

static struct tracee **slot(pid_t tid)
{
	return &buckets[(unsigned)tid % BUCKETS];
}

struct tracee *tracee_find(pid_t tid)
{
	struct tracee *t;

	for (t = *slot(tid); t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

struct proc *proc_find(pid_t tgid)
{
	struct proc *p;

	for (p = procs; p; p = p->next)
		if (p->tgid == tgid)
			return p;
	return NULL;
}

static void proc_put(struct proc *p)
{
	struct proc **pp;

	if (!p || --p->threads > 0)
		return;
	for (pp = &procs; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	fdc_release(&p->fds);
	free(p);
}

int tracee_set_proc(struct tracee *t, pid_t tgid)
{
	struct proc *p = proc_find(tgid);

	if (!p) {
		p = calloc(1, sizeof(*p));
		if (!p)
			return -1;
		p->tgid = tgid;
		p->next = procs;
		procs = p;
	}
	p->threads++;
	proc_put(t->proc);
	t->proc = p;
	t->call.proc = p;
	return 0;
}

struct tracee *tracee_add(pid_t tid, pid_t tgid)
{
	struct tracee *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->tid = tid;
	t->call.tid = tid;
	t->cap.fd = -1;
	if (tgid > 0 && tracee_set_proc(t, tgid) < 0) {
		free(t);
		return NULL;
	}
	t->next = *slot(tid);
	*slot(tid) = t;
	count++;
	return t;
}

void tracee_remove(struct tracee *t)
{
	struct tracee **pp;

	for (pp = slot(t->tid); *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	proc_put(t->proc);
	sb_free(&t->call.args_text);
	sb_free(&t->call.ret_text);
	capture_free(&t->cap);
	free(t);
	count--;
}

int tracee_count(void)
{
	return count;
}

void tracee_for_each(void (*fn)(struct tracee *t, void *arg), void *arg)
{
	struct tracee *t, *next;
	int i;

	for (i = 0; i < BUCKETS; i++) {
		for (t = buckets[i]; t; t = next) {
			next = t->next;
			fn(t, arg);
		}
	}
}
