/*
 * Unit tests of codegen: identifier renaming (keywords, spaces, digits,
 * non-ASCII, collisions, determinism), literals, the type mapping table for
 * both dialects, [codegen.types] overrides, and whole generations of a
 * model built by hand (names the targets agree on, byte-identical output).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen/codegen.h"
#include "codegen/names.h"
#include "codegen/types.h"
#include "common/buf.h"
#include "common/fs.h"
#include "config/config.h"
#include "model/model.h"

#include "common/banned.h"

/* ---- names ---- */

static void expect_ident(enum sk_cg_lang lang, const char *name, const char *want, bool changed)
{
	struct sk_buf b = SK_BUF_INIT;
	bool c = sk_cg_ident(&b, lang, name);

	assert_string_equal(b.buf, want);
	assert_int_equal(c, changed);
	sk_buf_release(&b);
}

static void test_codegen__ident_keywords(void **state)
{
	(void)state;
	/* C (and C++, so the header works there) */
	expect_ident(SK_CG_LANG_C, "int", "int_", true);
	expect_ident(SK_CG_LANG_C, "bool", "bool_", true);
	expect_ident(SK_CG_LANG_C, "class", "class_", true);
	expect_ident(SK_CG_LANG_C, "errno", "errno_", true);
	expect_ident(SK_CG_LANG_C, "NULL", "NULL_", true);
	expect_ident(SK_CG_LANG_C, "order", "order", false);
	expect_ident(SK_CG_LANG_C, "metadata", "metadata", false);
	/* Python: keywords, soft keywords, SQLAlchemy's and Pydantic's names */
	expect_ident(SK_CG_LANG_PYTHON, "class", "class_", true);
	expect_ident(SK_CG_LANG_PYTHON, "None", "None_", true);
	expect_ident(SK_CG_LANG_PYTHON, "match", "match_", true);
	expect_ident(SK_CG_LANG_PYTHON, "type", "type_", true);
	expect_ident(SK_CG_LANG_PYTHON, "metadata", "metadata_", true);
	expect_ident(SK_CG_LANG_PYTHON, "registry", "registry_", true);
	expect_ident(SK_CG_LANG_PYTHON, "query", "query_", true);
	expect_ident(SK_CG_LANG_PYTHON, "json", "json_", true);
	expect_ident(SK_CG_LANG_PYTHON, "model_dump", "model_dump_", true);
	expect_ident(SK_CG_LANG_PYTHON, "str", "str_", true);
	expect_ident(SK_CG_LANG_PYTHON, "order", "order", false);
	expect_ident(SK_CG_LANG_PYTHON, "int_", "int_", false);
	/* enum members: not the model attributes, but str's methods */
	expect_ident(SK_CG_LANG_PYENUM, "metadata", "metadata", false);
	expect_ident(SK_CG_LANG_PYENUM, "upper", "upper_", true);
	expect_ident(SK_CG_LANG_PYENUM, "mro", "mro_", true);
	expect_ident(SK_CG_LANG_PYENUM, "True", "True_", true);
}

static void test_codegen__ident_invalid_characters(void **state)
{
	(void)state;
	expect_ident(SK_CG_LANG_C, "my col", "my_col", true);
	expect_ident(SK_CG_LANG_PYTHON, "my col", "my_col", true);
	expect_ident(SK_CG_LANG_C, "a - b", "a_b", true);
	expect_ident(SK_CG_LANG_C, "price ($)", "price_", true);
	expect_ident(SK_CG_LANG_C, "\"quoted\"", "_quoted_", true);
	expect_ident(SK_CG_LANG_PYTHON, "\"quoted\"", "x_quoted_", true);
	expect_ident(SK_CG_LANG_C, "2fa", "x_2fa", true);
	expect_ident(SK_CG_LANG_PYTHON, "2fa", "x_2fa", true);
	expect_ident(SK_CG_LANG_C, "", "x", true);
	expect_ident(SK_CG_LANG_C, "żółć", "_", true);
	expect_ident(SK_CG_LANG_PYTHON, "żółć", "x_", true);
	expect_ident(SK_CG_LANG_C, "café au lait", "caf_au_lait", true);
	/* C reserves "__" and "_X"; Python fields may not start with '_' */
	expect_ident(SK_CG_LANG_C, "_lower", "_lower", false);
	expect_ident(SK_CG_LANG_C, "_Upper", "x_Upper", true);
	expect_ident(SK_CG_LANG_C, "__x", "x__x", true);
	expect_ident(SK_CG_LANG_PYTHON, "_lower", "x_lower", true);
	expect_ident(SK_CG_LANG_PYTHON, "__init__", "x__init__", true);
	expect_ident(SK_CG_LANG_PYTHON, "Mixed Case", "Mixed_Case", true);
}

static void expect_class(const char *name, const char *want)
{
	struct sk_buf b = SK_BUF_INIT;

	sk_cg_class_ident(&b, name);
	assert_string_equal(b.buf, want);
	sk_buf_release(&b);
}

