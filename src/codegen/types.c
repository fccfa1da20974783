/*
 * types.c: the type mapping table (database type -> kind, SQLAlchemy,
 * Python, Pydantic) and the [codegen.types] overrides. What each target
 * does with a kind (C binding code, Python imports) is the target's.
 */
#include "codegen/types.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codegen/names.h"
#include "common/buf.h"
#include "common/banned.h"

static const char *const kind_names[] = {
#define SK_CG_KIND_NAME(name, str) str,
        SK_CG_KINDS(SK_CG_KIND_NAME)
#undef SK_CG_KIND_NAME
};

const char *sk_cg_kind_name(enum sk_cg_kind k)
{
	return (unsigned)k < SK_CG__NKINDS ? kind_names[k] : "any";
}

int sk_cg_kind_parse(const char *name)
{
	for (int k = 0; k < SK_CG__NKINDS; k++)
		if (k != SK_CG_ENUM && k != SK_CG_ARRAY && !strcasecmp(name, kind_names[k]))
			return k;
	return -1;
}

const char *sk_cg_kind_c_type(enum sk_cg_kind k)
{
	switch (k) {
	case SK_CG_INT16:
		return "int16_t";
	case SK_CG_INT32:
		return "int32_t";
	case SK_CG_INT64:
		return "int64_t";
	case SK_CG_DOUBLE:
		return "double";
	case SK_CG_BOOL:
		return "bool";
	case SK_CG_BYTES:
	case SK_CG_ENUM:
		return NULL;
	default:
		return "char *";
	}
}

bool sk_cg_kind_is_text(enum sk_cg_kind k)
{
	return sk_cg_kind_c_type(k) && !strcmp(sk_cg_kind_c_type(k), "char *");
}

/* The defaults of a kind: Python type and the SQLAlchemy type giving its
 * behaviour when the DDL is the database's own spelling. */
static const char *kind_python(enum sk_cg_kind k)
{
	switch (k) {
	case SK_CG_INT16:
	case SK_CG_INT32:
	case SK_CG_INT64:
		return "int";
	case SK_CG_DOUBLE:
		return "float";
	case SK_CG_BOOL:
		return "bool";
	case SK_CG_TEXT:
		return "str";
	case SK_CG_BYTES:
		return "bytes";
	case SK_CG_NUMERIC:
		return "decimal.Decimal";
	case SK_CG_DATE:
		return "datetime.date";
	case SK_CG_TIME:
		return "datetime.time";
	case SK_CG_TIMESTAMP:
	case SK_CG_TIMESTAMPTZ:
		return "datetime.datetime";
	case SK_CG_INTERVAL:
		return "datetime.timedelta";
	case SK_CG_UUID:
		return "uuid.UUID";
	default:
		return "typing.Any";
	}
}

static const char *kind_sqlalchemy(enum sk_cg_kind k, enum sk_dialect d)
{
	switch (k) {
	case SK_CG_INT16:
		return "sa.SmallInteger()";
	case SK_CG_INT32:
		return "sa.Integer()";
	case SK_CG_INT64:
		return "sa.BigInteger()";
	case SK_CG_DOUBLE:
		return "sa.Float()";
	case SK_CG_BOOL:
		return "sa.Boolean()";
	case SK_CG_TEXT:
		return "sa.Text()";
	case SK_CG_BYTES:
		return "sa.LargeBinary()";
	case SK_CG_NUMERIC:
		return "sa.Numeric()";
	case SK_CG_DATE:
		return "sa.Date()";
	case SK_CG_TIME:
		return "sa.Time()";
	case SK_CG_TIMESTAMP:
		return "sa.DateTime()";
	case SK_CG_TIMESTAMPTZ:
		return "sa.DateTime(timezone=True)";
	case SK_CG_INTERVAL:
		return "sa.Interval()";
	case SK_CG_UUID:
		return d == SK_DIALECT_POSTGRES ? "postgresql.UUID(as_uuid=True)" : "sa.Text()";
	case SK_CG_JSON:
		return "sa.JSON()";
	default:
		return NULL;
	}
}

