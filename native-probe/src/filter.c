/* filter.c - see filter.h. */
#include "filter.h"

#include <stdlib.h>
#include <string.h>

#include "classes.h"
#include "log.h"
#include "syscall_table.h"

#define MAX_NR 1024

static unsigned char chosen[MAX_NR];
static int active;   /* a -e trace= was given */
static int negated;  /* it began with '!' */
static int others;   /* what numbers beyond the table (no name) get */

static int add(const char *word)
{
	unsigned cls = class_by_name(word);
	int nr, found = 0;

	if (strcmp(word, "all") == 0) {
		memset(chosen, 1, sizeof(chosen));
		others = 1;
		return 0;
	}
	if (strcmp(word, "none") == 0)
		return 0;
	for (nr = 0; nr < MAX_NR; nr++) {
		const char *name = syscall_row(nr)->name;
		int match = (word[0] == '%' || cls) ? (syscall_class(nr) & cls) != 0
						  : name && strcmp(name, word) == 0;

		if (match) {
			chosen[nr] = 1;
			found = 1;
		}
	}
	/* A class with no member on this architecture is still a valid class. */
	if (!found && !cls) {
		log_msg("invalid system call '%s'", word);
		return -1;
	}
	return 0;
}

int filter_parse(const char *set)
{
	char *copy, *word, *save = NULL;
	int rc = 0;

	memset(chosen, 0, sizeof(chosen));
	others = 0;
	negated = set[0] == '!';
	if (negated)
		set++;
	copy = strdup(set);
	if (!copy)
		return -1;
	for (word = strtok_r(copy, ",", &save); word && rc == 0; word = strtok_r(NULL, ",", &save))
		rc = add(word);
	free(copy);
	active = 1;
	return rc;
}

int filter_traced(int nr)
{
	if (!active)
		return 1;
	return (nr >= 0 && nr < MAX_NR ? chosen[nr] : others) != negated;
}
