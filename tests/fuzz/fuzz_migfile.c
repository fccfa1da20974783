/* libFuzzer target: parsing a migration file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migrate/migfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_migration m;
	struct sk_error err = SK_ERROR_INIT;

	if (sk_migration_parse(&m, "fuzz.sql", (const char *)data, size, SK_SQL_POSTGRES, &err) == 0) {
		for (size_t i = 0; i < m.up.nr; i++)
			if (m.up.stmts[i].start < m.content || m.up.stmts[i].start + m.up.stmts[i].len > m.content + m.content_len)
				abort();
		sk_migration_release(&m);
	} else if (err.message[0] == '\0') {
		abort(); /* every failure says why */
	}
	if (sk_migration_parse(&m, "fuzz.sql", (const char *)data, size, SK_SQL_SQLITE, &err) == 0)
		sk_migration_release(&m);
	return 0;
}