static void test_codegen__class_names(void **state)
{
	(void)state;
	expect_class("order_line", "OrderLine");
	expect_class("users", "Users");
	expect_class("Weird Names", "WeirdNames");
	expect_class("userAccounts", "UserAccounts");
	expect_class("2fa codes", "X2faCodes");
	expect_class("none", "None_");
	expect_class("base", "Base_");
	expect_class("", "X");
	expect_class("żółć", "X");
}

static void assign(const char **out, enum sk_cg_lang lang, const char *const *names, size_t n,
                   struct sk_arena *a)
{
	struct sk_cg_scope s;

	sk_cg_scope_init(&s, a);
	sk_cg_assign(out, &s, lang, names, n, NULL);
	sk_cg_scope_release(&s);
}

static void test_codegen__collisions_resolved_deterministically(void **state)
{
	struct sk_arena a = SK_ARENA_INIT;
	const char *out[6], *again[6];
	const char *const names[] = {"my col", "my_col", "My Col", "my-col", "class", "class_"};
	(void)state;

	assign(out, SK_CG_LANG_PYTHON, names, 6, &a);
	/* names used as they are keep them; renamed ones yield, in order */
	assert_string_equal(out[1], "my_col");
	assert_string_equal(out[5], "class_");
	assert_string_equal(out[0], "my_col_2");
	assert_string_equal(out[2], "My_Col");
	assert_string_equal(out[3], "my_col_3");
	assert_string_equal(out[4], "class__2");
	assign(again, SK_CG_LANG_PYTHON, names, 6, &a);
	for (int i = 0; i < 6; i++)
		assert_string_equal(out[i], again[i]);
	sk_arena_release(&a);
}

static void test_codegen__scope_claims_free_stems(void **state)
{
	struct sk_arena a = SK_ARENA_INIT;
	struct sk_cg_scope s;
	const char *const sfx[] = {"Base", "Create", "Read"};
	(void)state;

	sk_cg_scope_init(&s, &a);
	sk_cg_scope_take(&s, "UsersRead"); /* as a table named users_read would */
	assert_string_equal(sk_cg_scope_claim_stem(&s, "Users", sfx, 3, true), "Users_2");
	assert_true(sk_cg_scope_has(&s, "Users_2Create"));
	assert_string_equal(sk_cg_scope_claim(&s, "x"), "x");
	assert_string_equal(sk_cg_scope_claim(&s, "x"), "x_2");
	assert_string_equal(sk_cg_scope_claim(&s, "x"), "x_3");
	for (int i = 0; i < 500; i++) /* grows */
		sk_cg_scope_claim(&s, "y");
	assert_string_equal(sk_cg_scope_claim(&s, "y"), "y_501");
	sk_cg_scope_release(&s);
	sk_arena_release(&a);
}

static void test_codegen__literals(void **state)
{
	struct sk_buf b = SK_BUF_INIT;
	(void)state;

	sk_cg_c_literal(&b, "a\"b\\c\n?\?=ż"); /* two ? then =: a trigraph unless escaped */
	assert_string_equal(b.buf, "\"a\\\"b\\\\c\\n?\\?=\\305\\274\"");
	sk_buf_reset(&b);
	sk_cg_py_literal(&b, "a\"b\\c\n\tż\x01");
	assert_string_equal(b.buf, "\"a\\\"b\\\\c\\n\\tż\\x01\"");
	sk_buf_release(&b);
}

/* ---- types ---- */

struct fixture {
	struct sk_model *m;
	struct sk_arena a;
	struct sk_cg_overrides ov;
};

static const char *enum_class(void *ctx, const struct sk_type *t)
{
	(void)ctx;
	return !strcmp(t->name, "mood") ? "Mood" : "Other";
}

static struct sk_cg_type resolve(struct fixture *f, const char *type, bool overrides)
{
	struct sk_cg_type t;

	sk_cg_type_resolve(&t, &f->a, f->m, type, NULL, overrides ? &f->ov : NULL, enum_class, NULL);
	return t;
}

static void add_types(struct sk_model *m)
{
	struct sk_type *t = sk_arena_calloc(&m->arena, 2, sizeof(*t));
	static const char *labels[] = {"sad", "ok"};

	t[0].schema = "public";
	t[0].name = "mood";
	t[0].kind = SK_TYPE_ENUM;
	t[0].labels = labels;
	t[0].nlabels = 2;
	t[1].schema = "public";
	t[1].name = "posint";
	t[1].kind = SK_TYPE_DOMAIN;
	t[1].base_type = "integer";
	m->types = t;
	m->ntypes = 2;
}

