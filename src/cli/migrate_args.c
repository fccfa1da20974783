/*
 * migrate_args.c: schemake-migrate's command line and --help. Options may
 * come before or after the verb (getopt_long permutes).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

static const char usage_text[] =
        "Usage: schemake-migrate [OPTIONS] VERB [ARG]\n"
        "\n"
        "Versioned SQL migrations for PostgreSQL and SQLite, in dbmate's file format\n"
        "(migrations/<version>_<name>.sql with '-- migrate:up' and '-- migrate:down').\n"
        "\n"
        "Verbs:\n"
        "  new NAME              write an empty migration and update the sum file\n"
        "  upgrade [TARGET]      apply pending migrations up to TARGET (default head); alias: up\n"
        "  downgrade [TARGET]    revert applied migrations down to TARGET (default -1);\n"
        "                        aliases: down, rollback\n"
        "  current               the newest applied version\n"
        "  history               the applied migrations, with times and durations\n"
        "  status                every migration: applied, pending, changed, missing file, failed\n"
        "  stamp TARGET          record TARGET as the current version without running anything\n"
        "                        ('stamp base' clears the history)\n"
        "  verify                check migration files against the sum file and the database's\n"
        "                        checksums (--offline: files only)\n"
        "  hash                  rewrite the sum file migrations/schemake.sum\n"
        "  heads                 the newest migration file (Alembic's 'heads')\n"
        "  show [REV]            one migration's details and text (Alembic's 'show')\n"
        "  server [status|start|stop]\n"
        "                        the local development cluster used when no database is configured\n"
        "\n"
        "Targets: head, base, a version or a unique prefix of one, +N, -N.\n"
        "\n"
        "Options:\n"
        "  -u, --database-url URL   database (postgresql://..., sqlite:path.db, sqlite::memory:,\n"
        "                           libpq keywords 'host=... dbname=...')\n"
        "  -d, --migrations-dir DIR migrations directory (default: migrations)\n"
        "  -C, --project-dir DIR    run as if started in DIR (where schemake.ini and .env are)\n"
        "      --password-file FILE read the password from FILE (first line)\n"
        "  -n, --dry-run            print the SQL that would run, change nothing\n"
        "      --single-transaction apply (or revert) everything in one transaction\n"
        "      --allow-out-of-order apply pending migrations older than the newest applied one\n"
        "      --resume             continue a failed transaction:false migration from the statement\n"
        "                           that failed\n"
        "      --lock-timeout MS    wait at most MS milliseconds for the migration lock\n"
        "                           (default 300000; -1 waits forever)\n"
        "      --json               machine-readable output (current, history, status)\n"
        "      --exit-code          status: exit 1 when anything is pending or wrong\n"
        "      --offline            verify: do not connect to the database\n"
        "  -q, --quiet              no progress lines\n"
        "  -h, --help               this help\n"
        "  -V, --version            the version\n"
        "\n"
        "Configuration, highest first: command-line options, DATABASE_URL, the project's .env,\n"
        "schemake.ini ([database] url, password_file, dialect; [paths] migrations). libpq's\n"
        "environment (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass) fills what a URL leaves\n"
        "out. With no database configured, a PostgreSQL project uses a local development cluster\n"
        "under .schemake/ (see 'server').\n"
        "\n";

enum {
	OPT_SINGLE_TX = 256,
	OPT_OUT_OF_ORDER,
	OPT_RESUME,
	OPT_LOCK_TIMEOUT,
	OPT_JSON,
	OPT_EXIT_CODE,
	OPT_OFFLINE,
	OPT_FROM,
	OPT_TO,
	OPT_DATABASE,
	OPT_RENAME,
	OPT_ALLOW_DESTRUCTIVE,
	OPT_AUTOGENERATE,
};

static const struct option long_options[] = {
        SK_CLI_CONFIG_LONG_OPTIONS,
        {"migrations-dir", required_argument, NULL, 'd'},
        {"dry-run", no_argument, NULL, 'n'},
        {"single-transaction", no_argument, NULL, OPT_SINGLE_TX},
        {"allow-out-of-order", no_argument, NULL, OPT_OUT_OF_ORDER},
        {"resume", no_argument, NULL, OPT_RESUME},
        {"lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT},
        {"json", no_argument, NULL, OPT_JSON},
        {"exit-code", no_argument, NULL, OPT_EXIT_CODE},
        {"offline", no_argument, NULL, OPT_OFFLINE},
        {"message", required_argument, NULL, 'm'},
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        {"database", required_argument, NULL, OPT_DATABASE},
        {"rename", required_argument, NULL, OPT_RENAME},
        {"allow-destructive", no_argument, NULL, OPT_ALLOW_DESTRUCTIVE},
        {"autogenerate", no_argument, NULL, OPT_AUTOGENERATE},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

static bool verb_known(const char *v)
{
	static const char *const aliases[] = {"up", "down", "rollback", NULL};

	for (const char *const *p = sk_migrate_verbs; *p; p++)
		if (!strcmp(*p, v))
			return true;
	for (const char *const *p = aliases; *p; p++)
		if (!strcmp(*p, v))
			return true;
	return false;
}

/* Verbs that take an argument, and whether it is required. */
static int verb_arity(const char *v)
{
	if (!strcmp(v, "new") || !strcmp(v, "stamp"))
		return 2; /* required */
	if (!strcmp(v, "upgrade") || !strcmp(v, "up") || !strcmp(v, "downgrade") || !strcmp(v, "down") ||
	    !strcmp(v, "rollback") || !strcmp(v, "show") || !strcmp(v, "server"))
		return 1; /* optional */
	return 0;
}

