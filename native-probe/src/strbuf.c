/* strbuf.c - see strbuf.h. Out of memory leaves the text short rather than failing the tracer. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct strbuf *b, size_t extra)
{
	size_t want = b->len + extra + 1, cap = b->cap ? b->cap : 128;
	char *s;

	if (want <= b->cap)
		return 0;
	while (cap < want)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s)
		return -1;
	b->s = s;
	b->cap = cap;
	return 0;
}

void sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void sb_write(struct strbuf *b, const char *s, size_t n)
{
	if (b->discard || grow(b, n) < 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s)
{
	if (b->discard)
		return;
	sb_write(b, s, strlen(s));
}

void sb_putc(struct strbuf *b, char c)
{
	sb_write(b, &c, 1);
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->discard)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

void sb_pad_to(struct strbuf *b, size_t col)
{
	if (b->discard)
		return;
	while (b->len < col)
		sb_putc(b, ' ');
}

const char *sb_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}