static void test_codegen__types_postgres(void **state)
{
	struct fixture f = {sk_model_new(SK_DIALECT_POSTGRES), SK_ARENA_INIT, {NULL, 0}};
	struct sk_cg_type t;
	(void)state;

	add_types(f.m);
	t = resolve(&f, "smallint", false);
	assert_int_equal(t.kind, SK_CG_INT16);
	assert_string_equal(sk_cg_kind_c_type(t.kind), "int16_t");
	assert_string_equal(t.sqlalchemy, "sa.SmallInteger()");
	assert_string_equal(t.python, "int");
	assert_int_equal(resolve(&f, "integer", false).kind, SK_CG_INT32);
	assert_int_equal(resolve(&f, "bigint", false).kind, SK_CG_INT64);
	assert_int_equal(resolve(&f, "double precision", false).kind, SK_CG_DOUBLE);
	assert_string_equal(resolve(&f, "real", false).sqlalchemy, "sa.REAL()");
	assert_int_equal(resolve(&f, "boolean", false).kind, SK_CG_BOOL);
	t = resolve(&f, "character varying(20)", false);
	assert_int_equal(t.kind, SK_CG_TEXT);
	assert_string_equal(t.sqlalchemy, "sa.String(20)");
	assert_string_equal(t.python, "str");
	assert_string_equal(t.pydantic, "pydantic.constr(max_length=20)");
	assert_string_equal(t.short_name, "varchar");
	assert_string_equal(resolve(&f, "character varying", false).sqlalchemy, "sa.String()");
	t = resolve(&f, "numeric(12,2)", false);
	assert_int_equal(t.kind, SK_CG_NUMERIC);
	assert_true(sk_cg_kind_is_text(t.kind));
	assert_string_equal(t.sqlalchemy, "sa.Numeric(12, 2)");
	assert_string_equal(t.python, "decimal.Decimal");
	t = resolve(&f, "timestamp(3) with time zone", false);
	assert_int_equal(t.kind, SK_CG_TIMESTAMPTZ);
	assert_string_equal(t.sqlalchemy, "postgresql.TIMESTAMP(timezone=True, precision=3)");
	assert_string_equal(t.python, "datetime.datetime");
	assert_string_equal(resolve(&f, "time without time zone", false).sqlalchemy, "postgresql.TIME()");
	t = resolve(&f, "bytea", false);
	assert_int_equal(t.kind, SK_CG_BYTES);
	assert_null(sk_cg_kind_c_type(t.kind));
	assert_string_equal(t.python, "bytes");
	assert_string_equal(resolve(&f, "uuid", false).python, "uuid.UUID");
	assert_string_equal(resolve(&f, "jsonb", false).sqlalchemy, "postgresql.JSONB()");
	assert_string_equal(resolve(&f, "interval", false).python, "datetime.timedelta");
	t = resolve(&f, "integer[]", false);
	assert_int_equal(t.kind, SK_CG_ARRAY);
	assert_int_equal(t.elem_kind, SK_CG_INT32);
	assert_string_equal(t.sqlalchemy, "postgresql.ARRAY(sa.Integer())");
	assert_string_equal(t.python, "typing.List[typing.Optional[int]]");
	assert_string_equal(t.short_name, "int4[]");
	/* user-defined types */
	t = resolve(&f, "mood", false);
	assert_int_equal(t.kind, SK_CG_ENUM);
	assert_string_equal(t.enum_type->name, "mood");
	assert_string_equal(t.sqlalchemy, "sa.Enum(Mood, name=\"mood\", values_callable=_enum_values)");
	assert_string_equal(t.python, "Mood");
	t = resolve(&f, "public.mood[]", false);
	assert_int_equal(t.kind, SK_CG_ARRAY);
	assert_int_equal(t.elem_kind, SK_CG_ENUM);
	t = resolve(&f, "posint", false);
	assert_int_equal(t.kind, SK_CG_INT32);
	assert_string_equal(t.sqlalchemy, "_Declared(\"posint\", sa.Integer())");
	/* unknown and unexpressible: the database's spelling in DDL */
	t = resolve(&f, "public.citext", false);
	assert_int_equal(t.kind, SK_CG_ANY);
	assert_string_equal(t.sqlalchemy, "_Declared(\"public.citext\")");
	assert_string_equal(t.python, "typing.Any");
	assert_true(sk_cg_kind_is_text(t.kind));
	t = resolve(&f, "interval year to month", false);
	assert_int_equal(t.kind, SK_CG_ANY);
	assert_string_equal(resolve(&f, "xml", false).sqlalchemy, "_Declared(\"xml\", sa.Text())");
	sk_arena_release(&f.a);
	sk_model_free(f.m);
}