/*
 * The table. `name` is the type without modifiers, lower case, as
 * PostgreSQL's format_type spells it or as SQLite's declared types are
 * commonly written. `sa` is the SQLAlchemy type; a '#' in it stands for
 * the modifiers ("sa.String(#)" -> sa.String(20), sa.String()). `ddl` (SQLite)
 * is how SQLAlchemy writes that type in CREATE TABLE, with '#' for
 * "(modifiers)": when the declared type is spelled otherwise, the model
 * wraps it in _Declared so create_all writes the declared spelling.
 */
struct builtin {
	enum sk_dialect dialect;
	const char *name;
	enum sk_cg_kind kind;
	const char *sa;
	const char *ddl; /* SQLite: SQLAlchemy's spelling, or NULL */
	const char *short_name;
	const char *python; /* NULL: the kind's */
};

/* clang-format off */
#define PG SK_DIALECT_POSTGRES
#define LITE SK_DIALECT_SQLITE
static const struct builtin builtins[] = {
	{PG, "smallint", SK_CG_INT16, "sa.SmallInteger()", NULL, "int2", NULL},
	{PG, "integer", SK_CG_INT32, "sa.Integer()", NULL, "int4", NULL},
	{PG, "bigint", SK_CG_INT64, "sa.BigInteger()", NULL, "int8", NULL},
	{PG, "real", SK_CG_DOUBLE, "sa.REAL()", NULL, "float4", NULL},
	{PG, "double precision", SK_CG_DOUBLE, "postgresql.DOUBLE_PRECISION()", NULL, "float8", NULL},
	{PG, "numeric", SK_CG_NUMERIC, "sa.Numeric(#)", NULL, "numeric", NULL},
	{PG, "boolean", SK_CG_BOOL, "sa.Boolean()", NULL, "bool", NULL},
	{PG, "text", SK_CG_TEXT, "sa.Text()", NULL, "text", NULL},
	{PG, "character varying", SK_CG_TEXT, "sa.String(#)", NULL, "varchar", NULL},
	{PG, "character", SK_CG_TEXT, "sa.CHAR(#)", NULL, "char", NULL},
	{PG, "bytea", SK_CG_BYTES, "postgresql.BYTEA()", NULL, "bytea", NULL},
	{PG, "date", SK_CG_DATE, "sa.Date()", NULL, "date", NULL},
	{PG, "time without time zone", SK_CG_TIME, "postgresql.TIME(#)", NULL, "time", NULL},
	{PG, "time with time zone", SK_CG_TIME, "postgresql.TIME(timezone=True#)", NULL, "timetz", NULL},
	{PG, "timestamp without time zone", SK_CG_TIMESTAMP, "postgresql.TIMESTAMP(#)", NULL, "timestamp", NULL},
	{PG, "timestamp with time zone", SK_CG_TIMESTAMPTZ, "postgresql.TIMESTAMP(timezone=True#)", NULL,
	 "timestamptz", NULL},
	{PG, "interval", SK_CG_INTERVAL, "postgresql.INTERVAL()", NULL, "interval", NULL},
	{PG, "uuid", SK_CG_UUID, "postgresql.UUID(as_uuid=True)", NULL, "uuid", NULL},
	{PG, "json", SK_CG_JSON, "postgresql.JSON()", NULL, "json", NULL},
	{PG, "jsonb", SK_CG_JSON, "postgresql.JSONB()", NULL, "jsonb", NULL},
	{PG, "inet", SK_CG_TEXT, "postgresql.INET()", NULL, "inet", NULL},
	{PG, "cidr", SK_CG_TEXT, "postgresql.CIDR()", NULL, "cidr", NULL},
	{PG, "macaddr", SK_CG_TEXT, "postgresql.MACADDR()", NULL, "macaddr", NULL},
	{PG, "money", SK_CG_TEXT, "postgresql.MONEY()", NULL, "money", NULL},
	{PG, "tsvector", SK_CG_TEXT, "postgresql.TSVECTOR()", NULL, "tsvector", NULL},
	{PG, "bit", SK_CG_TEXT, "postgresql.BIT(#)", NULL, "bit", NULL},
	{PG, "bit varying", SK_CG_TEXT, "postgresql.BIT(#varying=True)", NULL, "varbit", NULL},
	{PG, "oid", SK_CG_INT64, "postgresql.OID()", NULL, "oid", NULL},
	{PG, "xml", SK_CG_TEXT, NULL, NULL, "xml", "str"},
	{PG, "name", SK_CG_TEXT, NULL, NULL, "name", "str"},
	{PG, "citext", SK_CG_TEXT, NULL, NULL, "citext", "str"},

	{LITE, "integer", SK_CG_INT64, "sa.Integer()", "INTEGER", "integer", NULL},
	{LITE, "int", SK_CG_INT64, "sa.Integer()", NULL, "int", NULL},
	{LITE, "bigint", SK_CG_INT64, "sa.BigInteger()", "BIGINT", "bigint", NULL},
	{LITE, "smallint", SK_CG_INT64, "sa.SmallInteger()", "SMALLINT", "smallint", NULL},
	{LITE, "tinyint", SK_CG_INT64, "sa.SmallInteger()", NULL, "tinyint", NULL},
	{LITE, "mediumint", SK_CG_INT64, "sa.Integer()", NULL, "mediumint", NULL},
	{LITE, "int2", SK_CG_INT64, "sa.SmallInteger()", NULL, "int2", NULL},
	{LITE, "int8", SK_CG_INT64, "sa.BigInteger()", NULL, "int8", NULL},
	{LITE, "unsigned big int", SK_CG_INT64, "sa.BigInteger()", NULL, "bigint", NULL},
	{LITE, "real", SK_CG_DOUBLE, "sa.REAL()", "REAL", "real", NULL},
	{LITE, "double", SK_CG_DOUBLE, "sa.Float()", NULL, "double", NULL},
	{LITE, "double precision", SK_CG_DOUBLE, "sa.Float()", NULL, "double", NULL},
	{LITE, "float", SK_CG_DOUBLE, "sa.Float()", "FLOAT", "float", NULL},
	{LITE, "text", SK_CG_TEXT, "sa.Text()", "TEXT", "text", NULL},
	{LITE, "clob", SK_CG_TEXT, "sa.CLOB()", "CLOB", "clob", NULL},
	{LITE, "varchar", SK_CG_TEXT, "sa.String(#)", "VARCHAR#", "varchar", NULL},
	{LITE, "character varying", SK_CG_TEXT, "sa.String(#)", NULL, "varchar", NULL},
	{LITE, "varying character", SK_CG_TEXT, "sa.String(#)", NULL, "varchar", NULL},
	{LITE, "nvarchar", SK_CG_TEXT, "sa.NVARCHAR(#)", "NVARCHAR#", "nvarchar", NULL},
	{LITE, "char", SK_CG_TEXT, "sa.CHAR(#)", "CHAR#", "char", NULL},
	{LITE, "character", SK_CG_TEXT, "sa.CHAR(#)", NULL, "char", NULL},
	{LITE, "nchar", SK_CG_TEXT, "sa.NCHAR(#)", "NCHAR#", "nchar", NULL},
	{LITE, "native character", SK_CG_TEXT, "sa.NCHAR(#)", NULL, "nchar", NULL},
	{LITE, "uuid", SK_CG_TEXT, "sa.Text()", NULL, "uuid", NULL},
	{LITE, "blob", SK_CG_BYTES, "sa.LargeBinary()", "BLOB", "blob", NULL},
	{LITE, "numeric", SK_CG_NUMERIC, "sa.Numeric(#)", "NUMERIC#", "numeric", NULL},
	{LITE, "decimal", SK_CG_NUMERIC, "sa.DECIMAL(#)", "DECIMAL#", "decimal", NULL},
	{LITE, "boolean", SK_CG_BOOL, "sa.Boolean()", "BOOLEAN", "boolean", NULL},
	{LITE, "bool", SK_CG_BOOL, "sa.Boolean()", NULL, "bool", NULL},
	{LITE, "date", SK_CG_DATE, "sa.Date()", "DATE", "date", NULL},
	{LITE, "datetime", SK_CG_TIMESTAMP, "sa.DateTime()", "DATETIME", "datetime", NULL},
	{LITE, "timestamp", SK_CG_TIMESTAMP, "sa.TIMESTAMP()", "TIMESTAMP", "timestamp", NULL},
	{LITE, "time", SK_CG_TIME, "sa.Time()", "TIME", "time", NULL},
	{LITE, "json", SK_CG_JSON, "sa.JSON()", "JSON", "json", NULL},
};
#undef PG
#undef LITE