static bool is_relative_target(const char *a)
{
	if (a[0] != '-' || !a[1])
		return false;
	for (const char *p = a + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static bool takes_value(const char *a)
{
	static const char *const with_value[] = {"-m", "--message", "--from", "--to", "--database", "--rename", "-u",
	                                         "-d",
	                                         "-C",
	                                         "--database-url",
	                                         "--url",
	                                         "--migrations-dir",
	                                         "--project-dir",
	                                         "--password-file",
	                                         "--lock-timeout",
	                                         NULL};
	for (const char *const *p = with_value; *p; p++)
		if (!strcmp(a, *p))
			return true;
	return false;
}

/* "downgrade -2" must not read -2 as options: such words (not the value of an
 * option) are moved behind a "--". The vector is rebuilt in `argv_out`. */
static int protect_relative_targets(int argc, char **argv, char **argv_out)
{
	int n = 0, nrel = 0;
	char *rel[8];

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			for (; i < argc; i++)
				argv_out[n++] = argv[i];
			break;
		}
		if (i > 0 && is_relative_target(argv[i]) && !takes_value(argv[i - 1]) && nrel < 8) {
			rel[nrel++] = argv[i];
			continue;
		}
		argv_out[n++] = argv[i];
	}
	if (nrel) {
		bool has_dashdash = false;
		for (int i = 0; i < n; i++)
			has_dashdash = has_dashdash || !strcmp(argv_out[i], "--");
		if (!has_dashdash)
			argv_out[n++] = "--";
		for (int i = 0; i < nrel; i++)
			argv_out[n++] = rel[i];
	}
	argv_out[n] = NULL;
	return n;
}

int sk_cli_migrate_parse(struct sk_migrate_opts *o, int argc, char **argv, bool *stop)
{
	static char *args[256];
	bool quiet = false;
	int c, arity;

	memset(o, 0, sizeof(*o));
	o->lock_timeout_ms = 300000;
	*stop = false;
	sk_cli_init(argv[0]);
	if (argc > 250) {
		*stop = true;
		return sk_cli_usage_error("too many arguments");
	}
	argc = protect_relative_targets(argc, argv, args);
	argv = args;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":u:d:C:nqhVm:", long_options, NULL)) != -1) {
		if (sk_cli_config_option(&o->config, c, optarg))
			continue;
		switch (c) {
		case 'd':
			o->config.migrations_dir = optarg;
			break;
		case 'n':
			o->dry_run = true;
			break;
		case OPT_SINGLE_TX:
			o->single_transaction = true;
			break;
		case OPT_OUT_OF_ORDER:
			o->allow_out_of_order = true;
			break;
		case OPT_RESUME:
			o->resume = true;
			break;
		case OPT_LOCK_TIMEOUT: {
			char *end;
			o->lock_timeout_ms = strtol(optarg, &end, 10);
			if (*end || end == optarg || o->lock_timeout_ms < -1) {
				*stop = true;
				return sk_cli_usage_error(
				        "--lock-timeout takes milliseconds (or -1), not '%s'", optarg);
			}
			break;
		}
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_EXIT_CODE:
			o->exit_code = true;
			break;
		case OPT_OFFLINE:
			o->offline = true;
			break;
		case 'm':
			o->message = optarg;
			break;
		case OPT_FROM:
			o->from = optarg;
			break;
		case OPT_DATABASE:
			o->database = optarg;
			break;
		case OPT_TO:
			o->to = optarg;
			break;
		case OPT_RENAME:
			o->renames = sk_xrealloc(o->renames, (o->nrenames + 1) * sizeof(*o->renames));
			o->renames[o->nrenames++] = optarg;
			break;
		case OPT_ALLOW_DESTRUCTIVE:
			o->allow_destructive = true;
			break;
		case OPT_AUTOGENERATE:
			o->autogenerate = true;
			break;
		case 'q':
			quiet = true;
			break;
		default:
			*stop = true;
			return sk_cli_standard_option(c, usage_text, argv);
		}
	}
	if (optind >= argc) {
		*stop = true;
		return sk_cli_usage_error("no verb given");
	}
	o->verb = argv[optind++];
	if (!verb_known(o->verb)) {
		*stop = true;
		return sk_cli_usage_error("unknown verb '%s'", o->verb);
	}
	arity = verb_arity(o->verb);
	if (optind < argc && arity > 0)
		o->arg = argv[optind++];
	if (arity == 2 && !o->arg) {
		*stop = true;
		return sk_cli_usage_error("'%s' needs an argument", o->verb);
	}
	if (optind < argc) {
		*stop = true;
		return sk_cli_usage_error("unexpected argument '%s'", argv[optind]);
	}
	if (o->dry_run && strcmp(o->verb, "upgrade") && strcmp(o->verb, "up") &&
	    strcmp(o->verb, "downgrade") && strcmp(o->verb, "down") && strcmp(o->verb, "rollback")) {
		*stop = true;
		return sk_cli_usage_error("--dry-run goes with upgrade and downgrade");
	}
	if (o->resume && strcmp(o->verb, "upgrade") && strcmp(o->verb, "up")) {
		*stop = true;
		return sk_cli_usage_error("--resume goes with upgrade");
	}
	sk_cli_migrate_events(&o->events, quiet || o->json);
	return 0;
}

void sk_cli_migrate_opts_release(struct sk_migrate_opts *o)
{
	free(o->renames);
	o->renames = NULL;
	o->nrenames = 0;
}