static void test_codegen__types_sqlite(void **state)
{
	struct fixture f = {sk_model_new(SK_DIALECT_SQLITE), SK_ARENA_INIT, {NULL, 0}};
	struct sk_cg_type t;
	(void)state;

	t = resolve(&f, "INTEGER", false);
	assert_int_equal(t.kind, SK_CG_INT64);
	assert_string_equal(t.sqlalchemy, "sa.Integer()");
	/* SQLAlchemy writes INTEGER: another spelling keeps its own in DDL */
	assert_string_equal(resolve(&f, "integer", false).sqlalchemy, "_Declared(\"integer\", sa.Integer())");
	assert_int_equal(resolve(&f, "SMALLINT", false).kind, SK_CG_INT64);
	assert_string_equal(resolve(&f, "VARCHAR(40)", false).sqlalchemy, "sa.String(40)");
	assert_string_equal(resolve(&f, "VARCHAR(40)", false).pydantic, "str");
	assert_string_equal(resolve(&f, "NUMERIC(10, 2)", false).sqlalchemy, "sa.Numeric(10, 2)");
	assert_string_equal(resolve(&f, "DECIMAL(10,2)", false).sqlalchemy,
	                    "_Declared(\"DECIMAL(10,2)\", sa.DECIMAL(10, 2))");
	assert_int_equal(resolve(&f, "BOOLEAN", false).kind, SK_CG_BOOL);
	t = resolve(&f, "DATETIME", false);
	assert_int_equal(t.kind, SK_CG_TIMESTAMP);
	assert_string_equal(t.sqlalchemy, "sa.DateTime()");
	assert_int_equal(resolve(&f, "BLOB", false).kind, SK_CG_BYTES);
	t = resolve(&f, "", false);
	assert_int_equal(t.kind, SK_CG_ANY);
	assert_string_equal(t.sqlalchemy, "_Declared(\"\")");
	/* SQLite's affinity rules for the rest, INT first */
	assert_int_equal(resolve(&f, "FLOATING POINT", false).kind, SK_CG_INT64);
	assert_int_equal(resolve(&f, "NATIONAL VARYING CHAR(3)", false).kind, SK_CG_TEXT);
	assert_int_equal(resolve(&f, "BLOBBY", false).kind, SK_CG_BYTES);
	assert_int_equal(resolve(&f, "DOUBLE FLOAT", false).kind, SK_CG_DOUBLE);
	assert_int_equal(resolve(&f, "STRING", false).kind, SK_CG_ANY);
	sk_arena_release(&f.a);
	sk_model_free(f.m);
}

static void test_codegen__overrides(void **state)
{
	struct fixture f = {sk_model_new(SK_DIALECT_POSTGRES), SK_ARENA_INIT, {NULL, 0}};
	struct sk_config_entry e[] = {
	        {"citext", "text", 2},
	        {"citext.python", "str", 3},
	        {"\"varchar\".pydantic", "\"pydantic.EmailStr\"", 4},
	        {"Int4", "int64", 5},
	        {"numeric(12,2)", "text", 6},
	        {"numeric", "double", 7},
	        {"jsonb.sqlalchemy", "postgresql.JSONB(none_as_null=True)", 8},
	};
	struct sk_config_entry bad[] = {{"x", "nosuchkind", 9}};
	struct sk_config_entry empty[] = {{"x", "", 4}};
	struct sk_cg_overrides ov2;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_cg_type t;
	(void)state;

	assert_int_equal(sk_cg_overrides_parse(&f.ov, &f.a, e, 7, "schemake.ini", &err), 0);
	assert_int_equal(f.ov.n, 6); /* citext's two keys are one override */
	t = resolve(&f, "citext", true);
	assert_int_equal(t.kind, SK_CG_TEXT);
	assert_string_equal(t.sqlalchemy, "_Declared(\"citext\", sa.Text())");
	assert_string_equal(t.python, "str");
	assert_true(t.overridden);
	t = resolve(&f, "public.citext", true); /* the unqualified name matches */
	assert_int_equal(t.kind, SK_CG_ANY);
	assert_string_equal(resolve(&f, "character varying(20)", true).pydantic, "pydantic.EmailStr");
	t = resolve(&f, "integer", true);
	assert_int_equal(t.kind, SK_CG_INT64);
	assert_string_equal(t.sqlalchemy, "_Declared(\"integer\", sa.BigInteger())");
	/* the most specific key wins */
	assert_int_equal(resolve(&f, "numeric(12,2)", true).kind, SK_CG_TEXT);
	assert_int_equal(resolve(&f, "numeric(10,0)", true).kind, SK_CG_DOUBLE);
	assert_string_equal(resolve(&f, "jsonb", true).sqlalchemy, "postgresql.JSONB(none_as_null=True)");
	assert_int_equal(resolve(&f, "jsonb", true).kind, SK_CG_JSON);
	/* an array's element */
	t = resolve(&f, "integer[]", true);
	assert_int_equal(t.elem_kind, SK_CG_INT64);
	assert_false(resolve(&f, "text", true).overridden);

	assert_int_equal(sk_cg_overrides_parse(&ov2, &f.a, bad, 1, "schemake.ini", &err), -SK_ERR_CONFIG);
	assert_non_null(strstr(err.message, "unknown kind 'nosuchkind'"));
	assert_string_equal(err.file, "schemake.ini");
	assert_int_equal(err.line, 9);
	assert_int_equal(sk_cg_overrides_parse(&ov2, &f.a, empty, 1, "schemake.ini", &err), -SK_ERR_CONFIG);
	assert_int_equal(err.line, 4);
	assert_int_equal(sk_cg_kind_parse("enum"), -1);
	assert_int_equal(sk_cg_kind_parse("TimestampTZ"), SK_CG_TIMESTAMPTZ);
	sk_arena_release(&f.a);
	sk_model_free(f.m);
}

