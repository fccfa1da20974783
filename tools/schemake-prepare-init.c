/*
 * schemake-prepare-init: a schema dump -> a docker-entrypoint-initdb.d
 * script. argv -> options -> sk_prepare_run -> report -> exit status.
 */
#include "cli/cli.h"
#include "common/banned.h"

int main(int argc, char **argv)
{
	struct sk_prepare_run_opts opts;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	bool stop;
	int rc, status;

	status = sk_cli_prepare_parse(&opts, argc, argv, &stop);
	if (stop)
		return status;
	rc = sk_prepare_run(&opts, &out, &err);
	if (rc == 0 && sk_cli_write(&out) != 0)
		rc = sk_error_set(&err, SK_ERR_IO, "cannot write to standard output");
	if (rc)
		sk_cli_report(&err);
	sk_buf_release(&out);
	return sk_cli_exit_status(rc, &err);
}