/* PostgreSQL's other spellings, for override keys */
static const char *const pg_aliases[][2] = {
	{"varchar", "character varying"}, {"char", "character"}, {"int", "integer"}, {"int4", "integer"},
	{"int2", "smallint"}, {"int8", "bigint"}, {"float4", "real"}, {"float8", "double precision"},
	{"bool", "boolean"}, {"decimal", "numeric"}, {"timestamp", "timestamp without time zone"},
	{"timestamptz", "timestamp with time zone"}, {"time", "time without time zone"},
	{"timetz", "time with time zone"}, {"varbit", "bit varying"}, {"serial", "integer"},
	{"bigserial", "bigint"}, {"smallserial", "smallint"},
};
/* clang-format on */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void sk_cg_type_normalise(struct sk_buf *out, const char *type)
{
	bool space = false;

	for (const char *p = type; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isspace(c)) {
			space = true;
			continue;
		}
		if (space && out->len && !strchr("(,", out->buf[out->len - 1]) && !strchr("(),[", c))
			sk_buf_addch(out, ' ');
		space = false;
		sk_buf_addch(out, tolower(c));
	}
}

/* A type's parts: base (normalised, without modifiers), the modifiers
 * (without parentheses, or NULL), array-ness. */
struct parsed {
	struct sk_buf base;
	struct sk_buf mods;
	bool has_mods;
	bool array;
};

