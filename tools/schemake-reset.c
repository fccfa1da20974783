/*
 * schemake-reset: drop and recreate the project's database (or every object
 * in it), then migrate or load a dump, and seed. argv -> options ->
 * sk_reset_run -> report -> exit status.
 */
#include "cli/cli.h"
#include "reset/reset.h"
#include "common/banned.h"

int main(int argc, char **argv)
{
	struct sk_reset_opts opts;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	bool stop;
	int rc, status;

	status = sk_cli_reset_parse(&opts, argc, argv, &stop);
	if (stop)
		return status;
	rc = sk_reset_run(&opts, &out, &err);
	if (sk_cli_write(&out) != 0 && rc == 0)
		rc = sk_error_set(&err, SK_ERR_IO, "cannot write to standard output");
	if (rc)
		sk_cli_report(&err);
	sk_buf_release(&out);
	return sk_cli_exit_status(rc, &err);
}
