/*
 * prepare_args.c: schemake-prepare-init's command line and --help. Options
 * may come before or after the input (getopt_long permutes).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

#include "common/banned.h"

static const char usage_text[] =
        "Usage: schemake-prepare-init [OPTIONS] INPUT\n"
        "\n"
        "Turns a schema dump (pg_dump --schema-only output, or schemake-dump's) into a script\n"
        "that docker-entrypoint-initdb.d runs cleanly as the new database's owner, a role that\n"
        "is not a superuser (psql -v ON_ERROR_STOP=1). INPUT is a file, or - for standard\n"
        "input. Statements are found with the SQL lexer, so strings, dollar-quoted bodies and\n"
        "comments are never changed; everything not removed is kept byte for byte.\n"
        "\n"
        "Always:\n"
        "  - removes psql meta-command lines (\\restrict, \\unrestrict, \\connect, \\set, ...)\n"
        "  - removes ownership: ALTER <kind> <name> OWNER TO <role> for every kind of object,\n"
        "    and SET / RESET SESSION AUTHORIZATION\n"
        "  - writes CREATE SCHEMA IF NOT EXISTS public, and CREATE EXTENSION IF NOT EXISTS\n"
        "A removed statement takes its lines and one blank line after them; comment lines\n"
        "(pg_dump's '-- Name: ...; Owner: ...' headers) stay.\n"
        "\n"
        "Options:\n"
        "  -o, --output FILE          write the script to FILE (atomically; an unchanged FILE\n"
        "                             is not touched, so its mtime stays); default: stdout\n"
        "      --check FILE           write nothing; exit 1 unless FILE holds exactly the script\n"
        "      --strip-grants         remove GRANT, REVOKE and ALTER DEFAULT PRIVILEGES\n"
        "      --strip-extension-comments\n"
        "                             remove COMMENT ON EXTENSION (plpgsql's needs a superuser)\n"
        "      --strip-set            remove every SET and SELECT pg_catalog.set_config(...)\n"
        "      --target-version N     the oldest server the script must run on (13, 16, 9.6):\n"
        "                             remove SET of parameters it does not know:\n"
        "                             transaction_timeout (17), idle_session_timeout (14),\n"
        "                             default_toast_compression (14),\n"
        "                             default_table_access_method (12),\n"
        "                             idle_in_transaction_session_timeout (9.6),\n"
        "                             row_security (9.5), lock_timeout (9.3), xmloption (8.3)\n"
        "  -h, --help                 this help\n"
        "  -V, --version              the version\n"
        "\n"
        "Example:\n"
        "  pg_dump --schema-only app | schemake-prepare-init --strip-grants - -o init/01-schema.sql\n"
        "\n";

enum {
	OPT_CHECK = 256,
	OPT_STRIP_GRANTS,
	OPT_STRIP_EXT_COMMENTS,
	OPT_STRIP_SET,
	OPT_TARGET_VERSION,
};

static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'},
        {"check", required_argument, NULL, OPT_CHECK},
        {"strip-grants", no_argument, NULL, OPT_STRIP_GRANTS},
        {"strip-extension-comments", no_argument, NULL, OPT_STRIP_EXT_COMMENTS},
        {"strip-set", no_argument, NULL, OPT_STRIP_SET},
        {"target-version", required_argument, NULL, OPT_TARGET_VERSION},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

int sk_cli_prepare_parse(struct sk_prepare_run_opts *o, int argc, char **argv, bool *stop)
{
	struct sk_error err = SK_ERROR_INIT;
	int c;

	memset(o, 0, sizeof(*o));
	*stop = true;
	sk_cli_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case OPT_CHECK:
			o->check = optarg;
			break;
		case OPT_STRIP_GRANTS:
			o->filter.strip_grants = true;
			break;
		case OPT_STRIP_EXT_COMMENTS:
			o->filter.strip_extension_comments = true;
			break;
		case OPT_STRIP_SET:
			o->filter.strip_set = true;
			break;
		case OPT_TARGET_VERSION:
			if (sk_prepare_parse_version(&o->filter.target_version, optarg, &err) != 0)
				return sk_cli_usage_error("--target-version: %s (write e.g. 13, 16 or 9.6)",
				                          err.message);
			break;
		default:
			return sk_cli_standard_option(c, usage_text, argv);
		}
	}
	if (optind >= argc)
		return sk_cli_usage_error("no input given (a dump file, or - for standard input)");
	o->input = argv[optind++];
	if (optind < argc)
		return sk_cli_usage_error("unexpected argument '%s' (one input only)", argv[optind]);
	if (o->output && o->check)
		return sk_cli_usage_error("--check and --output do not go together");
	if (!o->input[0])
		return sk_cli_usage_error("the input file name is empty");
	*stop = false;
	return 0;
}
