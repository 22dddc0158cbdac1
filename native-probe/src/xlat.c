/* xlat.c - see xlat.h. */
#include "xlat.h"

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	for (; x->name; x++)
		if (x->val == val)
			return x->name;
	return 0;
}

int sb_flags(struct strbuf *b, const struct xlat *x, uint64_t val, const char *zero)
{
	int n = 0;

	if (val == 0) {
		if (zero)
			sb_puts(b, zero);
		return zero ? 1 : 0;
	}
	for (; x->name && val; x++) {
		if (x->val == 0 || (val & x->val) != x->val)
			continue;
		if (n++)
			sb_putc(b, '|');
		sb_puts(b, x->name);
		val &= ~x->val;
	}
	if (val) {
		if (n++)
			sb_putc(b, '|');
		sb_printf(b, "%#llx", (unsigned long long)val);
	}
	return n;
}

void sb_enum(struct strbuf *b, const struct xlat *x, uint64_t val, const char *unknown_prefix)
{
	const char *name = xlat_name(x, val);

	if (name)
		sb_puts(b, name);
	else
		sb_printf(b, "%#llx /* %s_??? */", (unsigned long long)val, unknown_prefix);
}