/* schemake.ini's [codegen.types] reaches the overrides, with its lines */
static void test_codegen__overrides_from_schemake_ini(void **state)
{
	const char *base = getenv("SK_TEST_TMP");
	char dir[4096];
	char *ini;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_arena a = SK_ARENA_INIT;
	struct sk_cg_overrides o;
	static const char text[] =
	        "[database]\ndialect = sqlite\n\n[codegen.types]\n"
	        "citext = text   ; a comment\ncitext.python = str\nmoney.sqlalchemy = sa.Numeric(12, 2)\n";
	(void)state;

	if (!base || !*base)
		base = "/tmp";
	assert_int_equal(sk_fs_mkdirs(base, 0755, NULL), 0);
	snprintf(dir, sizeof(dir), "%s/codegen-XXXXXX", base);
	assert_non_null(mkdtemp(dir));
	ini = sk_fs_join(dir, "schemake.ini");
	assert_int_equal(sk_fs_write_atomic(ini, text, strlen(text), false, NULL, NULL), 0);
	ov.project_dir = dir;
	assert_int_equal(sk_config_load(&cfg, &ov, &err), 0);
	assert_int_equal(cfg.ncodegen_types, 3);
	assert_string_equal(cfg.codegen_types[0].key, "citext");
	assert_string_equal(cfg.codegen_types[0].value, "text");
	assert_int_equal(cfg.codegen_types[2].line, 7);
	assert_int_equal(
	        sk_cg_overrides_parse(&o, &a, cfg.codegen_types, cfg.ncodegen_types, cfg.ini_path, &err), 0);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.items[1].sqlalchemy, "sa.Numeric(12, 2)");
	sk_config_release(&cfg);

	/* a duplicate key names both lines */
	static const char dup[] = "[codegen.types]\nx = text\nX = int64\n";
	assert_int_equal(sk_fs_write_atomic(ini, dup, strlen(dup), false, NULL, NULL), 0);
	assert_int_equal(sk_config_load(&cfg, &ov, &err), -SK_ERR_CONFIG);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.hint, "line 2"));
	unlink(ini);
	rmdir(dir);
	free(ini);
	sk_arena_release(&a);
}

/* sk_cg_assign with the plan's memo of identifiers gives what it gives
 * without, scope after scope; the memo hands out one string per name */
static void test_codegen__assign_memo_same_as_without(void **state)
{
	struct sk_arena a = SK_ARENA_INIT;
	struct sk_cg_idents memo;
	const char *const names[] = {"my col", "my_col", "class", "2fa", "id", "_x", "\xc5\xbc"};
	const char *with[7], *without[7];
	bool changed = false;
	(void)state;

	sk_cg_idents_init(&memo, &a);
	for (int round = 0; round < 3; round++) {
		for (enum sk_cg_lang lang = SK_CG_LANG_C; lang <= SK_CG_LANG_PYENUM; lang++) {
			struct sk_cg_scope s1, s2;
			sk_cg_scope_init(&s1, &a);
			sk_cg_scope_init(&s2, &a);
			sk_cg_assign(with, &s1, lang, names, 7, &memo);
			sk_cg_assign(without, &s2, lang, names, 7, NULL);
			for (size_t i = 0; i < 7; i++)
				assert_string_equal(with[i], without[i]);
			sk_cg_scope_release(&s1);
			sk_cg_scope_release(&s2);
		}
	}
	assert_string_equal(sk_cg_idents_get(&memo, SK_CG_LANG_PYTHON, "class", &changed), "class_");
	assert_true(changed);
	assert_ptr_equal(sk_cg_idents_get(&memo, SK_CG_LANG_PYTHON, "class", NULL),
	                 sk_cg_idents_get(&memo, SK_CG_LANG_PYTHON, "class", NULL));
	assert_string_equal(sk_cg_idents_get(&memo, SK_CG_LANG_C, "class", &changed), "class_");
	assert_string_equal(sk_cg_idents_get(&memo, SK_CG_LANG_PYENUM, "class", NULL), "class_");
	assert_string_equal(sk_cg_idents_get(&memo, SK_CG_LANG_PYENUM, "json", &changed), "json");
	assert_false(changed);
	assert_string_equal(sk_cg_idents_get(&memo, SK_CG_LANG_PYTHON, "json", NULL), "json_");
	sk_cg_idents_release(&memo);
	sk_arena_release(&a);
}

/* sk_buf_addfast, what the generators write with, gives sk_buf_addf's
 * bytes: for the conversions it formats itself and for the rest of a
 * format it hands to printf */
static void test_codegen__addfast_same_bytes_as_addf(void **state)
{
	struct sk_buf a = SK_BUF_INIT, b = SK_BUF_INIT, big = SK_BUF_INIT;
	const char *volatile null_str = NULL;
	(void)state;

#define BOTH(...)                                                                                            \
	do {                                                                                                 \
		sk_buf_addf(&a, __VA_ARGS__);                                                                \
		sk_buf_addfast(&b, __VA_ARGS__);                                                             \
		assert_int_equal(a.len, b.len);                                                              \
		assert_string_equal(a.buf, b.buf);                                                           \
	} while (0)
	BOTH("%s", "");
	BOTH("plain text, no conversion\n");
	BOTH("%s|%c|%d|%d|%d|%u|%u|%zu|%zu|%%|", "str", 'x', 0, -42, INT32_MIN, 7u, UINT32_MAX, (size_t)0,
	     SIZE_MAX);
	BOTH("%lld|%lld|%lld|%llu|", (long long)INT64_MIN, 0LL, (long long)INT64_MAX,
	     (unsigned long long)UINT64_MAX);
	BOTH("[%s]", null_str);
	/* printf takes over in the middle, with the arguments not yet used */
	BOTH("%s then %03o and %s %zu %.*s|%-4s|%x", "a", 8u, "b", (size_t)7, 2, "abcdef", "ab", 255u);
	BOTH("%%d is %d, %5d", 1, 2);
	for (int i = 0; i < 300; i++)
		sk_buf_adds(&big, "0123456789");
	BOTH("<%s> %zu", big.buf, big.len);
#undef BOTH
	sk_buf_release(&a);
	sk_buf_release(&b);
	sk_buf_release(&big);
}

