/* Uses the generated models: loads the generated dump into an in-memory
 * SQLite database, inserts a row with the generated helper, reads it back
 * with the generated reader, and prints the column count and what it read. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "models.h"

int main(void)
{
	struct models_person in = { 0 }, out = { 0 };
	sqlite3_stmt *st = NULL;
	static char ddl[65536];
	FILE *f = fopen(DEMO_SCHEMA_SQL, "r");
	size_t n;
	sqlite3 *db;
	int rc = 1;

	if (!f)
		return 1;
	n = fread(ddl, 1, sizeof(ddl) - 1, f);
	ddl[n] = '\0';
	fclose(f);
	in.id = 1;
	in.name = "Ada";
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	if (models_person_sqlite_insert(db, &in) == 0 &&
	    sqlite3_prepare_v2(db, models_person_select_sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && models_person_sqlite_read(&out, st) == 0) {
		printf("person has %d columns; read %s\n", (int)models_person_ncolumns, out.name);
		rc = 0;
	}
	models_person_release(&out);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
