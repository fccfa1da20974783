/*
 * schemake-migrate: versioned migrations. argv -> options -> sk_migrate_run
 * -> report -> exit status.
 */
#include "cli/cli.h"
#include "common/banned.h"

int main(int argc, char **argv)
{
	struct sk_migrate_opts opts;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf out = SK_BUF_INIT;
	bool stop;
	int rc, status;

	status = sk_cli_migrate_parse(&opts, argc, argv, &stop);
	if (stop) {
		sk_cli_migrate_opts_release(&opts);
		return status;
	}
	rc = sk_migrate_run(&opts, &out, &err);
	if (sk_cli_write(&out) != 0 && rc == 0)
		rc = sk_error_set(&err, SK_ERR_IO, "cannot write to standard output");
	if (rc)
		sk_cli_report(&err);
	sk_buf_release(&out);
	sk_cli_migrate_opts_release(&opts);
	return sk_cli_exit_status(rc, &err);
}