/* ---- whole generations ---- */

static struct sk_column *add_table(struct sk_model *m, size_t i, const char *name, size_t ncols)
{
	struct sk_table *t = &m->tables[i];

	t->schema = "public";
	t->name = name;
	t->columns = sk_arena_calloc(&m->arena, ncols, sizeof(*t->columns));
	t->ncolumns = ncols;
	for (size_t c = 0; c < ncols; c++)
		t->columns[c].position = (int)c + 1;
	return t->columns;
}

static void set_col(struct sk_column *c, const char *name, const char *type, bool not_null)
{
	c->name = name;
	c->type = type;
	c->not_null = not_null;
}

static struct sk_constraint *add_constraints(struct sk_model *m, size_t table, size_t n)
{
	m->tables[table].constraints = sk_arena_calloc(&m->arena, n, sizeof(struct sk_constraint));
	m->tables[table].nconstraints = n;
	return m->tables[table].constraints;
}

/* users(id PK, "my col", class), posts(id PK, user_id -> users), "a b" and a_b */
static struct sk_model *sample_model(void)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_POSTGRES);
	struct sk_column *c;
	struct sk_constraint *k;
	static const char *id[] = {"id"}, *user_id[] = {"user_id"};

	add_types(m);
	m->tables = sk_arena_calloc(&m->arena, 4, sizeof(*m->tables));
	m->ntables = 4;
	c = add_table(m, 0, "a b", 1);
	set_col(&c[0], "x", "integer", false);
	c = add_table(m, 1, "a_b", 1);
	set_col(&c[0], "x", "integer", false);
	c = add_table(m, 2, "posts", 3);
	set_col(&c[0], "id", "bigint", true);
	set_col(&c[1], "user_id", "bigint", false);
	set_col(&c[2], "mood", "mood", true);
	c[2].type_schema = "public";
	c[2].type_name = "mood";
	k = add_constraints(m, 2, 2);
	k[0].name = "posts_pkey";
	k[0].kind = SK_CON_PRIMARY;
	k[0].columns = id;
	k[0].ncolumns = 1;
	k[1].name = "posts_user_id_fkey";
	k[1].kind = SK_CON_FOREIGN;
	k[1].columns = user_id;
	k[1].ncolumns = 1;
	k[1].ref_schema = "public";
	k[1].ref_table = "users";
	k[1].ref_columns = id;
	k[1].nref_columns = 1;
	k[1].on_delete = 'c';
	c = add_table(m, 3, "users", 3);
	set_col(&c[0], "id", "bigint", true);
	set_col(&c[1], "my col", "text", false);
	set_col(&c[2], "class", "bytea", true);
	k = add_constraints(m, 3, 1);
	k[0].name = "users_pkey";
	k[0].kind = SK_CON_PRIMARY;
	k[0].columns = id;
	k[0].ncolumns = 1;
	sk_model_sort(m);
	return m;
}

static const char *file_text(const struct sk_codegen_files *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->items[i].name, name))
			return f->items[i].text.buf;
	fail_msg("no file %s", name);
	return NULL;
}

