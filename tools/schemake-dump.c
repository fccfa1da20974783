/*
 * schemake-dump: deterministic schema dumps. argv -> options -> sk_dump_run
 * -> report -> exit status.
 */
#include "cli/cli.h"
#include "dump/dump.h"
#include "common/banned.h"

static void on_warning(void *ctx, const char *message)
{
	(void)ctx;
	sk_cli_warn("%s", message);
}

int main(int argc, char **argv)
{
	struct sk_dump_opts opts;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	bool stop;
	int rc, status;

	status = sk_cli_dump_parse(&opts, argc, argv, &stop);
	if (stop) {
		sk_cli_dump_opts_release(&opts);
		return status;
	}
	opts.on_warning = on_warning;
	rc = sk_dump_run(&opts, &out, NULL, &err);
	if (sk_cli_write(&out) != 0 && rc == 0)
		rc = sk_error_set(&err, SK_ERR_IO, "cannot write to standard output");
	if (rc)
		sk_cli_report(&err);
	sk_buf_release(&out);
	sk_cli_dump_opts_release(&opts);
	return sk_cli_exit_status(rc, &err);
}
