/*
 * alltypes_pg.c: the generated C models of tests/golden/codegen/alltypes_pg.sql
 * against a real PostgreSQL database (argv[1]: conninfo). Rows with every
 * value (extremes, NULLs, empty and non-ASCII text, bytes with zeros,
 * special doubles) go in through the libpq helpers and come back equal,
 * field by field; an UPDATE by primary key changes exactly what it should.
 * Built by tests/cli/codegen_c.sh with -std=c11 -Wall -Wextra -Wpedantic
 * -Werror against the generated models.h/models.c.
 */
#include <float.h>
#include <stdlib.h>

#include "models.h"

#include "check.h"

static PGconn *conn;

static void exec_ok(const char *sql)
{
	PGresult *r = PQexec(conn, sql);
	CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
	PQclear(r);
}

/* An ordinary row: every NOT NULL column set, every nullable one NULL. */
static void base_row(struct models_alltypes *r, int64_t id)
{
	static unsigned char bytes[] = {0, 1, 0, 255, 0};
	static char varchars[8][16];

	memset(r, 0, sizeof(*r));
	snprintf(varchars[id % 8], sizeof(varchars[0]), "varchar %d", (int)id); /* unique where c_boolean */
	r->id = id;
	r->c_smallint = 1;
	r->c_integer = 2;
	r->c_bigint = 3;
	r->c_numeric = "4.500000";
	r->c_real = 0.5;
	r->c_double = 0.25;
	r->c_boolean = true;
	r->c_text = "text";
	r->c_varchar = varchars[id % 8];
	r->c_char = "abcde";
	r->c_bytea.data = bytes;
	r->c_bytea.len = sizeof(bytes);
	r->c_date = "2024-02-29";
	r->c_time = "23:59:59.999999";
	r->c_timestamp = "2024-02-29 23:59:59.999999";
	r->c_timestamptz = "2024-02-29 23:59:59.5+00";
	r->c_interval = "1 year 2 mons 3 days 04:05:06.789";
	r->c_uuid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
	r->c_json = "{\"a\": [1, 2, {\"b\": null}], \"ż\": \"日本\"}";
	r->c_jsonb = "{\"a\": [true, false], \"b\": 1}";
	r->c_mood = models_mood_ok;
	r->c_int_array = "{1,-2,3}";
	r->c_with_default = "set";
	r->c_smallint_n_is_null = r->c_integer_n_is_null = r->c_bigint_n_is_null = true;
	r->c_numeric_n_is_null = r->c_real_n_is_null = r->c_double_n_is_null = true;
	r->c_boolean_n_is_null = r->c_text_n_is_null = r->c_varchar_n_is_null = true;
	r->c_char_n_is_null = r->c_bytea_n_is_null = r->c_date_n_is_null = true;
	r->c_time_n_is_null = r->c_timetz_is_null = r->c_timestamp_n_is_null = true;
	r->c_timestamptz_n_is_null = r->c_interval_n_is_null = r->c_uuid_n_is_null = true;
	r->c_json_n_is_null = r->c_jsonb_n_is_null = r->c_mood_n_is_null = true;
	r->c_text_array_is_null = r->c_inet_is_null = r->c_money_is_null = r->c_xml_is_null = true;
	r->c_generated_is_null = true;
}

/* Every field of got equals want (char(n) is read back padded, real is
 * float4 in the database, c_generated is c_bigint / 2). */
