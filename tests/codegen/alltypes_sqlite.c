/*
 * alltypes_sqlite.c: the generated C models of
 * tests/golden/codegen/alltypes_sqlite.sql against a real SQLite database
 * (argv[1]: its file). Rows with every value go in through the sqlite3
 * helpers and come back equal, field by field; an UPDATE by primary key
 * changes exactly what it should. SQLite turns NaN into NULL, so NaN is
 * PostgreSQL's test only.
 */
#include <float.h>
#include <stdlib.h>

#include "models.h"

#include "check.h"

static sqlite3 *db;

static void base_row(struct models_alltypes *r, int64_t id)
{
	static unsigned char bytes[] = {0, 1, 0, 255, 0};
	static char varchars[8][16];

	memset(r, 0, sizeof(*r));
	snprintf(varchars[id % 8], sizeof(varchars[0]), "varchar %d", (int)id);
	r->id = id;
	r->c_integer = 1;
	r->c_bigint = 2;
	r->c_real = 0.5;
	r->c_text = "text";
	r->c_varchar = varchars[id % 8];
	r->c_blob.data = bytes;
	r->c_blob.len = sizeof(bytes);
	r->c_numeric = "12.5";
	r->c_boolean = true;
	r->c_datetime = "2024-02-29 23:59:59";
	r->c_with_default = "set";
	r->c_integer_n_is_null = r->c_int_is_null = r->c_smallint_is_null = r->c_tinyint_is_null = true;
	r->c_real_n_is_null = r->c_double_is_null = r->c_double_precision_is_null = r->c_float_is_null = true;
	r->c_text_n_is_null = r->c_varchar_n_is_null = r->c_char_is_null = r->c_nvarchar_is_null = true;
	r->c_clob_is_null = r->c_blob_n_is_null = r->c_numeric_n_is_null = r->c_decimal_is_null = true;
	r->c_boolean_n_is_null = r->c_date_is_null = r->c_datetime_n_is_null = r->c_timestamp_is_null = true;
	r->c_time_is_null = r->c_json_is_null = r->c_uuid_is_null = r->c_untyped_is_null = true;
	r->c_now_is_null = r->c_generated_is_null = true;
}

static void compare(const struct models_alltypes *got, const struct models_alltypes *want)
{
#define NUL(f) CHECK_INT(got->f##_is_null, want->f##_is_null)
#define INT(f) CHECK_INT(got->f, want->f)
#define STR(f) CHECK_STR(got->f, want->f)
#define DBL(f) CHECK_DOUBLE(got->f, want->f)
	INT(id);
	INT(c_integer);
	NUL(c_integer_n);
	INT(c_integer_n);
	NUL(c_int);
	INT(c_int);
	INT(c_bigint);
	NUL(c_smallint);
	INT(c_smallint);
	NUL(c_tinyint);
	INT(c_tinyint);
	/* SQLite keeps integral REALs as integers on disk: -0.0 comes back 0.0 */
	CHECK(got->c_real == want->c_real || (isnan(got->c_real) && isnan(want->c_real)));
	NUL(c_real_n);
	DBL(c_real_n);
	NUL(c_double);
	DBL(c_double);
	NUL(c_double_precision);
	DBL(c_double_precision);
	NUL(c_float);
	DBL(c_float);
	STR(c_text);
	NUL(c_text_n);
	STR(c_text_n);
	STR(c_varchar);
	NUL(c_varchar_n);
	STR(c_varchar_n);
	NUL(c_char);
	STR(c_char);
	NUL(c_nvarchar);
	STR(c_nvarchar);
	NUL(c_clob);
	STR(c_clob);
	CHECK_BYTES(got->c_blob, want->c_blob.data, want->c_blob.len);
	NUL(c_blob_n);
	CHECK_BYTES(got->c_blob_n, want->c_blob_n.data, want->c_blob_n.len);
	STR(c_numeric);
	NUL(c_numeric_n);
	STR(c_numeric_n);
	NUL(c_decimal);
	STR(c_decimal);
	INT(c_boolean);
	NUL(c_boolean_n);
	INT(c_boolean_n);
	NUL(c_date);
	STR(c_date);
	STR(c_datetime);
	NUL(c_datetime_n);
	STR(c_datetime_n);
	NUL(c_timestamp);
	STR(c_timestamp);
	NUL(c_time);
	STR(c_time);
	NUL(c_json);
	STR(c_json);
	NUL(c_uuid);
	STR(c_uuid);
	NUL(c_untyped);
	STR(c_untyped);
	STR(c_with_default);
	NUL(c_now);
	STR(c_now);
	CHECK_INT(got->c_generated_is_null, 0);
	CHECK_INT(got->c_generated, want->c_bigint / 2);
#undef NUL
#undef INT
#undef STR
#undef DBL
}

