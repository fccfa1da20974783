#ifndef SK_MIGDIR_H
#define SK_MIGDIR_H
/*
 * The migrations directory: every <version>_<name>.sql file in it, parsed and
 * sorted by version, and the sum file (schemake.sum) that chains their
 * checksums so that two branches adding a migration each conflict in git.
 *
 * Sum file format (text, LF):
 *     # schemake.sum v1 ... (comment lines)
 *     total <sha256 of the chain>
 *     <filename> <checksum>        one line per migration, in version order
 * where chain_0 = "" and chain_i = sha256(chain_{i-1} || filename_i || " " ||
 * checksum_i || "\n"); the total is chain_N.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "migrate/migfile.h"

#define SK_SUM_FILENAME "schemake.sum"

struct sk_migdir {
	char *dir;
	enum sk_sql_dialect_hint dialect; /* for lexing */
	struct sk_migration *migs;
	size_t nr;
};
#define SK_MIGDIR_INIT                                                                                       \
	{                                                                                                    \
		NULL, SK_SQL_POSTGRES, NULL, 0                                                               \
	}

/* Loads every migration in dir. Files that do not end in ".sql" are ignored;
 * a ".sql" file with a bad name, a malformed migration or two files with one
 * version are SK_ERR_INPUT; a missing directory is SK_ERR_IO. */
int sk_migdir_load(struct sk_migdir *out, const char *dir, enum sk_sql_dialect_hint dialect,
                   struct sk_error *err);
/* Like sk_migdir_load, but only reads and checksums the files: none is
 * lexed (see sk_migdir_lex), so a malformed migration is found when it is
 * lexed. For runs that execute a few migrations of many. */
int sk_migdir_scan(struct sk_migdir *out, const char *dir, enum sk_sql_dialect_hint dialect,
                   struct sk_error *err);
/* Lexes migration i (sk_migration_lex), or all of them. */
int sk_migdir_lex(struct sk_migdir *md, size_t i, struct sk_error *err);
int sk_migdir_lex_all(struct sk_migdir *md, struct sk_error *err);
void sk_migdir_release(struct sk_migdir *md);

/* Index of the migration with this exact version, or -1. */
long sk_migdir_index(const struct sk_migdir *md, const char *version);

void sk_migdir_sum_render(struct sk_buf *out, const struct sk_migdir *md);
/* Compares the sum file with the directory. *exists tells whether there is a
 * sum file. Returns 0 when it is current (or absent), otherwise SK_ERR_INPUT
 * with a message naming the sum file and the first differing migration file;
 * every difference is appended to `problems` (one per line) when not NULL. */
int sk_migdir_sum_check(const struct sk_migdir *md, bool *exists, struct sk_buf *problems,
                        struct sk_error *err);
/* Writes the sum file atomically (only when its content changes). */
int sk_migdir_sum_write(const struct sk_migdir *md, bool *changed, struct sk_error *err);

#endif
