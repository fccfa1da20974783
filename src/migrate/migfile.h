#ifndef SK_MIGFILE_H
#define SK_MIGFILE_H
/*
 * One migration file: migrations/<version>_<name>.sql in dbmate's format,
 *
 *     -- migrate:up [transaction:false]
 *     ...statements...
 *     -- migrate:down [transaction:false]
 *     ...statements...
 *
 * Reading a file normalises it (UTF-8 BOM dropped, CRLF to LF) and computes
 * its checksum over the normalised text; lexing validates it and splits both
 * sections into statements with the SQL lexer. The two steps are separate so
 * that a run lexes only the migrations it will execute (an applied one needs
 * only its checksum), and still before the first statement runs. Statements
 * point into `content`, which the migration owns.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"
#include "common/hash.h"
#include "sql/lexer.h"

struct sk_mig_section {
	bool present;     /* the marker exists */
	bool transaction; /* false when the marker says transaction:false */
	unsigned marker_line;
	struct sk_sql_stmt *stmts;
	size_t nr;
};

struct sk_migration {
	char *version;  /* the digits before the first '_' */
	char *name;     /* the rest of the file name without ".sql" */
	char *filename; /* <version>_<name>.sql */
	char *path;     /* as given to sk_migration_load: dir/filename */
	char *content;  /* normalised text */
	size_t content_len;
	char checksum[SK_SHA256_HEX_LEN + 1];
	bool lexed; /* up and down below are valid (sk_migration_lex succeeded) */
	struct sk_mig_section up;
	struct sk_mig_section down;
};

/* Splits a file name into version and name. Returns false when it is not
 * <digits>_<name>.sql (name non-empty, no '/'). */
bool sk_migration_parse_filename(const char *filename, char **version_out, char **name_out);

/* Reads and lexes dir/filename. SK_ERR_IO when unreadable, SK_ERR_INPUT for
 * a malformed file (located at path:line:col). */
int sk_migration_load(struct sk_migration *out, const char *dir, const char *filename,
                      enum sk_sql_dialect_hint dialect, struct sk_error *err);
/* Reads dir/filename and computes its checksum without lexing it (lexed is
 * false, the sections empty). SK_ERR_INPUT for a bad file name, SK_ERR_IO
 * when unreadable. */
int sk_migration_read(struct sk_migration *out, const char *dir, const char *filename, struct sk_error *err);
/* Validates and lexes a migration read by sk_migration_read (a no-op when
 * already lexed). On failure (SK_ERR_INPUT, located at path:line:col) the
 * migration keeps its text and checksum and stays unlexed. */
int sk_migration_lex(struct sk_migration *m, enum sk_sql_dialect_hint dialect, struct sk_error *err);
/* Parses text already in memory (takes a copy). */
int sk_migration_parse(struct sk_migration *out, const char *path, const char *text, size_t len,
                       enum sk_sql_dialect_hint dialect, struct sk_error *err);
void sk_migration_release(struct sk_migration *m);

/* Checksum of a migration's text: SHA-256 of the content with a leading BOM
 * removed and CRLF turned into LF. */
void sk_migration_checksum(char out[SK_SHA256_HEX_LEN + 1], const char *text, size_t len);

/* Compares two versions as numbers given as digit strings. */
int sk_version_cmp(const char *a, const char *b);

#endif