static void parse_type(struct parsed *p, const char *type)
{
	struct sk_buf norm = SK_BUF_INIT;
	const char *s, *open, *close;

	sk_buf_init(&p->base);
	sk_buf_init(&p->mods);
	p->has_mods = p->array = false;
	sk_cg_type_normalise(&norm, type);
	while (norm.len >= 2 && !strcmp(norm.buf + norm.len - 2, "[]")) {
		sk_buf_setlen(&norm, norm.len - 2);
		p->array = true;
	}
	s = norm.buf;
	open = strchr(s, '(');
	close = open ? strchr(open, ')') : NULL;
	if (open && close) {
		p->has_mods = true;
		sk_buf_add(&p->mods, open + 1, (size_t)(close - open - 1));
		sk_buf_add(&p->base, s, (size_t)(open - s));
		if (close[1] == ' ' && p->base.len)
			sk_buf_addch(&p->base, ' ');
		sk_buf_adds(&p->base, close[1] == ' ' ? close + 2 : close + 1);
	} else {
		sk_buf_adds(&p->base, s);
	}
	sk_buf_rtrim(&p->base);
	sk_buf_release(&norm);
}

static void parsed_release(struct parsed *p)
{
	sk_buf_release(&p->base);
	sk_buf_release(&p->mods);
}

static const char *pg_canonical(const char *base)
{
	for (size_t i = 0; i < NELEM(pg_aliases); i++)
		if (!strcmp(base, pg_aliases[i][0]))
			return pg_aliases[i][1];
	return base;
}

static const struct builtin *find_builtin(enum sk_dialect d, const char *base)
{
	for (size_t i = 0; i < NELEM(builtins); i++)
		if (builtins[i].dialect == d && !strcmp(builtins[i].name, base))
			return &builtins[i];
	return NULL;
}

/* ---- overrides ---- */

static const char *const override_fields[] = {"sqlalchemy", "python", "pydantic"};

/* a copy without one pair of surrounding double quotes */
static char *unquote(const char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		return sk_xstrndup(s + 1, n - 2);
	return sk_xstrdup(s);
}