static void compare(const struct models_alltypes *got, const struct models_alltypes *want)
{
#define NUL(f) CHECK_INT(got->f##_is_null, want->f##_is_null)
	CHECK_INT(got->id, want->id);
	CHECK_INT(got->c_smallint, want->c_smallint);
	NUL(c_smallint_n);
	CHECK_INT(got->c_smallint_n, want->c_smallint_n);
	CHECK_INT(got->c_integer, want->c_integer);
	NUL(c_integer_n);
	CHECK_INT(got->c_integer_n, want->c_integer_n);
	CHECK_INT(got->c_bigint, want->c_bigint);
	NUL(c_bigint_n);
	CHECK_INT(got->c_bigint_n, want->c_bigint_n);
	CHECK_STR(got->c_numeric, want->c_numeric);
	NUL(c_numeric_n);
	CHECK_STR(got->c_numeric_n, want->c_numeric_n);
	CHECK_DOUBLE((float)got->c_real, (float)want->c_real);
	NUL(c_real_n);
	CHECK_DOUBLE((float)got->c_real_n, (float)want->c_real_n);
	CHECK_DOUBLE(got->c_double, want->c_double);
	NUL(c_double_n);
	CHECK_DOUBLE(got->c_double_n, want->c_double_n);
	CHECK_INT(got->c_boolean, want->c_boolean);
	NUL(c_boolean_n);
	CHECK_INT(got->c_boolean_n, want->c_boolean_n);
	CHECK_STR(got->c_text, want->c_text);
	NUL(c_text_n);
	CHECK_STR(got->c_text_n, want->c_text_n);
	CHECK_STR(got->c_varchar, want->c_varchar);
	NUL(c_varchar_n);
	CHECK_STR(got->c_varchar_n, want->c_varchar_n);
	CHECK_STR(got->c_char, want->c_char);
	NUL(c_char_n);
	CHECK_STR(got->c_char_n, want->c_char_n);
	CHECK_BYTES(got->c_bytea, want->c_bytea.data, want->c_bytea.len);
	NUL(c_bytea_n);
	CHECK_BYTES(got->c_bytea_n, want->c_bytea_n.data, want->c_bytea_n.len);
	CHECK_STR(got->c_date, want->c_date);
	NUL(c_date_n);
	CHECK_STR(got->c_date_n, want->c_date_n);
	CHECK_STR(got->c_time, want->c_time);
	NUL(c_time_n);
	CHECK_STR(got->c_time_n, want->c_time_n);
	NUL(c_timetz);
	CHECK_STR(got->c_timetz, want->c_timetz);
	CHECK_STR(got->c_timestamp, want->c_timestamp);
	NUL(c_timestamp_n);
	CHECK_STR(got->c_timestamp_n, want->c_timestamp_n);
	CHECK_STR(got->c_timestamptz, want->c_timestamptz);
	NUL(c_timestamptz_n);
	CHECK_STR(got->c_timestamptz_n, want->c_timestamptz_n);
	CHECK_STR(got->c_interval, want->c_interval);
	NUL(c_interval_n);
	CHECK_STR(got->c_interval_n, want->c_interval_n);
	CHECK_STR(got->c_uuid, want->c_uuid);
	NUL(c_uuid_n);
	CHECK_STR(got->c_uuid_n, want->c_uuid_n);
	CHECK_STR(got->c_json, want->c_json);
	NUL(c_json_n);
	CHECK_STR(got->c_json_n, want->c_json_n);
	CHECK_STR(got->c_jsonb, want->c_jsonb);
	NUL(c_jsonb_n);
	CHECK_STR(got->c_jsonb_n, want->c_jsonb_n);
	CHECK_INT(got->c_mood, want->c_mood);
	NUL(c_mood_n);
	CHECK_INT(got->c_mood_n, want->c_mood_n);
	CHECK_STR(got->c_int_array, want->c_int_array);
	NUL(c_text_array);
	CHECK_STR(got->c_text_array, want->c_text_array);
	NUL(c_inet);
	CHECK_STR(got->c_inet, want->c_inet);
	NUL(c_money);
	NUL(c_xml);
	CHECK_STR(got->c_xml, want->c_xml);
	CHECK_STR(got->c_with_default, want->c_with_default);
	CHECK_INT(got->c_generated_is_null, 0);
	CHECK_INT(got->c_generated, want->c_bigint / 2);
#undef NUL
}

static void insert(const struct models_alltypes *row)
{
	PGresult *r = models_alltypes_pg_insert(conn, row);

	CHECK(r && PQresultStatus(r) == PGRES_COMMAND_OK);
	if (r && PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "insert %lld: %s", (long long)row->id, PQresultErrorMessage(r));
	PQclear(r);
}

