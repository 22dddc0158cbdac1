/* quote.c - see quote.h. */
#include "quote.h"

#include <string.h>

void quote_bytes(struct strbuf *b, const void *s, size_t len, int cut)
{
	const unsigned char *p = s;
	char esc[5];
	size_t i;

	sb_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		switch (c) {
		case '"': sb_puts(b, "\\\""); continue;
		case '\\': sb_puts(b, "\\\\"); continue;
		case '\t': sb_puts(b, "\\t"); continue;
		case '\n': sb_puts(b, "\\n"); continue;
		case '\v': sb_puts(b, "\\v"); continue;
		case '\f': sb_puts(b, "\\f"); continue;
		case '\r': sb_puts(b, "\\r"); continue;
		}
		if (c >= ' ' && c < 0x7f) {
			sb_putc(b, c);
			continue;
		}
		/* "\1" then "2" would read back as "\12": pad to three digits before an octal digit. */
		if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '7') {
			esc[0] = '\\';
			esc[1] = '0' + (c >> 6);
			esc[2] = '0' + ((c >> 3) & 7);
			esc[3] = '0' + (c & 7);
			sb_write(b, esc, 4);
		} else {
			int n = 0;

			esc[n++] = '\\';
			if (c >= 0100)
				esc[n++] = '0' + (c >> 6);
			if (c >= 010)
				esc[n++] = '0' + ((c >> 3) & 7);
			esc[n++] = '0' + (c & 7);
			sb_write(b, esc, n);
		}
	}
	sb_putc(b, '"');
	if (cut)
		sb_puts(b, "...");
}

void quote_cstring(struct strbuf *b, const void *s, size_t len, int cut)
{
	const char *nul = memchr(s, '\0', len);

	quote_bytes(b, s, nul ? (size_t)(nul - (const char *)s) : len, cut);
}

void quote_hex(struct strbuf *b, const void *s, size_t len, int cut)
{
	const unsigned char *p = s;
	size_t i;

	sb_putc(b, '"');
	for (i = 0; i < len; i++)
		sb_printf(b, "\\x%02x", p[i]);
	sb_putc(b, '"');
	if (cut)
		sb_puts(b, "...");
}