int sk_cg_overrides_parse(struct sk_cg_overrides *out, struct sk_arena *arena,
                          const struct sk_config_entry *entries, size_t n, const char *file,
                          struct sk_error *err)
{
	struct sk_buf key = SK_BUF_INIT;
	char *value = NULL;
	int rc = 0;

	out->items = n ? sk_arena_calloc(arena, n, sizeof(*out->items)) : NULL;
	out->n = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct sk_config_entry *e = &entries[i];
		const char *dot = strrchr(e->key, '.');
		int field = -1;
		struct sk_cg_override *o = NULL;

		if (dot)
			for (size_t f = 0; f < NELEM(override_fields); f++)
				if (!strcasecmp(dot + 1, override_fields[f]))
					field = (int)f;
		sk_buf_reset(&key);
		if (field >= 0)
			sk_buf_add(&key, e->key, (size_t)(dot - e->key));
		else
			sk_buf_adds(&key, e->key);
		{
			/* "character varying(20)" may be quoted */
			char *tmp = unquote(key.buf);
			sk_buf_reset(&key);
			sk_cg_type_normalise(&key, tmp);
			free(tmp);
		}
		value = unquote(e->value);
		if (!key.len || !*value) {
			rc = sk_error_set(err, SK_ERR_CONFIG, "empty %s in [codegen.types]",
			                  key.len ? "value" : "type");
			sk_error_hint(
			        err, "write 'TYPE = KIND' or 'TYPE.sqlalchemy|python|pydantic = EXPRESSION'");
			sk_error_locate(err, file ? file : "schemake.ini", e->line, 0);
			break;
		}
		for (size_t j = 0; j < out->n; j++)
			if (!strcmp(out->items[j].type, key.buf))
				o = &out->items[j];
		if (!o) {
			o = &out->items[out->n++];
			o->type = sk_arena_strdup(arena, key.buf);
			o->kind = -1;
		}
		if (field < 0) {
			o->kind = sk_cg_kind_parse(e->value);
			if (o->kind < 0) {
				rc = sk_error_set(err, SK_ERR_CONFIG,
				                  "unknown kind '%.60s' for type '%.60s' in [codegen.types]",
				                  e->value, key.buf);
				sk_error_hint(
				        err,
				        "kinds: int16 int32 int64 double bool text bytes numeric date time "
				        "timestamp timestamptz interval uuid json any; or use the key "
				        "'%s.sqlalchemy', '.python' or '.pydantic'",
				        key.buf);
				sk_error_locate(err, file ? file : "schemake.ini", e->line, 0);
			}
		} else if (field == 0) {
			o->sqlalchemy = sk_arena_strdup(arena, value);
		} else if (field == 1) {
			o->python = sk_arena_strdup(arena, value);
		} else {
			o->pydantic = sk_arena_strdup(arena, value);
		}
		free(value);
		value = NULL;
	}
	free(value);
	sk_buf_release(&key);
	return rc;
}

/* The key as it would match in this dialect: aliases of PostgreSQL's base
 * names resolved. */
static bool key_matches(const char *key, enum sk_dialect d, const char *cand)
{
	struct parsed k;
	struct sk_buf canon = SK_BUF_INIT;
	bool hit;

	if (!strcmp(key, cand))
		return true;
	if (d != SK_DIALECT_POSTGRES)
		return false;
	parse_type(&k, key);
	sk_buf_adds(&canon, pg_canonical(k.base.buf));
	if (k.has_mods)
		sk_buf_addfast(&canon, "(%s)", k.mods.buf);
	hit = !strcmp(canon.buf, cand);
	sk_buf_release(&canon);
	parsed_release(&k);
	return hit;
}

static const struct sk_cg_override *find_override(const struct sk_cg_overrides *ov, enum sk_dialect d,
                                                  const struct parsed *p, const char *unqualified)
{
	struct sk_buf full = SK_BUF_INIT;
	const struct sk_cg_override *hit = NULL;
	const char *cands[3];

	if (!ov || !ov->n)
		return NULL;
	sk_buf_adds(&full, p->base.buf);
	if (p->has_mods) {
		/* PostgreSQL puts timestamp's modifier in the middle; a key
		 * writes it after the name */
		sk_buf_addfast(&full, "(%s)", p->mods.buf);
	}
	cands[0] = full.buf;
	cands[1] = p->base.buf;
	cands[2] = unqualified;
	for (size_t c = 0; c < 3 && !hit; c++)
		for (size_t i = 0; i < ov->n && !hit; i++)
			if (cands[c] && key_matches(ov->items[i].type, d, cands[c]))
				hit = &ov->items[i];
	sk_buf_release(&full);
	return hit;
}