/* reads row id back through select_by_pk and compares it with want */
static void read_back(const struct models_alltypes *want)
{
	struct models_alltypes_pg_params p;
	struct models_alltypes got;
	PGresult *r;

	CHECK(models_alltypes_pg_params_pk(&p, want) == 0);
	r = PQexecParams(conn, models_alltypes_select_by_pk_sql, p.n, NULL, p.values, p.lengths, p.formats,
	                 0);
	CHECK(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fprintf(stderr, "select: %s", PQresultErrorMessage(r));
	if (PQntuples(r) == 1) {
		int rc = models_alltypes_pg_read(&got, r, 0);
		CHECK_INT(rc, 0);
		if (rc == 0)
			compare(&got, want);
		models_alltypes_release(&got);
	}
	PQclear(r);
}

int main(int argc, char **argv)
{
	static unsigned char zeros[] = {0, 0, 0};
	struct models_alltypes a, b, c, d;
	struct models_alltypes got;
	enum models_mood m;
	PGresult *r;

	if (argc != 2) {
		fprintf(stderr, "usage: alltypes_pg CONNINFO\n");
		return 2;
	}
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(conn));
		return 2;
	}
	exec_ok("SET TimeZone = 'UTC'");

	/* the metadata and the SQL text */
	CHECK_INT(models_alltypes_ncolumns, 49);
	CHECK_STR(models_alltypes_columns[0].name, "id");
	CHECK(models_alltypes_columns[0].primary_key && !models_alltypes_columns[0].nullable);
	CHECK_STR(models_alltypes_columns[2].sql_type, "smallint");
	CHECK(models_alltypes_columns[2].nullable);
	CHECK(!models_alltypes_columns[models_alltypes_ncolumns - 1].insertable);
	CHECK_INT(models_alltypes_ninsert, 48); /* not c_generated */
	CHECK(strstr(models_alltypes_insert_sql, "INSERT INTO \"alltypes\" (\"id\", ") ==
	      models_alltypes_insert_sql);
	CHECK(strstr(models_Weird_Names_select_sql, "\"my col\"") != NULL);
	CHECK(strstr(models_Weird_Names_select_sql, "FROM \"Weird Names\"") != NULL);
	CHECK(strstr(models_alltypes_update_sql, " WHERE \"id\" = $48") != NULL);

	/* enums: labels that are not identifiers */
	CHECK_STR(models_mood_to_string(models_mood_in_progress), "in progress");
	CHECK_STR(models_mood_to_string(models_mood__), "żółć");
	CHECK_STR(models_mood_to_string(models_mood_class), "class");
	CHECK(models_mood_from_string(&m, "żółć") == 0 && m == models_mood__);
	CHECK(models_mood_from_string(&m, "nope") == -1);
	CHECK(models_mood_to_string((enum models_mood)99) == NULL);

	/* a: the low extremes and every nullable column set */
	base_row(&a, 1);
	a.c_smallint = INT16_MIN;
	a.c_smallint_n = INT16_MAX;
	a.c_integer = INT32_MIN;
	a.c_integer_n = INT32_MAX;
	a.c_bigint = INT64_MIN;
	a.c_bigint_n = INT64_MAX;
	a.c_numeric = "-123456789012345678901234.123456";
	a.c_numeric_n = "0.000000000000000000001";
	a.c_real = 1.5;
	a.c_real_n = FLT_MAX;
	a.c_double = DBL_MAX;
	a.c_double_n = -DBL_MIN;
	a.c_boolean_n = false;
	a.c_text = "";
	a.c_text_n = "żółć 日本 \"quoted\" 'single' back\\slash\nnew line\ttab";
	a.c_varchar = "żółć 日本";
	a.c_varchar_n = "";
	a.c_char = "ab";
	a.c_char_n = "żółćx";
	a.c_bytea_n.data = NULL;
	a.c_bytea_n.len = 0;
	a.c_date_n = "infinity";
	a.c_time_n = "00:00:00.123";
	a.c_timetz = "12:34:56+05:30";
	a.c_timestamp_n = "1999-12-31 00:00:00.123";
	a.c_timestamptz_n = "2000-01-01 00:00:00+00";
	a.c_interval_n = "-00:00:01";
	a.c_uuid_n = "00000000-0000-0000-0000-000000000000";
	a.c_json_n = "[]";
	a.c_jsonb_n = "{\"k\": \"ż\"}";
	a.c_mood = models_mood_in_progress;
	a.c_mood_n = models_mood__;
	a.c_text_array = "{\"a b\",c,NULL,ż,\"\\\"q\\\"\"}";
	a.c_inet = "192.168.0.1/24";
	a.c_xml = "<a>ż</a>";
	a.c_smallint_n_is_null = a.c_integer_n_is_null = a.c_bigint_n_is_null = false;
	a.c_numeric_n_is_null = a.c_real_n_is_null = a.c_double_n_is_null = false;
	a.c_boolean_n_is_null = a.c_text_n_is_null = a.c_varchar_n_is_null = false;
	a.c_char_n_is_null = a.c_bytea_n_is_null = a.c_date_n_is_null = false;
	a.c_time_n_is_null = a.c_timetz_is_null = a.c_timestamp_n_is_null = false;
	a.c_timestamptz_n_is_null = a.c_interval_n_is_null = a.c_uuid_n_is_null = false;
	a.c_json_n_is_null = a.c_jsonb_n_is_null = a.c_mood_n_is_null = false;
	a.c_text_array_is_null = a.c_inet_is_null = a.c_xml_is_null = false;
	insert(&a);
	a.c_char = "ab   "; /* char(5) pads */

	/* b: the high extremes, every nullable column NULL */
	base_row(&b, 2);
	b.c_smallint = INT16_MAX;
	b.c_integer = INT32_MAX;
	b.c_bigint = INT64_MAX;
	b.c_numeric = "0.000000";
	b.c_real = -0.0f;
	b.c_double = -0.0;
	b.c_boolean = false;
	b.c_varchar = "";
	b.c_bytea.data = NULL;
	b.c_bytea.len = 0;
	b.c_date = "0001-01-01";
	b.c_time = "00:00:00";
	b.c_timestamp = "infinity";
	b.c_timestamptz = "-infinity";
	b.c_interval = "00:00:00";
	b.c_json = "null";
	b.c_jsonb = "[]";
	b.c_mood = models_mood_sad;
	b.c_int_array = "{}";
	insert(&b);

	/* c, d: special doubles */
	base_row(&c, 3);
	c.c_real = -INFINITY;
	c.c_real_n = NAN;
	c.c_real_n_is_null = false;
	c.c_double = INFINITY;
	c.c_double_n = NAN;
	c.c_double_n_is_null = false;
	insert(&c);
	base_row(&d, 4);
	d.c_double = 4.9406564584124654e-324; /* the smallest subnormal */
	d.c_double_n = -DBL_MAX;
	d.c_double_n_is_null = false;
	d.c_real = FLT_MIN;
	insert(&d);

	read_back(&a);
	read_back(&b);
	read_back(&c);
	read_back(&d);

	/* a NULL char * binds NULL: a NOT NULL column refuses it */
	{
		struct models_alltypes e;
		base_row(&e, 5);
		e.c_text = NULL;
		r = models_alltypes_pg_insert(conn, &e);
		CHECK(PQresultStatus(r) == PGRES_FATAL_ERROR);
		CHECK(strstr(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23502") != NULL);
		PQclear(r);
	}

	/* UPDATE by primary key: a takes b's NOT NULL values and NULLs */
	{
		struct models_alltypes u = b;
		static unsigned char nb[] = {0, 'x', 0};
		u.id = 1;
		u.c_text = "updated ż";
		u.c_bytea.data = nb;
		u.c_bytea.len = sizeof(nb);
		u.c_mood = models_mood_class;
		r = models_alltypes_pg_update(conn, &u);
		CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
		CHECK_STR(PQcmdTuples(r), "1");
		PQclear(r);
		read_back(&u);
		read_back(&b); /* the other rows are untouched */
		read_back(&c);
		u.id = 99; /* no such row */
		r = models_alltypes_pg_update(conn, &u);
		CHECK_STR(PQcmdTuples(r), "0");
		PQclear(r);
	}

	/* every row through select_sql, and bytes read as binary too */
	r = PQexecParams(conn, models_alltypes_select_sql, 0, NULL, NULL, NULL, NULL, 0);
	CHECK_INT(PQntuples(r), 4);
	for (int i = 0; i < PQntuples(r); i++) {
		CHECK_INT(models_alltypes_pg_read(&got, r, i), 0);
		models_alltypes_release(&got);
	}
	CHECK_INT(models_alltypes_pg_read(&got, r, 4), -1);
	PQclear(r);
	r = PQexecParams(conn, "SELECT $1::bytea", 1, NULL, (const char *const[]){(const char *)zeros},
	                 (const int[]){3}, (const int[]){1}, 1);
	CHECK(PQresultStatus(r) == PGRES_TUPLES_OK && PQgetlength(r, 0, 0) == 3);
	PQclear(r);

	/* a value that does not fit fails the read and leaves nothing allocated */
	{
		struct models_Weird_Names w;
		r = PQexec(conn, "SELECT 99999999999, 'a', 'b', 'c', true, 'd', 1, 'e', '{}', 'f', 'g'");
		CHECK_INT(models_Weird_Names_pg_read(&w, r, 0), -1); /* id is an integer */
		PQclear(r);
		r = PQexec(conn, "SELECT 1, 'a', 'b', 'c', 'maybe', 'd', 1, 'e', '{}', 'f', 'g'");
		CHECK_INT(models_Weird_Names_pg_read(&w, r, 0), -1); /* after three strings */
		CHECK(w.class_ == NULL && w.my_col == NULL);
		PQclear(r);
		r = PQexec(conn, "SELECT 1, 'a'");
		CHECK_INT(models_Weird_Names_pg_read(&w, r, 0), -1); /* too few columns */
		PQclear(r);
	}

	/* the tables of the other shapes work too */
	{
		struct models_person pe = {0};
		struct models_message msg = {0};
		struct models_Weird_Names w = {0}, wr;
		struct models_Weird_Names_pg_params p;

		pe.name = "Ada";
		pe.manager_id_is_null = true;
		r = models_person_pg_insert(conn, &pe); /* id is GENERATED ALWAYS: not inserted */
		CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
		PQclear(r);
		msg.id = 7;
		msg.sender_id = 1;
		msg.recipient_id_is_null = true;
		msg.body = "hi";
		r = models_message_pg_insert(conn, &msg);
		CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
		PQclear(r);
		w.id = 1;
		w.class_ = "c";
		w.my_col_2 = "spaced";
		w.my_col = "underscored";
		w.x_2fa = true;
		w.metadata_is_null = true;
		w.Mixed_Case = -1;
		w._ = "żółć";
		w.json = "{\"j\": 1}";
		w._private = "p";
		w.type = "t";
		r = models_Weird_Names_pg_insert(conn, &w);
		CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
		PQclear(r);
		models_Weird_Names_pg_params_pk(&p, &w);
		r = PQexecParams(conn, models_Weird_Names_select_by_pk_sql, p.n, NULL, p.values, p.lengths,
		                 p.formats, 0);
		CHECK_INT(models_Weird_Names_pg_read(&wr, r, 0), 0);
		CHECK_STR(wr.my_col_2, "spaced");
		CHECK_STR(wr.my_col, "underscored");
		CHECK_STR(wr._, "żółć");
		CHECK(wr.metadata_is_null && !wr.x_2fa_is_null && wr.x_2fa);
		CHECK_INT(wr.Mixed_Case, -1);
		models_Weird_Names_release(&wr);
		models_Weird_Names_release(&wr); /* twice is harmless */
		PQclear(r);
	}

	PQfinish(conn);
	return check_summary("alltypes_pg");
}
