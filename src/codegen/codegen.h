#ifndef SK_CODEGEN_H
#define SK_CODEGEN_H
/*
 * schemake-codegen's logic: code generated from a schema model, for the
 * targets asked for:
 *
 *   c           NAME.h, NAME.c    structs, enums, column metadata, SQL text and
 *                                 row helpers for sqlite3 and libpq
 *   sqlalchemy  models.py         declarative models (SQLAlchemy 1.4 and 2.x)
 *   pydantic    schemas.py        Base/Create/Read schemas (Pydantic 1.10 and 2.x)
 *   mermaid     er.mmd            erDiagram
 *   dot         er.dot            Graphviz ER diagram
 *
 * Output is deterministic (docs/CODEGEN.md): the same model gives the same
 * bytes, and a change to one table changes only that table's blocks. The
 * type mapping is codegen/types.h, identifier renaming codegen/names.h.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"
#include "model/model.h"
#include "codegen/types.h"

enum sk_codegen_target {
	SK_CODEGEN_C = 1 << 0,
	SK_CODEGEN_SQLALCHEMY = 1 << 1,
	SK_CODEGEN_PYDANTIC = 1 << 2,
	SK_CODEGEN_MERMAID = 1 << 3,
	SK_CODEGEN_DOT = 1 << 4,
	SK_CODEGEN_ALL = (1 << 5) - 1
};

#define SK_CODEGEN_DEFAULT_NAME "models"

/* "c,sqlalchemy,pydantic,mermaid,dot" (any subset, any order, "all");
 * SK_ERR_USAGE naming an unknown target. */
int sk_codegen_parse_targets(unsigned *out, const char *list, struct sk_error *err);
/* true when name can prefix C identifiers ([A-Za-z_][A-Za-z0-9_]*) */
bool sk_codegen_name_valid(const char *name);

/* One generated file, in memory. */
struct sk_codegen_file {
	char *name; /* file name, no directory */
	struct sk_buf text;
};

struct sk_codegen_files {
	struct sk_codegen_file *items;
	size_t n, alloc;
};
#define SK_CODEGEN_FILES_INIT                                                                                \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}
void sk_codegen_files_release(struct sk_codegen_files *f);

struct sk_codegen_settings {
	unsigned targets;                    /* SK_CODEGEN_* bits */
	const char *name;                    /* C prefix and file name; NULL: "models" */
	const struct sk_cg_overrides *types; /* or NULL */
};

/* Generates the files of s->targets for m, in a fixed order (C header,
 * C source, models.py, schemas.py, er.mmd, er.dot). Borrows m. */
int sk_codegen_generate(struct sk_codegen_files *out, const struct sk_model *m,
                        const struct sk_codegen_settings *s, struct sk_error *err);

struct sk_codegen_opts {
	struct sk_config_overrides config;
	const char *from_snapshot; /* a JSON snapshot; NULL: the project's database */
	unsigned targets;
	const char *output_dir; /* created when missing */
	const char *name;       /* NULL: "models" */
	const char **schemas;   /* --schema, repeatable */
	size_t nschemas;
	const char **exclude_tables; /* --exclude-table PATTERN, repeatable */
	size_t nexclude_tables;
	bool verbose; /* for the CLI: list the files */
	/* something the user should know that is not an error (a password
	 * file readable by others); may be NULL */
	void (*on_warning)(void *ctx, const char *message);
	void *warning_ctx;
};
/* Frees the schemas and exclude_tables arrays (not their strings). */
void sk_codegen_opts_release(struct sk_codegen_opts *opts);

struct sk_codegen_report {
	struct sk_codegen_written {
		char *path;
		bool changed; /* rewritten; false: the file already held these bytes */
	} * files;
	size_t n;
};
#define SK_CODEGEN_REPORT_INIT                                                                               \
	{                                                                                                    \
		NULL, 0                                                                                      \
	}
void sk_codegen_report_release(struct sk_codegen_report *r);

/* Loads the configuration ([codegen.types]) and the model, generates, and
 * writes each file with sk_fs_write_atomic(only_if_changed). Errors:
 * SK_ERR_USAGE (no target, bad name), SK_ERR_CONFIG, SK_ERR_IO (snapshot
 * unreadable, output not writable: the path named), SK_ERR_INPUT (invalid
 * snapshot). report lists every file, written or not. */
int sk_codegen_run(const struct sk_codegen_opts *opts, struct sk_codegen_report *report,
                   struct sk_error *err);

#endif
