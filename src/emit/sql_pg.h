#ifndef SK_EMIT_SQL_PG_H
#define SK_EMIT_SQL_PG_H
/*
 * The PostgreSQL writer's per-object statements, shared by the canonical
 * dump (sk_emit_sql_pg) and the differ (diff/diff_pg.c), so that an object
 * a migration creates reads back exactly as the dump of a database built
 * from scratch writes it.
 *
 * Each function appends complete statements ending in ";\n", with no
 * blank line before them (the dump adds the blank lines between blocks).
 * Names are schema-qualified and quoted where needed; texts are the
 * server's renderings kept in the model.
 */
#include <stdbool.h>

#include "common/buf.h"
#include "model/model.h"

/* CREATE TYPE / CREATE DOMAIN (with ALTER DOMAIN ... NOT VALID checks). */
void sk_pg_emit_type(struct sk_buf *out, const struct sk_type *t);
/* CREATE SEQUENCE with the options that differ from the defaults. */
void sk_pg_emit_sequence(struct sk_buf *out, const struct sk_sequence *s);
/* The options of a sequence that differ from PostgreSQL's defaults, each
 * preceded by sep ("START WITH 10", "INCREMENT BY 2", ...); "AS type" too
 * when with_type. */
void sk_pg_seq_options(struct sk_buf *out, const struct sk_sequence *s, const char *sep, bool with_type);
/* ALTER SEQUENCE ... OWNED BY table.column (nothing when not owned). */
void sk_pg_emit_owned_by(struct sk_buf *out, const struct sk_sequence *s);
/* pg_get_functiondef's CREATE OR REPLACE statement. */
void sk_pg_emit_function(struct sk_buf *out, const struct sk_function *f);
/* Whether the server checks the function's body against the catalogs when
 * it is created (LANGUAGE sql with a string body). */
bool sk_pg_checked_body(const struct sk_function *f);
/* CREATE TABLE, with its primary key unless sk_pg_inline_pk says the
 * primary key goes after (partitions). */
void sk_pg_emit_table(struct sk_buf *out, const struct sk_table *t);
const struct sk_constraint *sk_pg_inline_pk(const struct sk_table *t);
/* A column definition as CREATE TABLE writes it, without indentation:
 * name type [COLLATE] [GENERATED ...] [DEFAULT] [identity] [NOT NULL].
 * t names the table the identity sequence's default name derives from. */
void sk_pg_emit_column(struct sk_buf *out, const struct sk_table *t, const struct sk_column *c);
/* " GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)]". */
void sk_pg_emit_identity(struct sk_buf *out, const struct sk_table *t, const struct sk_column *c);
/* What PARTITION OF does not give partition t of parent: its own column
 * defaults and NOT NULL. blank_lines separates the statements as the dump
 * does. */
void sk_pg_emit_partition_settings(struct sk_buf *out, const struct sk_table *t,
                                   const struct sk_table *parent, bool blank_lines);
/* CREATE [MATERIALIZED] VIEW; a materialized view WITH NO DATA unless
 * with_data. */
void sk_pg_emit_view(struct sk_buf *out, const struct sk_view *v, bool with_data);
/* ALTER VIEW ... ALTER COLUMN ... SET DEFAULT for the view's columns. */
void sk_pg_emit_view_defaults(struct sk_buf *out, const struct sk_view *v, bool blank_lines);
/* "ALTER TABLE [ONLY] schema.name" (ONLY unless partitioned: a partitioned
 * table's constraints must reach its partitions). */
void sk_pg_alter_table(struct sk_buf *out, const struct sk_table *t);
/* ALTER TABLE ... ADD CONSTRAINT name definition. */
void sk_pg_emit_constraint(struct sk_buf *out, const struct sk_table *t, const struct sk_constraint *k);
/* CREATE INDEX; on a partitioned table without ON ONLY, so that the
 * partitions get theirs. */
void sk_pg_emit_index(struct sk_buf *out, const struct sk_index *idx, bool partitioned);
void sk_pg_emit_trigger(struct sk_buf *out, const struct sk_trigger *tg);
/* COMMENT ON <what> <target> IS '<text>' (IS NULL when text is NULL). */
void sk_pg_emit_comment(struct sk_buf *out, const char *what, const char *target, const char *text);

#endif
