/* summary.c - see summary.h. */
#include "summary.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "options.h"
#include "text_out.h"

struct count {
	char name[32];          /* syscall_0x3e7 and the like fit too */
	uint64_t ns;
	uint64_t calls;
	uint64_t errors;
};

static struct count *counts;
static size_t ncounts, cap;

/* Few distinct syscalls (tens): a linear search by name costs less than the stops themselves. */
static struct count *slot(const char *name)
{
	size_t i;

	for (i = 0; i < ncounts; i++)
		if (strcmp(counts[i].name, name) == 0)
			return &counts[i];
	if (ncounts == cap) {
		size_t n = cap ? cap * 2 : 64;
		struct count *p = realloc(counts, n * sizeof(*p));

		if (!p)
			return NULL;
		counts = p;
		cap = n;
	}
	memset(&counts[ncounts], 0, sizeof(counts[0]));
	snprintf(counts[ncounts].name, sizeof(counts[0].name), "%s", name);
	return &counts[ncounts++];
}

void summary_add(const struct call *c)
{
	struct count *s = slot(c->name);

	if (!s)
		return;
	s->ns += c->exit_ns - c->enter_ns;
	s->calls++;
	s->errors += c->failed != 0;
}

static int by_time(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int digits(uint64_t v)
{
	return snprintf(NULL, 0, "%llu", (unsigned long long)v);
}

static int max(int a, int b)
{
	return a > b ? a : b;
}

/* strace rounds the mean to the nanosecond, then cuts it to the microsecond. */
static uint64_t usecs_per_call(const struct count *s)
{
	return (s->ns + s->calls / 2) / s->calls / 1000;
}

static void divider(struct strbuf *line, const int *widths, int n)
{
	int i, j;

	sb_reset(line);
	for (i = 0; i < n; i++) {
		if (i)
			sb_putc(line, ' ');
		for (j = 0; j < widths[i]; j++)
			sb_putc(line, '-');
	}
	text_write_line(line);
}

static void row(struct strbuf *line, const int *w, double pct, double sec, uint64_t avg,
		uint64_t calls, uint64_t errors, const char *name)
{
	sb_reset(line);
	/* %.0llu: an error count of 0 prints as blanks */
	sb_printf(line, "%*.2f %*.6f %*llu %*llu %*.0llu %s", w[0], pct, w[1], sec, w[2],
		  (unsigned long long)avg, w[3], (unsigned long long)calls, w[4],
		  (unsigned long long)errors, name);
	text_write_line(line);
}

/* strace's columns: "% time", seconds, usecs/call, calls, errors, syscall; widths grow to fit. */
static void print_text(uint64_t total_ns, uint64_t calls, uint64_t errors)
{
	struct strbuf line = { 0 };
	uint64_t avg_max = 0;
	size_t i, name_max = 0;
	int w[6];

	for (i = 0; i < ncounts; i++) {
		if (usecs_per_call(&counts[i]) > avg_max)
			avg_max = usecs_per_call(&counts[i]);
		if (strlen(counts[i].name) > name_max)
			name_max = strlen(counts[i].name);
	}
	w[0] = 6;
	w[1] = max(11, snprintf(NULL, 0, "%.6f", total_ns / 1e9));
	w[2] = max(11, digits(avg_max));
	w[3] = max(9, digits(calls));
	w[4] = max(9, digits(errors));
	w[5] = max(16, (int)name_max + 1);
	sb_printf(&line, "%*s %*s %*s %*s %*s %s", w[0], "% time", w[1], "seconds", w[2],
		  "usecs/call", w[3], "calls", w[4], "errors", "syscall");
	text_write_line(&line);
	divider(&line, w, 6);
	for (i = 0; i < ncounts; i++)
		row(&line, w, total_ns ? 100.0 * counts[i].ns / total_ns : 0.0, counts[i].ns / 1e9,
		    usecs_per_call(&counts[i]), counts[i].calls, counts[i].errors, counts[i].name);
	divider(&line, w, 6);
	row(&line, w, 100.0, total_ns / 1e9, calls ? total_ns / calls / 1000 : 0, calls, errors,
	    "total");
	sb_free(&line);
}

static void print_json(uint64_t total_ns, uint64_t calls, uint64_t errors)
{
	struct strbuf line = { 0 };
	size_t i;

	sb_puts(&line, "{\"type\":\"summary\",\"syscalls\":[");
	for (i = 0; i < ncounts; i++) {
		sb_puts(&line, i ? ",{\"name\":" : "{\"name\":");
		json_string(&line, counts[i].name, strlen(counts[i].name));
		sb_printf(&line, ",\"calls\":%llu,\"errors\":%llu,\"seconds\":%.6f}",
			  (unsigned long long)counts[i].calls, (unsigned long long)counts[i].errors,
			  counts[i].ns / 1e9);
	}
	sb_printf(&line, "],\"total\":{\"calls\":%llu,\"errors\":%llu,\"seconds\":%.6f}}",
		  (unsigned long long)calls, (unsigned long long)errors, total_ns / 1e9);
	text_write_line(&line);
	sb_free(&line);
}

void summary_print(void)
{
	uint64_t total_ns = 0, calls = 0, errors = 0;
	size_t i;

	qsort(counts, ncounts, sizeof(counts[0]), by_time);
	for (i = 0; i < ncounts; i++) {
		total_ns += counts[i].ns;
		calls += counts[i].calls;
		errors += counts[i].errors;
	}
	if (opt.json)
		print_json(total_ns, calls, errors);
	else
		print_text(total_ns, calls, errors);
}