static void test_codegen__generate_all_targets(void **state)
{
	struct sk_model *m = sample_model();
	struct sk_codegen_files a = SK_CODEGEN_FILES_INIT, b = SK_CODEGEN_FILES_INIT;
	struct sk_codegen_settings s = {SK_CODEGEN_ALL, "db", NULL};
	struct sk_error err = SK_ERROR_INIT;
	const char *h, *py, *sc, *mm, *dot;
	(void)state;

	assert_int_equal(sk_codegen_generate(&a, m, &s, &err), 0);
	assert_int_equal(a.n, 6);
	assert_string_equal(a.items[0].name, "db.h");
	assert_string_equal(a.items[1].name, "db.c");
	h = file_text(&a, "db.h");
	/* a collision of two tables' names: the first keeps it */
	assert_non_null(strstr(h, "struct db_a_b {"));
	assert_non_null(strstr(h, "struct db_a_b_2 {"));
	assert_non_null(strstr(h, "enum db_mood {\n\tdb_mood_sad,\n\tdb_mood_ok,\n};"));
	assert_non_null(strstr(h, "\tenum db_mood mood;"));
	assert_non_null(strstr(h, "\tchar *my_col; /* \"my col\" text */\n\tbool my_col_is_null;"));
	assert_non_null(strstr(h, "\tstruct db_bytes class_; /* \"class\" bytea NOT NULL */"));
	assert_non_null(strstr(h, "#ifndef DB_NO_LIBPQ"));
	assert_non_null(
	        strstr(file_text(&a, "db.c"),
	               "const char db_users_update_sql[] = \"UPDATE \\\"users\\\" SET \\\"my col\\\" = $1, "
	               "\\\"class\\\" = $2 WHERE \\\"id\\\" = $3\";"));
	py = file_text(&a, "models.py");
	assert_null(strstr(py, "class AB(Base):")); /* no primary key: a Table */
	assert_non_null(strstr(py, "t_a_b = sa.Table(\n    \"a b\","));
	assert_non_null(strstr(py, "t_a_b_2 = sa.Table(\n    \"a_b\","));
	assert_non_null(strstr(py, "    my_col = sa.Column(\"my col\", sa.Text(), key=\"my_col\")"));
	assert_non_null(strstr(
	        py, "    class_ = sa.Column(\"class\", postgresql.BYTEA(), key=\"class_\", nullable=False)"));
	assert_non_null(strstr(py, "    user = orm.relationship(\"Users\", foreign_keys=\"[Posts.user_id]\", "
	                           "back_populates=\"posts\")"));
	assert_non_null(strstr(py,
	                       "    posts = orm.relationship(\"Posts\", foreign_keys=\"[Posts.user_id]\", "
	                       "passive_deletes=True, back_populates=\"user\")"));
	assert_non_null(strstr(py, "class Mood(str, enum.Enum):"));
	sc = file_text(&a, "schemas.py");
	assert_non_null(strstr(sc, "class UsersBase(_Schema):"));
	assert_non_null(strstr(sc, "    class_: bytes\n"));
	assert_non_null(strstr(sc, "    my_col: typing.Optional[str] = None\n"));
	assert_non_null(strstr(sc, "    mood: Mood\n"));
	mm = file_text(&a, "er.mmd");
	assert_non_null(strstr(mm, "    users |o..o{ posts : \"user_id\"\n"));
	assert_non_null(strstr(mm, "        text my_col \"my col\"\n"));
	dot = file_text(&a, "er.dot");
	assert_non_null(
	        strstr(dot, "\"posts\":\"c2\" -> \"users\":\"c1\" [arrowtail=crowodot, arrowhead=teeodot"));

	/* the same model, the same bytes */
	assert_int_equal(sk_codegen_generate(&b, m, &s, &err), 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.items[i].name, b.items[i].name);
		assert_int_equal(a.items[i].text.len, b.items[i].text.len);
		assert_memory_equal(a.items[i].text.buf, b.items[i].text.buf, a.items[i].text.len);
		assert_int_equal(a.items[i].text.buf[a.items[i].text.len - 1], '\n');
	}
	sk_codegen_files_release(&a);
	sk_codegen_files_release(&b);
	sk_model_free(m);
}

/* Lookups by name, many tables: a key to a name two schemas have goes to
 * the right table, a partitioned table gets its partitions' DDL, a serial
 * key is found through its owned sequence. */
