/*
 * schemake-codegen: code and diagrams generated from a schema. argv ->
 * options -> sk_codegen_run -> report -> exit status.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "codegen/codegen.h"
#include "common/banned.h"

static void on_warning(void *ctx, const char *message)
{
	(void)ctx;
	sk_cli_warn("%s", message);
}

int main(int argc, char **argv)
{
	struct sk_codegen_opts opts;
	struct sk_codegen_report report = SK_CODEGEN_REPORT_INIT;
	struct sk_error err = SK_ERROR_INIT;
	bool stop;
	int rc, status;

	status = sk_cli_codegen_parse(&opts, argc, argv, &stop);
	if (stop) {
		sk_codegen_opts_release(&opts);
		return status;
	}
	opts.on_warning = on_warning;
	rc = sk_codegen_run(&opts, &report, &err);
	for (size_t i = 0; rc == 0 && opts.verbose && i < report.n; i++)
		fprintf(stderr, "%s: %s %s\n", sk_cli_progname(),
		        report.files[i].changed ? "wrote" : "unchanged", report.files[i].path);
	if (rc)
		sk_cli_report(&err);
	sk_codegen_report_release(&report);
	sk_codegen_opts_release(&opts);
	return sk_cli_exit_status(rc, &err);
}
