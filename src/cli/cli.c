/*
 * cli.c: reporting errors and warnings, colours, exit statuses. The library
 * fills struct sk_error; this file decides how it looks on a terminal.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/banned.h"

static const char *progname = "schemake";

void sk_cli_init(const char *name)
{
	const char *slash = strrchr(name, '/');
	progname = slash ? slash + 1 : name;
}

const char *sk_cli_progname(void)
{
	return progname;
}

bool sk_cli_color(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no && no[0])
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(f));
}

/* Appends s with newlines and tabs folded to single spaces, so a report is
 * one line whatever the server said. */
static void add_folded(struct sk_buf *b, const char *s)
{
	bool space = false;

	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			space = true;
			continue;
		}
		if (space && b->len && b->buf[b->len - 1] != ' ')
			sk_buf_addch(b, ' ');
		space = false;
		sk_buf_addch(b, *s);
	}
}

void sk_cli_report(const struct sk_error *err)
{
	struct sk_buf line = SK_BUF_INIT;
	bool color = sk_cli_color(stderr);

	sk_buf_addf(&line, "%s: %s", progname, color ? "\033[1;31merror:\033[0m " : "error: ");
	if (err->file[0]) {
		sk_buf_adds(&line, err->file);
		if (err->line) {
			sk_buf_addf(&line, ":%u", err->line);
			if (err->col)
				sk_buf_addf(&line, ":%u", err->col);
		}
		sk_buf_adds(&line, ": ");
	}
	add_folded(&line, err->message[0] ? err->message : "unknown error");
	if (err->detail[0]) {
		sk_buf_adds(&line, " (");
		add_folded(&line, err->detail);
		sk_buf_adds(&line, ")");
	}
	if (err->hint[0]) {
		sk_buf_adds(&line, color ? " \033[36m(hint: " : " (hint: ");
		add_folded(&line, err->hint);
		sk_buf_adds(&line, color ? ")\033[0m" : ")");
	}
	sk_buf_addch(&line, '\n');
	fflush(stdout);
	fputs(line.buf, stderr);
	sk_buf_release(&line);
}

void sk_cli_warn(const char *fmt, ...)
{
	bool color = sk_cli_color(stderr);
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s", progname, color ? "\033[1;33mwarning:\033[0m " : "warning: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int sk_cli_write(const struct sk_buf *out)
{
	if (out->len && fwrite(out->buf, 1, out->len, stdout) != out->len)
		return -1;
	if (fflush(stdout) != 0)
		return -1;
	return 0;
}

int sk_cli_exit_status(int rc, const struct sk_error *err)
{
	if (rc == 0)
		return 0;
	return sk_errcode_exit_status(err->code ? err->code : (enum sk_errcode) - rc);
}

void sk_cli_print_exit_codes(FILE *f)
{
	fputs("Exit codes:\n", f);
	for (int c = 0; c < SK_ERR__COUNT; c++)
		fprintf(f, "  %-3d %s\n", sk_errcode_exit_status((enum sk_errcode)c),
		        sk_errcode_description((enum sk_errcode)c));
}

int sk_cli_usage_error(const char *fmt, ...)
{
	struct sk_error err = SK_ERROR_INIT;
	va_list ap;

	va_start(ap, fmt);
	sk_error_vset(&err, SK_ERR_USAGE, fmt, ap);
	va_end(ap);
	sk_error_hint(&err, "see '%s --help'", progname);
	sk_cli_report(&err);
	return sk_errcode_exit_status(SK_ERR_USAGE);
}

bool sk_cli_config_option(struct sk_config_overrides *ov, int c, const char *arg)
{
	switch (c) {
	case 'u':
		ov->database_url = arg;
		return true;
	case 'C':
		ov->project_dir = arg;
		return true;
	case SK_CLI_OPT_PASSWORD_FILE:
		ov->password_file = arg;
		return true;
	default:
		return false;
	}
}

int sk_cli_standard_option(int c, const char *usage, char **argv)
{
	switch (c) {
	case 'h':
		fputs(usage, stdout);
		sk_cli_print_exit_codes(stdout);
		return 0;
	case 'V':
		printf("%s %s\n", progname, SK_VERSION);
		return 0;
	case ':':
		return sk_cli_usage_error("option '%s' needs a value", argv[optind - 1]);
	default:
		return sk_cli_usage_error("unknown option '%s'", argv[optind - 1]);
	}
}
