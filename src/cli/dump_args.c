/*
 * dump_args.c: schemake-dump's command line and --help.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "dump/dump.h"
#include "common/banned.h"

static const char usage_text[] =
	"Usage: schemake-dump [OPTIONS]\n"
	"\n"
	"A deterministic schema dump: the same schema always gives the same bytes, ordered so\n"
	"that it loads into an empty database (psql -v ON_ERROR_STOP=1, or sqlite3), with no\n"
	"owners, no SET lines, no version banner and no \\restrict keys.\n"
	"\n"
	"Source (default: the project's database):\n"
	SK_CLI_CONFIG_HELP
	"      --from-migrations DIR  replay DIR's migrations into a scratch database and dump\n"
	"                           that (SQLite: in memory; PostgreSQL: a temporary database on\n"
	"                           the configured server or the local development cluster)\n"
	"      --from-snapshot FILE dump a JSON snapshot written by --format json\n"
	"\n"
	"Output:\n"
	"  -f, --format sql|json    canonical SQL (default) or a JSON snapshot (docs/SNAPSHOT.md)\n"
	"  -o, --output FILE        write FILE atomically, and leave it untouched when the dump\n"
	"                           is byte-identical (so build tools see no change)\n"
	"      --json-output FILE   also write the JSON snapshot to FILE (same rules as -o), so\n"
	"                           one run gives both\n"
	"  -n, --schema NAME        only this schema (repeatable)\n"
	"  -T, --exclude-table PAT  leave out tables matching PAT (a glob on name or\n"
	"                           schema.name; repeatable)\n"
	"      --with-versions      include the history table and INSERTs of the applied\n"
	"                           migrations, so a database loaded from the dump counts as\n"
	"                           migrated (as dbmate's schema.sql does)\n"
	"  -h, --help               this help\n"
	"  -V, --version            the version\n"
	"\n";

enum {
	OPT_FROM_MIGRATIONS = 256,
	OPT_FROM_SNAPSHOT,
	OPT_WITH_VERSIONS,
	OPT_JSON_OUTPUT,
};

static const struct option long_options[] = {
	SK_CLI_CONFIG_LONG_OPTIONS,
	{ "from-migrations", required_argument, NULL, OPT_FROM_MIGRATIONS },
	{ "from-snapshot", required_argument, NULL, OPT_FROM_SNAPSHOT },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "schema", required_argument, NULL, 'n' },
	{ "exclude-table", required_argument, NULL, 'T' },
	{ "with-versions", no_argument, NULL, OPT_WITH_VERSIONS },
	{ "json-output", required_argument, NULL, OPT_JSON_OUTPUT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The lists point into argv, which outlives the run; only the arrays are ours. */
static const char **push(const char **list, size_t *n, const char *item)
{
	list = sk_xrealloc(list, (*n + 1) * sizeof(*list));
	list[(*n)++] = item;
	return list;
}

int sk_cli_dump_parse(struct sk_dump_opts *o, int argc, char **argv, bool *stop)
{
	int c;

	memset(o, 0, sizeof(*o));
	*stop = false;
	sk_cli_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":u:C:f:o:n:T:hV", long_options, NULL)) != -1) {
		if (sk_cli_config_option(&o->config, c, optarg))
			continue;
		switch (c) {
		case OPT_FROM_MIGRATIONS:
			o->from_migrations = optarg;
			break;
		case OPT_FROM_SNAPSHOT:
			o->from_snapshot = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "sql"))
				o->format = SK_DUMP_SQL;
			else if (!strcmp(optarg, "json"))
				o->format = SK_DUMP_JSON;
			else {
				*stop = true;
				return sk_cli_usage_error("--format is sql or json, not '%s'", optarg);
			}
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'n':
			o->schemas = push(o->schemas, &o->nschemas, optarg);
			break;
		case 'T':
			o->exclude_tables = push(o->exclude_tables, &o->nexclude_tables, optarg);
			break;
		case OPT_JSON_OUTPUT:
			o->json_output = optarg;
			break;
		case OPT_WITH_VERSIONS:
			o->with_versions = true;
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
	return 0;
}

void sk_cli_dump_opts_release(struct sk_dump_opts *o)
{
	free(o->schemas);
	free(o->exclude_tables);
	o->schemas = o->exclude_tables = NULL;
	o->nschemas = o->nexclude_tables = 0;
}
