#ifndef SK_CLI_H
#define SK_CLI_H
/*
 * The CLI layer shared by the tools: the only code that prints diagnostics.
 * Error reports are one line on stderr:
 *     PROG: error: FILE:LINE:COL: MESSAGE (DETAIL) (hint: HINT)
 * with newlines in server messages folded into spaces. Colours only on a
 * terminal and never when NO_COLOR is set.
 */
#include <stdbool.h>
#include <stdio.h>

#include "common/buf.h"
#include "common/error.h"
#include "migrate/migrate.h"
#include "prepare/prepare.h"

void sk_cli_init(const char *progname);
const char *sk_cli_progname(void);
bool sk_cli_color(FILE *f);

void sk_cli_report(const struct sk_error *err);
void sk_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes a report to stdout; returns nonzero when stdout failed. */
int sk_cli_write(const struct sk_buf *out);
/* The exit status for a run's return code. */
int sk_cli_exit_status(int rc, const struct sk_error *err);
/* The "Exit codes:" block of --help. */
void sk_cli_print_exit_codes(FILE *f);
/* What every tool's option loop does with -h/--help (usage and the exit
 * codes on stdout), -V/--version, a missing value (':') and an unknown
 * option: returns the exit status to stop with. */
int sk_cli_standard_option(int c, const char *usage, char **argv);
/* Reports a usage error (exit 2) with a pointer to --help. */
int sk_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Options every tool that connects shares: -u/--database-url (--url),
 * -C/--project-dir, --password-file. Put SK_CLI_CONFIG_LONG_OPTIONS in the
 * getopt_long table and "u:C:" in the short options, and offer each option
 * to sk_cli_config_option first. */
#define SK_CLI_OPT_PASSWORD_FILE 1000
/* clang-format off */
#define SK_CLI_CONFIG_LONG_OPTIONS \
	{ "database-url", required_argument, NULL, 'u' }, \
	{ "url", required_argument, NULL, 'u' }, \
	{ "project-dir", required_argument, NULL, 'C' }, \
	{ "password-file", required_argument, NULL, SK_CLI_OPT_PASSWORD_FILE }
/* clang-format on */
/* Returns true when c was one of them (and stores it). */
bool sk_cli_config_option(struct sk_config_overrides *ov, int c, const char *arg);
#define SK_CLI_CONFIG_HELP                                                                  \
	"  -u, --database-url URL   database (postgresql://..., sqlite:path.db, sqlite::memory:,\n" \
	"                           libpq keywords 'host=... dbname=...')\n"                    \
	"  -C, --project-dir DIR    run as if started in DIR (where schemake.ini and .env are)\n" \
	"      --password-file FILE read the password from FILE (first line)\n"

/* schemake-dump's command line, as sk_cli_migrate_parse. */
struct sk_dump_opts;
int sk_cli_dump_parse(struct sk_dump_opts *opts, int argc, char **argv, bool *stop);
void sk_cli_dump_opts_release(struct sk_dump_opts *opts);

/* schemake-reset's command line, as sk_cli_migrate_parse; also sets
 * opts->events to the CLI's notice, confirmation and progress printers. */
struct sk_reset_opts;
int sk_cli_reset_parse(struct sk_reset_opts *opts, int argc, char **argv, bool *stop);

/* schemake-codegen's command line, as sk_cli_migrate_parse (free the lists
 * with sk_codegen_opts_release). */
struct sk_codegen_opts;
int sk_cli_codegen_parse(struct sk_codegen_opts *opts, int argc, char **argv, bool *stop);

/* Progress and lock-wait events for migrate runs, printing to stdout/stderr. */
void sk_cli_migrate_events(struct sk_migrate_events *ev, bool quiet);

/* schemake-migrate's command line. Returns 0 and fills opts, or an exit
 * status to stop with (after printing help, version or a usage error):
 * *stop is set then. */
int sk_cli_migrate_parse(struct sk_migrate_opts *opts, int argc, char **argv, bool *stop);
void sk_cli_migrate_opts_release(struct sk_migrate_opts *opts);

/* schemake-prepare-init's command line, the same way. */
int sk_cli_prepare_parse(struct sk_prepare_run_opts *opts, int argc, char **argv, bool *stop);

#endif
