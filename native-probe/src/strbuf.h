/* strbuf.h - a growable text buffer; all decoding appends to one of these. */
#ifndef SL_STRBUF_H
#define SL_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;    /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
	int discard;  /* appending does nothing (capture.h: a decoder run that only reads) */
};

void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);
void sb_write(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_putc(struct strbuf *b, char c);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends spaces until the text is `col` characters long. */
void sb_pad_to(struct strbuf *b, size_t col);
/* The text, "" when nothing was appended yet. */
const char *sb_str(const struct strbuf *b);

#endif