static void test_codegen__lookups_by_name(void **state)
{
	struct sk_model *m = sk_model_new(SK_DIALECT_POSTGRES);
	struct sk_codegen_files f = SK_CODEGEN_FILES_INIT;
	struct sk_codegen_settings s = {SK_CODEGEN_SQLALCHEMY | SK_CODEGEN_MERMAID, NULL, NULL};
	struct sk_error err = SK_ERROR_INIT;
	struct sk_column *c;
	struct sk_constraint *k;
	static const char *id[] = {"id"}, *a_id[] = {"a_id"}, *p_id[] = {"p_id"};
	const char *py, *mm;
	(void)state;

	m->tables = sk_arena_calloc(&m->arena, 5, sizeof(*m->tables));
	m->ntables = 5;
	c = add_table(m, 0, "items", 1);
	m->tables[0].schema = "a";
	set_col(&c[0], "id", "bigint", true);
	k = add_constraints(m, 0, 1);
	k[0] = (struct sk_constraint){
	        .name = "items_pkey", .kind = SK_CON_PRIMARY, .columns = id, .ncolumns = 1};
	c = add_table(m, 1, "items", 1);
	set_col(&c[0], "id", "bigint", true);
	k = add_constraints(m, 1, 1);
	k[0] = (struct sk_constraint){
	        .name = "items_pkey", .kind = SK_CON_PRIMARY, .columns = id, .ncolumns = 1};
	c = add_table(m, 2, "refs", 3);
	set_col(&c[0], "id", "integer", true);
	c[0].default_expr = "nextval('refs_id_seq'::regclass)";
	set_col(&c[1], "a_id", "bigint", true);
	set_col(&c[2], "p_id", "bigint", true);
	k = add_constraints(m, 2, 3);
	k[0] = (struct sk_constraint){
	        .name = "refs_pkey", .kind = SK_CON_PRIMARY, .columns = id, .ncolumns = 1};
	k[1] = (struct sk_constraint){.name = "refs_a_fkey",
	                              .kind = SK_CON_FOREIGN,
	                              .columns = a_id,
	                              .ncolumns = 1,
	                              .ref_schema = "a",
	                              .ref_table = "items",
	                              .ref_columns = id,
	                              .nref_columns = 1};
	k[2] = (struct sk_constraint){.name = "refs_p_fkey",
	                              .kind = SK_CON_FOREIGN,
	                              .columns = p_id,
	                              .ncolumns = 1,
	                              .ref_schema = "public",
	                              .ref_table = "items",
	                              .ref_columns = id,
	                              .nref_columns = 1};
	c = add_table(m, 3, "log", 1);
	set_col(&c[0], "ts", "integer", true);
	m->tables[3].partition_key = "RANGE (ts)";
	c = add_table(m, 4, "log_2024", 1);
	set_col(&c[0], "ts", "integer", true);
	m->tables[4].parent_schema = "public";
	m->tables[4].parent_name = "log";
	m->tables[4].partition_bound = "FOR VALUES FROM (0) TO (10)";
	m->sequences = sk_arena_calloc(&m->arena, 1, sizeof(*m->sequences));
	m->nsequences = 1;
	m->sequences[0] = (struct sk_sequence){.schema = "public",
	                                       .name = "refs_id_seq",
	                                       .data_type = "integer",
	                                       .start = 1,
	                                       .increment = 1,
	                                       .min_value = 1,
	                                       .max_value = 2147483647,
	                                       .cache = 1,
	                                       .owned_by_schema = "public",
	                                       .owned_by_table = "refs",
	                                       .owned_by_column = "id"};
	sk_model_sort(m);

	assert_int_equal(sk_codegen_generate(&f, m, &s, &err), 0);
	mm = file_text(&f, "er.mmd");
	assert_non_null(strstr(mm, "    a_items ||..o{ refs : \"a_id\"\n"));
	assert_non_null(strstr(mm, "    items ||..o{ refs : \"p_id\"\n"));
	py = file_text(&f, "models.py");
	assert_non_null(
	        strstr(py, "    id = sa.Column(sa.Integer(), primary_key=True, autoincrement=True)\n"));
	assert_non_null(strstr(py, "sa.ForeignKeyConstraint([\"a_id\"], [\"a.items.id\"]"));
	assert_non_null(
	        strstr(py, "sa.event.listen(t_log, \"after_create\", sa.DDL(\"CREATE TABLE public.log_2024 "
	                   "PARTITION OF public.log FOR VALUES FROM (0) TO (10)\")"));
	sk_codegen_files_release(&f);
	sk_model_free(m);
}

static void test_codegen__targets_and_names(void **state)
{
	struct sk_model *m = sample_model();
	struct sk_codegen_files f = SK_CODEGEN_FILES_INIT;
	struct sk_codegen_settings s = {SK_CODEGEN_MERMAID | SK_CODEGEN_PYDANTIC, NULL, NULL};
	struct sk_error err = SK_ERROR_INIT;
	unsigned targets;
	(void)state;

	assert_int_equal(sk_codegen_parse_targets(&targets, "dot,c", &err), 0);
	assert_int_equal(targets, SK_CODEGEN_DOT | SK_CODEGEN_C);
	assert_int_equal(sk_codegen_parse_targets(&targets, "all", &err), 0);
	assert_int_equal(targets, SK_CODEGEN_ALL);
	assert_int_equal(sk_codegen_parse_targets(&targets, "c,rust", &err), -SK_ERR_USAGE);
	assert_non_null(strstr(err.message, "'rust'"));
	assert_int_equal(sk_codegen_parse_targets(&targets, "", &err), -SK_ERR_USAGE);
	assert_true(sk_codegen_name_valid("app_2"));
	assert_false(sk_codegen_name_valid("2app"));
	assert_false(sk_codegen_name_valid("my-app"));

	assert_int_equal(sk_codegen_generate(&f, m, &s, &err), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].name, "schemas.py");
	assert_string_equal(f.items[1].name, "er.mmd");
	sk_codegen_files_release(&f);
	s.name = "no good";
	assert_int_equal(sk_codegen_generate(&f, m, &s, &err), -SK_ERR_USAGE);
	sk_codegen_files_release(&f);
	sk_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_codegen__ident_keywords),
	        cmocka_unit_test(test_codegen__ident_invalid_characters),
	        cmocka_unit_test(test_codegen__class_names),
	        cmocka_unit_test(test_codegen__collisions_resolved_deterministically),
	        cmocka_unit_test(test_codegen__scope_claims_free_stems),
	        cmocka_unit_test(test_codegen__literals),
	        cmocka_unit_test(test_codegen__types_postgres),
	        cmocka_unit_test(test_codegen__types_sqlite),
	        cmocka_unit_test(test_codegen__overrides),
	        cmocka_unit_test(test_codegen__overrides_from_schemake_ini),
	        cmocka_unit_test(test_codegen__assign_memo_same_as_without),
	        cmocka_unit_test(test_codegen__addfast_same_bytes_as_addf),
	        cmocka_unit_test(test_codegen__generate_all_targets),
	        cmocka_unit_test(test_codegen__lookups_by_name),
	        cmocka_unit_test(test_codegen__targets_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
