/*
 * example_pg.c: the generated C models (--name app) of the example
 * project's migrations against a real PostgreSQL database (argv[1]:
 * conninfo, the migrations applied): a user, an item, an order and its
 * line go in, come back equal, and are updated by primary key; a foreign
 * key and an enum work as the database says.
 */
#include <stdlib.h>

#include "app.h"

#include "check.h"

static PGconn *conn;

static void ok(PGresult *r, const char *what)
{
	CHECK(r && PQresultStatus(r) == PGRES_COMMAND_OK);
	if (r && PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "%s: %s", what, PQresultErrorMessage(r));
	PQclear(r);
}

static PGresult *users_by_pk(const struct app_users *u)
{
	struct app_users_pg_params p;

	app_users_pg_params_pk(&p, u);
	return PQexecParams(conn, app_users_select_by_pk_sql, p.n, NULL, p.values, p.lengths, p.formats, 0);
}

static PGresult *items_by_pk(const struct app_items *it)
{
	struct app_items_pg_params p;

	app_items_pg_params_pk(&p, it);
	return PQexecParams(conn, app_items_select_by_pk_sql, p.n, NULL, p.values, p.lengths, p.formats, 0);
}

static PGresult *order_by_pk(const struct app_order *o)
{
	struct app_order_pg_params p;

	app_order_pg_params_pk(&p, o);
	return PQexecParams(conn, app_order_select_by_pk_sql, p.n, NULL, p.values, p.lengths, p.formats, 0);
}

static PGresult *line_by_pk(const struct app_order_line *l)
{
	struct app_order_line_pg_params p;

	app_order_line_pg_params_pk(&p, l);
	return PQexecParams(conn, app_order_line_select_by_pk_sql, p.n, NULL, p.values, p.lengths, p.formats,
	                    0);
}

int main(int argc, char **argv)
{
	struct app_users u = {0}, ur;
	struct app_items it = {0}, ir;
	struct app_order o = {0}, orr;
	struct app_order_line l = {0}, lr;
	PGresult *r;

	if (argc != 2) {
		fprintf(stderr, "usage: example_pg CONNINFO\n");
		return 2;
	}
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(conn));
		return 2;
	}
	PQclear(PQexec(conn, "SET TimeZone = 'UTC'"));

	/* "order" is a reserved word: quoted in the SQL text */
	CHECK(strstr(app_order_insert_sql, "INSERT INTO \"order\" (") == app_order_insert_sql);
	CHECK_STR(app_user_role_to_string(app_user_role_moderator), "moderator");

	u.id = 10;
	u.email = "ada@example.com";
	u.display_name = "Ada Lovelace żółć";
	u.role = app_user_role_admin;
	u.created_at = "2024-01-10 09:00:00+00";
	u.updated_at = "2024-01-10 09:00:00.5+00";
	ok(app_users_pg_insert(conn, &u), "insert user");
	it.id = 20;
	it.owner_id = 10;
	it.title = "Analytical Engine";
	it.price = "1234567890.12";
	it.archived_at_is_null = true;
	it.created_at = "2024-01-12 14:30:00+00";
	it.description = "";
	ok(app_items_pg_insert(conn, &it), "insert item");
	o.id = 30;
	o.user_id = 10;
	o.placed_at = "2024-01-20 10:15:00+00";
	o.note_is_null = true;
	ok(app_order_pg_insert(conn, &o), "insert order");
	l.order_id = 30;
	l.item_id = 20;
	l.quantity = 3;
	ok(app_order_line_pg_insert(conn, &l), "insert order line");

	r = users_by_pk(&u);
	CHECK_INT(app_users_pg_read(&ur, r, 0), 0);
	CHECK_INT(ur.id, 10);
	CHECK_STR(ur.email, u.email);
	CHECK_STR(ur.display_name, u.display_name);
	CHECK_INT(ur.role, app_user_role_admin);
	CHECK_STR(ur.created_at, u.created_at);
	CHECK_STR(ur.updated_at, u.updated_at);
	app_users_release(&ur);
	PQclear(r);

	r = items_by_pk(&it);
	CHECK_INT(app_items_pg_read(&ir, r, 0), 0);
	CHECK_INT(ir.owner_id, 10);
	CHECK_STR(ir.title, it.title);
	CHECK_STR(ir.price, "1234567890.12");
	CHECK(ir.archived_at_is_null && ir.archived_at == NULL);
	CHECK_STR(ir.description, "");
	app_items_release(&ir);
	PQclear(r);

	r = order_by_pk(&o);
	CHECK_INT(app_order_pg_read(&orr, r, 0), 0);
	CHECK_INT(orr.user_id, 10);
	CHECK(orr.note_is_null);
	app_order_release(&orr);
	PQclear(r);

	r = line_by_pk(&l);
	CHECK_INT(app_order_line_pg_read(&lr, r, 0), 0);
	CHECK_INT(lr.quantity, 3);
	app_order_line_release(&lr);
	PQclear(r);

	/* updates by primary key */
	it.price = "0.50";
	it.archived_at = "2024-02-01 08:00:00+00";
	it.archived_at_is_null = false;
	r = app_items_pg_update(conn, &it);
	CHECK_STR(PQcmdTuples(r), "1");
	PQclear(r);
	r = items_by_pk(&it);
	CHECK_INT(app_items_pg_read(&ir, r, 0), 0);
	CHECK_STR(ir.price, "0.50");
	CHECK_STR(ir.archived_at, "2024-02-01 08:00:00+00");
	CHECK(!ir.archived_at_is_null);
	app_items_release(&ir);
	PQclear(r);

	o.note = "gift \"wrap\"";
	o.note_is_null = false;
	r = app_order_pg_update(conn, &o);
	CHECK_STR(PQcmdTuples(r), "1");
	PQclear(r);
	r = order_by_pk(&o);
	CHECK_INT(app_order_pg_read(&orr, r, 0), 0);
	CHECK_STR(orr.note, "gift \"wrap\"");
	app_order_release(&orr);
	PQclear(r);

	l.quantity = 5;
	r = app_order_line_pg_update(conn, &l); /* a two-column key */
	CHECK_STR(PQcmdTuples(r), "1");
	PQclear(r);
	r = line_by_pk(&l);
	CHECK_INT(app_order_line_pg_read(&lr, r, 0), 0);
	CHECK_INT(lr.quantity, 5);
	app_order_line_release(&lr);
	PQclear(r);

	u.role = app_user_role_member;
	r = app_users_pg_update(conn, &u);
	CHECK_STR(PQcmdTuples(r), "1");
	PQclear(r);
	r = users_by_pk(&u);
	CHECK_INT(app_users_pg_read(&ur, r, 0), 0);
	CHECK_INT(ur.role, app_user_role_member);
	app_users_release(&ur);
	PQclear(r);

	/* the database still checks: a line of a missing order, a negative price */
	l.order_id = 31;
	r = app_order_line_pg_insert(conn, &l);
	CHECK_STR(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23503");
	PQclear(r);
	it.id = 21;
	it.price = "-1";
	r = app_items_pg_insert(conn, &it);
	CHECK_STR(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23514");
	PQclear(r);
	/* an enum value that is not a label is refused before the database */
	u.id = 11;
	u.email = "x@example.com";
	u.role = (enum app_user_role)42;
	CHECK(app_users_pg_insert(conn, &u) == NULL);

	PQfinish(conn);
	return check_summary("example_pg");
}