/* ---- resolution ---- */

static char *python_string(struct sk_arena *a, const char *s)
{
	struct sk_buf b = SK_BUF_INIT;
	char *r;

	sk_cg_py_literal(&b, s);
	r = sk_arena_strdup(a, b.buf);
	sk_buf_release(&b);
	return r;
}

/* Fills '#' of a template with the modifiers: "sa.String(#)" + "20" ->
 * "sa.String(20)"; "postgresql.TIME(timezone=True#)" + "3" ->
 * "postgresql.TIME(timezone=True, precision=3)". */
static char *fill_template(struct sk_arena *a, const char *tmpl, const char *base, const char *mods)
{
	struct sk_buf b = SK_BUF_INIT;
	const char *hash = strchr(tmpl, '#');
	bool precision = !strncmp(tmpl, "postgresql.TIME", 15);
	char *r;

	if (!hash)
		return sk_arena_strdup(a, tmpl);
	sk_buf_add(&b, tmpl, (size_t)(hash - tmpl));
	if (mods && *mods) {
		bool after_arg = hash > tmpl && hash[-1] != '(';
		if (after_arg)
			sk_buf_adds(&b, ", ");
		if (precision)
			sk_buf_adds(&b, "precision=");
		for (const char *m = mods; *m; m++) {
			sk_buf_addch(&b, *m);
			if (*m == ',')
				sk_buf_addch(&b, ' ');
		}
		if (hash[1] != ')')
			sk_buf_adds(&b, ", ");
	}
	sk_buf_adds(&b, hash + 1);
	(void)base;
	r = sk_arena_strdup(a, b.buf);
	sk_buf_release(&b);
	return r;
}

/* SQLAlchemy's spelling of a SQLite type with these modifiers */
static void sqlite_ddl(struct sk_buf *out, const char *ddl, const char *mods)
{
	const char *hash = strchr(ddl, '#');

	if (!hash) {
		sk_buf_adds(out, ddl);
		return;
	}
	sk_buf_add(out, ddl, (size_t)(hash - ddl));
	if (mods && *mods) {
		sk_buf_addch(out, '(');
		for (const char *m = mods; *m; m++) {
			sk_buf_addch(out, *m);
			if (*m == ',')
				sk_buf_addch(out, ' ');
		}
		sk_buf_addch(out, ')');
	}
	sk_buf_adds(out, hash + 1);
}

static const struct sk_type *find_user_type(const struct sk_model *m, const char *type,
                                            const struct sk_column *col)
{
	struct sk_buf b = SK_BUF_INIT;
	const struct sk_type *t = NULL;
	const char *dot;

	if (col && col->type_name)
		return sk_model_find_type(m, col->type_schema, col->type_name);
	/* "name", "schema.name", quoted parts as format_type writes them */
	for (const char *p = type; *p; p++)
		if (*p != '"')
			sk_buf_addch(&b, *p);
	while (b.len >= 2 && !strcmp(b.buf + b.len - 2, "[]"))
		sk_buf_setlen(&b, b.len - 2);
	dot = strchr(b.buf, '.');
	if (dot) {
		char *schema = sk_xstrndup(b.buf, (size_t)(dot - b.buf));
		t = sk_model_find_type(m, schema, dot + 1);
		free(schema);
	} else {
		t = sk_model_find_type(m, NULL, b.buf);
	}
	sk_buf_release(&b);
	return t;
}

static void resolve(struct sk_cg_type *out, struct sk_arena *arena, const struct sk_model *m,
                    const char *type, const struct sk_column *col, const struct sk_cg_overrides *ov,
                    sk_cg_enum_class_fn enum_class, void *ctx, int depth);