static void insert(const struct models_alltypes *row)
{
	int rc = models_alltypes_sqlite_insert(db, row);

	CHECK_INT(rc, SQLITE_OK);
	if (rc != SQLITE_OK)
		fprintf(stderr, "insert %lld: %s\n", (long long)row->id, sqlite3_errmsg(db));
}

static void read_back(const struct models_alltypes *want)
{
	struct models_alltypes got;
	sqlite3_stmt *st = NULL;

	CHECK_INT(sqlite3_prepare_v2(db, models_alltypes_select_by_pk_sql, -1, &st, NULL), SQLITE_OK);
	CHECK_INT(models_alltypes_sqlite_bind_pk(st, want), SQLITE_OK);
	CHECK_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_INT(models_alltypes_sqlite_read(&got, st), SQLITE_OK);
	compare(&got, want);
	models_alltypes_release(&got);
	CHECK_INT(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

int main(int argc, char **argv)
{
	static unsigned char zeros[] = {0, 0, 0, 0};
	struct models_alltypes a, b, c;

	if (argc != 2) {
		fprintf(stderr, "usage: alltypes_sqlite FILE\n");
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
		fprintf(stderr, "%s\n", sqlite3_errmsg(db));
		return 2;
	}

	CHECK_INT(models_alltypes_ncolumns, 37);
	CHECK_INT(models_alltypes_ninsert, 36);
	CHECK_STR(models_alltypes_columns[33].name, "c_untyped");
	CHECK_STR(models_alltypes_columns[33].sql_type, "");
	CHECK(strstr(models_Weird_Names_insert_sql, "\"2fa\"") != NULL);

	base_row(&a, 1);
	a.c_integer = INT64_MIN;
	a.c_integer_n = INT64_MAX;
	a.c_int = -1;
	a.c_bigint = INT64_MIN;
	a.c_smallint = INT16_MIN;
	a.c_tinyint = 127;
	a.c_real = -DBL_MAX;
	a.c_real_n = DBL_MIN;
	a.c_double = INFINITY;
	a.c_double_precision = -INFINITY;
	a.c_float = 4.9406564584124654e-324;
	a.c_text = "";
	a.c_text_n = "żółć 日本 \"quoted\" 'single' back\\slash\nnew line\ttab";
	a.c_varchar_n = "";
	a.c_char = "ab";
	a.c_nvarchar = "日本";
	a.c_clob = "clob";
	a.c_blob.data = zeros;
	a.c_blob.len = sizeof(zeros);
	a.c_blob_n.data = NULL;
	a.c_blob_n.len = 0;
	a.c_numeric = "-3";
	a.c_numeric_n = "0.5";
	a.c_decimal = "12.25";
	a.c_boolean = false;
	a.c_boolean_n = true;
	a.c_date = "2024-02-29";
	a.c_datetime_n = "1970-01-01 00:00:00";
	a.c_timestamp = "2024-02-29T23:59:59.123Z";
	a.c_time = "23:59:59.999";
	a.c_json = "{\"a\": [1, 2]}";
	a.c_uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
	a.c_untyped = "anything";
	a.c_now = "2000-01-01 00:00:00";
	a.c_integer_n_is_null = a.c_int_is_null = a.c_smallint_is_null = a.c_tinyint_is_null = false;
	a.c_real_n_is_null = a.c_double_is_null = a.c_double_precision_is_null = a.c_float_is_null = false;
	a.c_text_n_is_null = a.c_varchar_n_is_null = a.c_char_is_null = a.c_nvarchar_is_null = false;
	a.c_clob_is_null = a.c_blob_n_is_null = a.c_numeric_n_is_null = a.c_decimal_is_null = false;
	a.c_boolean_n_is_null = a.c_date_is_null = a.c_datetime_n_is_null = a.c_timestamp_is_null = false;
	a.c_time_is_null = a.c_json_is_null = a.c_uuid_is_null = a.c_untyped_is_null = false;
	a.c_now_is_null = false;
	insert(&a);

	base_row(&b, 2);
	b.c_integer = INT64_MAX;
	b.c_bigint = INT64_MAX;
	b.c_real = -0.0;
	b.c_blob.data = NULL;
	b.c_blob.len = 0;
	insert(&b);

	/* c: the nullable columns NULL (an INSERT names every column, so
	 * c_now's default does not apply) */
	base_row(&c, 3);
	insert(&c);

	read_back(&a);
	read_back(&b);
	read_back(&c);

	/* a NULL char * in a NOT NULL column: SQLite refuses it */
	{
		struct models_alltypes e;
		base_row(&e, 4);
		e.c_text = NULL;
		CHECK_INT(models_alltypes_sqlite_insert(db, &e), SQLITE_CONSTRAINT);
	}

	/* UPDATE by primary key */
	{
		struct models_alltypes u = b;
		u.id = 1;
		u.c_text = "updated ż";
		u.c_text_n = "set again";
		u.c_varchar = "varchar updated"; /* unique among c_boolean rows */
		u.c_text_n_is_null = false;
		CHECK_INT(models_alltypes_sqlite_update(db, &u), SQLITE_OK);
		CHECK_INT(sqlite3_changes(db), 1);
		u.c_generated = u.c_bigint / 2;
		read_back(&u);
		read_back(&b);
		read_back(&c);
		u.id = 99;
		CHECK_INT(models_alltypes_sqlite_update(db, &u), SQLITE_NOTFOUND);
	}

	/* every row through select_sql */
	{
		sqlite3_stmt *st = NULL;
		struct models_alltypes got;
		int n = 0;
		CHECK_INT(sqlite3_prepare_v2(db, models_alltypes_select_sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			CHECK_INT(models_alltypes_sqlite_read(&got, st), SQLITE_OK);
			models_alltypes_release(&got);
			n++;
		}
		CHECK_INT(n, 3);
		sqlite3_finalize(st);
	}

	/* renamed columns */
	{
		struct models_Weird_Names w = {0}, wr;
		sqlite3_stmt *st = NULL;
		w.id = 1;
		w.class_ = "c";
		w.my_col_2 = "spaced";
		w.my_col = "underscored";
		w.x_2fa = true;
		w.metadata_is_null = true;
		w.Mixed_Case = -1;
		w._ = "żółć";
		w.json = "{}";
		w._private = "p";
		w.type = "t";
		CHECK_INT(models_Weird_Names_sqlite_insert(db, &w), SQLITE_OK);
		CHECK_INT(sqlite3_prepare_v2(db, models_Weird_Names_select_sql, -1, &st, NULL), SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(models_Weird_Names_sqlite_read(&wr, st), SQLITE_OK);
		CHECK_STR(wr.my_col_2, "spaced");
		CHECK_STR(wr.my_col, "underscored");
		CHECK_STR(wr._, "żółć");
		CHECK(wr.metadata_is_null && wr.x_2fa);
		CHECK_INT(wr.Mixed_Case, -1);
		models_Weird_Names_release(&wr);
		sqlite3_finalize(st);
	}

	/* too few result columns */
	{
		sqlite3_stmt *st = NULL;
		struct models_alltypes got;
		CHECK_INT(sqlite3_prepare_v2(db, "SELECT 1", -1, &st, NULL), SQLITE_OK);
		CHECK_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_INT(models_alltypes_sqlite_read(&got, st), SQLITE_RANGE);
		sqlite3_finalize(st);
	}

	sqlite3_close(db);
	return check_summary("alltypes_sqlite");
}
