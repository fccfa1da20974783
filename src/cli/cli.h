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
/* Reports a usage error (exit 2) with a pointer to --help. */
int sk_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Progress and lock-wait events for migrate runs, printing to stdout/stderr. */
void sk_cli_migrate_events(struct sk_migrate_events *ev, bool quiet);

/* schemake-migrate's command line. Returns 0 and fills opts, or an exit
 * status to stop with (after printing help, version or a usage error):
 * *stop is set then. */
int sk_cli_migrate_parse(struct sk_migrate_opts *opts, int argc, char **argv, bool *stop);

#endif
