#ifndef SK_PREPARE_H
#define SK_PREPARE_H
/*
 * schemake-prepare-init's logic: turns a schema dump (real pg_dump
 * --schema-only output, or schemake's own dump) into a script that
 * docker-entrypoint-initdb.d runs cleanly as the new database's owner, a
 * role that is not a superuser, under psql -v ON_ERROR_STOP=1.
 *
 * The filter works on statements from the SQL lexer, never on lines: text
 * inside strings, dollar-quoted bodies and comments is never looked at, so a
 * function body that says "OWNER TO" or a string with a line starting with a
 * backslash stays as it is. Everything not removed or rewritten is copied
 * byte for byte (comments, blank lines, white space, line ends).
 *
 * Always:
 *  - every psql meta-command line (\restrict, \unrestrict, \connect, \set,
 *    ...) is removed;
 *  - ownership is removed: ALTER <object kind> <name> OWNER TO <role> for every
 *    kind that has an owner, and SET / RESET SESSION AUTHORIZATION (what
 *    pg_dump --use-set-session-authorization writes instead);
 *  - CREATE SCHEMA public becomes CREATE SCHEMA IF NOT EXISTS public (a fresh
 *    database has it), and CREATE EXTENSION gets IF NOT EXISTS (written in
 *    the case of the keyword before it);
 * By option: see struct sk_prepare_opts.
 *
 * How a statement is removed: when it occupies whole lines (only white space
 * before it on its first line and after its ';' on its last), those lines go
 * with their newline, and so does one blank line right after them (pg_dump
 * writes each statement followed by a blank line), so an ownership-free
 * pg_dump comes out exactly as pg_dump --no-owner writes it apart from the
 * "Owner:" in comments. Otherwise only the statement, its ';' and the white
 * space between it and what shares its line go. Leading comment blocks
 * (pg_dump's "-- Name: ...; Type: ...; Owner: ..." headers) are kept.
 *
 * The result is idempotent: preparing a prepared script changes nothing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"

struct sk_prepare_opts {
	bool strip_grants;             /* GRANT, REVOKE, ALTER DEFAULT PRIVILEGES */
	bool strip_extension_comments; /* COMMENT ON EXTENSION (plpgsql's needs a superuser) */
	bool strip_set;                /* every SET and SELECT [pg_catalog.]set_config(...) */
	/* The oldest server the script must run on, as a version number
	 * (130000 for 13, 90600 for 9.6); 0: none. SET (or set_config) of a
	 * parameter that this version does not know is removed, see
	 * sk_prepare_settings. */
	int target_version;
};
#define SK_PREPARE_OPTS_INIT                                                                                 \
	{                                                                                                    \
		false, false, false, 0                                                                       \
	}

/* The run-time parameters pg_dump writes (and a few more) that a server
 * older than `since` rejects; ends with a NULL name. */
struct sk_prepare_setting {
	const char *name;
	int since; /* version number, e.g. 170000 */
};
extern const struct sk_prepare_setting sk_prepare_settings[];

/* Appends the prepared script of text[0..len) to out. The input must be
 * UTF-8 without NUL bytes. Errors (SK_ERR_INPUT) are located as
 * path_for_messages:line:col: an unterminated string, quoted identifier,
 * dollar quote, block comment or COPY data; a NUL byte; invalid UTF-8; a
 * psql "\copy ... from stdin" (its data cannot be kept without psql). On
 * error out is left as it was. */
int sk_prepare_init(struct sk_buf *out, const char *path_for_messages, const char *text, size_t len,
                    const struct sk_prepare_opts *opts, struct sk_error *err);

/* Parses a major version, "13", "17.2" or "9.6", into a version number
 * (130000, 170000, 90600). SK_ERR_USAGE when it is not one. */
int sk_prepare_parse_version(int *out, const char *s, struct sk_error *err);

/* The whole command. */
struct sk_prepare_run_opts {
	const char *input;  /* a file, or "-" for standard input */
	const char *output; /* -o: written atomically, untouched when unchanged; NULL: appended to out */
	const char *check;  /* --check: SK_ERR_DIFF unless it holds exactly the script; writes nothing */
	struct sk_prepare_opts filter;
};

/* Reads the input, prepares it, and writes, checks, or appends the script
 * to `out` (the tool prints it). A missing or unreadable input or output is
 * SK_ERR_IO; a stale or missing --check file is SK_ERR_DIFF, with the
 * command that brings it up to date as the hint. */
int sk_prepare_run(const struct sk_prepare_run_opts *opts, struct sk_buf *out, struct sk_error *err);

#endif
