/*
 * codegen_args.c: schemake-codegen's command line and --help.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/codegen.h"
#include "common/banned.h"

static const char usage_text[] =
        "Usage: schemake-codegen [OPTIONS] --target LIST -o DIR\n"
        "\n"
        "Code generated from a schema: C structs and row helpers (sqlite3, libpq), SQLAlchemy\n"
        "models, Pydantic schemas, Mermaid and Graphviz ER diagrams. Output is deterministic,\n"
        "and a file is only rewritten when its content changed (build tools see no change).\n"
        "\n"
        "Source (default: the project's database):\n" SK_CLI_CONFIG_HELP
        "      --from-snapshot FILE a JSON snapshot written by schemake-dump --format json\n"
        "  -n, --schema NAME        only this schema (repeatable)\n"
        "  -T, --exclude-table PAT  leave out tables matching PAT (a glob on name or\n"
        "                           schema.name; repeatable)\n"
        "\n"
        "Output:\n"
        "  -t, --target LIST        comma-separated: c (NAME.h, NAME.c), sqlalchemy (models.py),\n"
        "                           pydantic (schemas.py), mermaid (er.mmd), dot (er.dot); all\n"
        "  -o, --output-dir DIR     where the files go (created when missing)\n"
        "      --name NAME          C file name and identifier prefix (default: models)\n"
        "  -v, --verbose            list on stderr which files were written\n"
        "  -h, --help               this help\n"
        "  -V, --version            the version\n"
        "\n"
        "Type mapping overrides: [codegen.types] in schemake.ini (docs/CODEGEN.md).\n"
        "\n";

enum {
	OPT_FROM_SNAPSHOT = 256,
	OPT_NAME,
};

static const struct option long_options[] = {
        SK_CLI_CONFIG_LONG_OPTIONS,
        {"from-snapshot", required_argument, NULL, OPT_FROM_SNAPSHOT},
        {"target", required_argument, NULL, 't'},
        {"output-dir", required_argument, NULL, 'o'},
        {"output", required_argument, NULL, 'o'},
        {"name", required_argument, NULL, OPT_NAME},
        {"schema", required_argument, NULL, 'n'},
        {"exclude-table", required_argument, NULL, 'T'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

/* The lists point into argv, which outlives the run; only the arrays are ours. */
static const char **push(const char **list, size_t *n, const char *item)
{
	list = sk_xrealloc(list, (*n + 1) * sizeof(*list));
	list[(*n)++] = item;
	return list;
}

int sk_cli_codegen_parse(struct sk_codegen_opts *o, int argc, char **argv, bool *stop)
{
	struct sk_error err = SK_ERROR_INIT;
	unsigned targets;
	int c;

	memset(o, 0, sizeof(*o));
	*stop = false;
	sk_cli_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":u:C:t:o:n:T:vhV", long_options, NULL)) != -1) {
		if (sk_cli_config_option(&o->config, c, optarg))
			continue;
		switch (c) {
		case OPT_FROM_SNAPSHOT:
			o->from_snapshot = optarg;
			break;
		case 't':
			if (sk_codegen_parse_targets(&targets, optarg, &err) != 0) {
				*stop = true;
				return sk_cli_usage_error("%s (%s)", err.message, err.hint);
			}
			o->targets |= targets;
			break;
		case 'o':
			o->output_dir = optarg;
			break;
		case OPT_NAME:
			if (!sk_codegen_name_valid(optarg)) {
				*stop = true;
				return sk_cli_usage_error(
				        "--name '%s' is not a C identifier (letters, digits, '_')", optarg);
			}
			o->name = optarg;
			break;
		case 'n':
			o->schemas = push(o->schemas, &o->nschemas, optarg);
			break;
		case 'T':
			o->exclude_tables = push(o->exclude_tables, &o->nexclude_tables, optarg);
			break;
		case 'v':
			o->verbose = true;
			break;
		default:
			*stop = true;
			return sk_cli_standard_option(c, usage_text, argv);
		}
	}
	if (optind < argc) {
		*stop = true;
		return sk_cli_usage_error("unexpected argument '%s'", argv[optind]);
	}
	if (!o->targets) {
		*stop = true;
		return sk_cli_usage_error(
		        "--target is required (c, sqlalchemy, pydantic, mermaid, dot or all)");
	}
	if (!o->output_dir) {
		*stop = true;
		return sk_cli_usage_error("-o DIR is required");
	}
	return 0;
}