static void resolve_scalar(struct sk_cg_type *out, struct sk_arena *a, const struct sk_model *m,
                           const char *type, const struct sk_column *col, const struct sk_cg_overrides *ov,
                           sk_cg_enum_class_fn enum_class, void *ctx, int depth)
{
	enum sk_dialect d = m->dialect;
	struct parsed p;
	const struct builtin *b;
	const struct sk_type *ut = find_user_type(m, type, col);
	const struct sk_cg_override *o;
	const char *unq = ut ? ut->name : NULL;
	const char *ddl_text = type;
	struct sk_buf tmp = SK_BUF_INIT;

	parse_type(&p, type);
	if (p.array) {
		/* the element only */
		size_t n = strlen(type);
		while (n && (type[n - 1] == ' ' || type[n - 1] == '[' || type[n - 1] == ']'))
			n--;
		ddl_text = sk_arena_strndup(a, type, n);
	}
	b = find_builtin(d, p.base.buf);
	out->enum_type = NULL;
	out->overridden = false;
	if (ut && ut->kind == SK_TYPE_ENUM) {
		const char *cls = enum_class ? enum_class(ctx, ut) : "str";
		out->kind = SK_CG_ENUM;
		out->enum_type = ut;
		sk_buf_addfast(&tmp, "sa.Enum(%s, name=", cls);
		sk_buf_adds(&tmp, python_string(a, ut->name));
		if (ut->schema && strcmp(ut->schema, "public"))
			sk_buf_addfast(&tmp, ", schema=%s", python_string(a, ut->schema));
		sk_buf_adds(&tmp, ", values_callable=_enum_values)");
		out->sqlalchemy = sk_arena_strdup(a, tmp.buf);
		out->python = out->pydantic = cls;
		out->short_name = sk_arena_strdup(a, ut->name);
	} else if (ut && ut->kind == SK_TYPE_DOMAIN && ut->base_type && depth < 8) {
		struct sk_cg_type base;
		resolve(&base, a, m, ut->base_type, NULL, ov, enum_class, ctx, depth + 1);
		*out = base;
		if (base.kind == SK_CG_ARRAY || base.kind == SK_CG_ENUM) {
			out->sqlalchemy = sk_arena_strfmt(a, "_Declared(%s)", python_string(a, ddl_text));
		} else {
			out->sqlalchemy = sk_arena_strfmt(a, "_Declared(%s, %s)", python_string(a, ddl_text),
			                                  base.sqlalchemy);
		}
		out->short_name = sk_arena_strdup(a, ut->name);
	} else if (b) {
		out->kind = b->kind;
		out->python = b->python ? b->python : kind_python(b->kind);
		out->pydantic = out->python;
		out->short_name = b->short_name;
		if (!b->sa) {
			out->sqlalchemy = sk_arena_strfmt(a, "_Declared(%s, %s)", python_string(a, ddl_text),
			                                  kind_sqlalchemy(b->kind, d));
		} else {
			bool modded = strchr(b->sa, '#') != NULL;
			const char *sa = fill_template(a, b->sa, p.base.buf, p.has_mods ? p.mods.buf : NULL);
			if (p.has_mods && !modded)
				sa = NULL; /* modifiers we cannot express */
			if (d == SK_DIALECT_SQLITE && sa) {
				/* create_all must write the declared spelling */
				sk_buf_reset(&tmp);
				if (b->ddl)
					sqlite_ddl(&tmp, b->ddl, p.has_mods ? p.mods.buf : NULL);
				if (!b->ddl || strcmp(tmp.buf, ddl_text))
					sa = sk_arena_strfmt(a, "_Declared(%s, %s)",
					                     python_string(a, ddl_text), sa);
			}
			if (!sa)
				sa = sk_arena_strfmt(a, "_Declared(%s, %s)", python_string(a, ddl_text),
				                     kind_sqlalchemy(b->kind, d));
			out->sqlalchemy = sa;
			if (d == SK_DIALECT_POSTGRES && p.has_mods && b->kind == SK_CG_TEXT &&
			    (!strcmp(b->name, "character varying") || !strcmp(b->name, "character")))
				out->pydantic =
				        sk_arena_strfmt(a, "pydantic.constr(max_length=%s)", p.mods.buf);
		}
	} else {
		/* unknown: SQLite's affinity rules, else any */
		const char *s = p.base.buf;
		enum sk_cg_kind k = SK_CG_ANY;
		if (d == SK_DIALECT_SQLITE && *s) {
			if (strstr(s, "int"))
				k = SK_CG_INT64;
			else if (strstr(s, "char") || strstr(s, "clob") || strstr(s, "text"))
				k = SK_CG_TEXT;
			else if (strstr(s, "blob"))
				k = SK_CG_BYTES;
			else if (strstr(s, "real") || strstr(s, "floa") || strstr(s, "doub"))
				k = SK_CG_DOUBLE;
		}
		out->kind = k;
		out->python = kind_python(k);
		out->pydantic = out->python;
		if (k == SK_CG_ANY)
			out->sqlalchemy = sk_arena_strfmt(a, "_Declared(%s)", python_string(a, ddl_text));
		else
			out->sqlalchemy = sk_arena_strfmt(a, "_Declared(%s, %s)", python_string(a, ddl_text),
			                                  kind_sqlalchemy(k, d));
		sk_buf_reset(&tmp);
		for (const char *q = ut ? ut->name : *s ? s : "any"; *q; q++)
			sk_buf_addch(&tmp, strchr(" .\"", *q) ? '_' : *q);
		out->short_name = sk_arena_strdup(a, tmp.buf);
	}
	out->elem_kind = out->kind;

	o = find_override(ov, d, &p, unq);
	if (o) {
		out->overridden = true;
		if (o->kind >= 0 && (enum sk_cg_kind)o->kind != out->kind) {
			out->kind = (enum sk_cg_kind)o->kind;
			out->elem_kind = out->kind;
			out->enum_type = NULL;
			out->python = out->pydantic = kind_python(out->kind);
			if (kind_sqlalchemy(out->kind, d))
				out->sqlalchemy =
				        sk_arena_strfmt(a, "_Declared(%s, %s)", python_string(a, ddl_text),
				                        kind_sqlalchemy(out->kind, d));
			else
				out->sqlalchemy =
				        sk_arena_strfmt(a, "_Declared(%s)", python_string(a, ddl_text));
		}
		if (o->sqlalchemy)
			out->sqlalchemy = o->sqlalchemy;
		if (o->python)
			out->python = out->pydantic = o->python;
		if (o->pydantic)
			out->pydantic = o->pydantic;
	}
	parsed_release(&p);
	sk_buf_release(&tmp);
}

