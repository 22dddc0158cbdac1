/* xlat.c - see xlat.h. */
#include "xlat.h"

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	for (; x->name; x++)
		if (x->val == val)
			return x->name;
	return 0;
}

int sb_flags(struct strbuf *b, const struct xlat *x, uint64_t val, const char *dflt)
{
	int n = 0;

	/* An entry matches when all its bits are set; a zero entry only names the value 0. */
	for (; x->name; x++) {
		if (x->val ? (val & x->val) != x->val : val != 0 || n)
			continue;
		if (n++)
			sb_putc(b, '|');
		sb_puts(b, x->name);
		val &= ~x->val;
		if (!val)
			break;
	}
	if (n) {
		if (val)
			sb_printf(b, "|%#llx", (unsigned long long)val);
	} else if (val) {
		sb_printf(b, "%#llx", (unsigned long long)val);
		if (dflt)
			sb_printf(b, " /* %s */", dflt);
	} else if (dflt) {
		sb_putc(b, '0');
	}
	return n;
}

void sb_enum(struct strbuf *b, const struct xlat *x, uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);

	if (name)
		sb_puts(b, name);
	else if (dflt)
		sb_printf(b, "%#llx /* %s */", (unsigned long long)val, dflt);
	else
		sb_printf(b, "%#llx", (unsigned long long)val);
}

void sb_enum_d(struct strbuf *b, const struct xlat *x, int64_t val, const char *dflt)
{
	const char *name = xlat_name(x, (uint64_t)val);

	if (name)
		sb_puts(b, name);
	else
		sb_printf(b, "%lld /* %s */", (long long)val, dflt);
}