static void resolve(struct sk_cg_type *out, struct sk_arena *arena, const struct sk_model *m,
                    const char *type, const struct sk_column *col, const struct sk_cg_overrides *ov,
                    sk_cg_enum_class_fn enum_class, void *ctx, int depth)
{
	struct parsed p;
	bool array;

	parse_type(&p, type);
	array = p.array || (col && col->is_array);
	parsed_release(&p);
	resolve_scalar(out, arena, m, type, col, ov, enum_class, ctx, depth);
	if (!array)
		return;
	out->elem_kind = out->kind;
	out->kind = SK_CG_ARRAY;
	out->sqlalchemy = sk_arena_strfmt(arena, "postgresql.ARRAY(%s)", out->sqlalchemy);
	out->python = sk_arena_strfmt(arena, "typing.List[typing.Optional[%s]]", out->python);
	out->pydantic = sk_arena_strfmt(arena, "typing.List[typing.Optional[%s]]", out->pydantic);
	out->short_name = sk_arena_strfmt(arena, "%s[]", out->short_name);
}

void sk_cg_type_resolve(struct sk_cg_type *out, struct sk_arena *arena, const struct sk_model *m,
                        const char *type, const struct sk_column *col, const struct sk_cg_overrides *ov,
                        sk_cg_enum_class_fn enum_class, void *ctx)
{
	resolve(out, arena, m, type, col, ov, enum_class, ctx, 0);
}
