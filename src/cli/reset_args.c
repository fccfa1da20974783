/*
 * reset_args.c: schemake-reset's command line and --help, and the callbacks
 * that print the "about to destroy" notice and ask for confirmation on a
 * terminal. The rules (when to ask, what refuses) are reset.c's.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reset/reset.h"
#include "common/banned.h"

static const char usage_text[] =
        "Usage: schemake-reset [OPTIONS]\n"
        "\n"
        "Destroy the project's database and build it again: dropdb && createdb && upgrade &&\n"
        "seed, or drop-all / create-all, in one command that refuses where it could destroy\n"
        "real data.\n"
        "\n"
        "What is destroyed (default: the whole database):\n"
        "  PostgreSQL: DROP DATABASE and CREATE DATABASE through the maintenance database\n"
        "              (postgres, else template1), owned by the role that owned it before.\n"
        "  SQLite:     the file and its -wal, -shm and -journal files are deleted.\n"
        "      --objects-only       keep the database, drop every object in it in one\n"
        "                           transaction (for a database owner who may not drop the\n"
        "                           database): PostgreSQL: DROP SCHEMA ... CASCADE of each\n"
        "                           non-system schema the role owns, then public as a new\n"
        "                           database has it; SQLite: every table and view\n"
        "      --seed-only          destroy nothing: only run the seeds (in one transaction)\n"
        "\n"
        "Then:\n"
        "  -m, --migrate            apply the migrations up to head\n"
        "      --from-dump FILE     run FILE (schemake-dump or pg_dump output; psql meta-commands\n"
        "                           such as \\restrict are skipped) in one transaction, then\n"
        "                           stamp head so the database counts as migrated\n"
        "  -s, --seed               run the seed files (seeds/*.sql in name order) all in one\n"
        "                           transaction: one failing statement loads none of them\n"
        "  --migrate and --from-dump exclude each other; --seed goes with either.\n"
        "\n"
        "Safety:\n"
        "  -y, --yes                do not ask: without it, on a terminal the database's name\n"
        "                           must be typed, and with no terminal the reset is refused\n"
        "      --force              reset a protected database (schemake.ini protected = true,\n"
        "                           or SCHEMAKE_ENV=production), which is refused otherwise,\n"
        "                           --yes or not\n"
        "      --force-disconnect   PostgreSQL: terminate other sessions connected to the\n"
        "                           database (refused otherwise)\n"
        "  -n, --dry-run            check everything and say what would be done; change nothing\n"
        "\n"
        "Other options:\n" SK_CLI_CONFIG_HELP
        "  -d, --migrations-dir DIR migrations directory (default: migrations)\n"
        "      --seeds-dir DIR      seed files directory (default: seeds, or [paths] seeds)\n"
        "      --lock-timeout MS    wait at most MS milliseconds for the migration lock\n"
        "                           (default 300000; -1 waits forever)\n"
        "  -q, --quiet              no progress lines\n"
        "  -h, --help               this help\n"
        "  -V, --version            the version\n"
        "\n"
        "Before destroying anything it says on stderr what it is about to destroy: the\n"
        "database, its host and its URL (the password masked).\n"
        "\n"
        "Examples:\n"
        "  schemake-reset --migrate --seed            ask, then rebuild from migrations + seeds\n"
        "  schemake-reset --yes --migrate             in a script (just db-reset)\n"
        "  schemake-reset --objects-only --yes -m     drop-all + upgrade, keeping the database\n"
        "  schemake-reset --yes --from-dump generated/schema.sql --seed\n"
        "  schemake-reset --seed-only                 load the seeds (just db-seed)\n"
        "  schemake-reset --dry-run --migrate         what would happen\n"
        "\n";

enum {
	OPT_OBJECTS_ONLY = 256,
	OPT_SEED_ONLY,
	OPT_FROM_DUMP,
	OPT_FORCE,
	OPT_FORCE_DISCONNECT,
	OPT_SEEDS_DIR,
	OPT_LOCK_TIMEOUT,
};

static const struct option long_options[] = {
        SK_CLI_CONFIG_LONG_OPTIONS,
        {"objects-only", no_argument, NULL, OPT_OBJECTS_ONLY},
        {"seed-only", no_argument, NULL, OPT_SEED_ONLY},
        {"migrate", no_argument, NULL, 'm'},
        {"from-dump", required_argument, NULL, OPT_FROM_DUMP},
        {"seed", no_argument, NULL, 's'},
        {"yes", no_argument, NULL, 'y'},
        {"force", no_argument, NULL, OPT_FORCE},
        {"force-disconnect", no_argument, NULL, OPT_FORCE_DISCONNECT},
        {"dry-run", no_argument, NULL, 'n'},
        {"migrations-dir", required_argument, NULL, 'd'},
        {"seeds-dir", required_argument, NULL, OPT_SEEDS_DIR},
        {"lock-timeout", required_argument, NULL, OPT_LOCK_TIMEOUT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

/* --- the callbacks ----------------------------------------------------------- */

static void on_notice(void *ctx, const struct sk_reset_notice *n)
{
	const char *p = sk_cli_progname();
	const char *verb = n->dry_run ? "would" : "about to";

	(void)ctx;
	fflush(stdout);
	if (!n->exists) {
		fprintf(stderr, "%s: database '%s' does not exist yet: nothing to destroy, it is created\n",
		        p, n->database);
	} else if (n->mode == SK_RESET_OBJECTS) {
		fprintf(stderr, "%s: %s destroy every object in database '%s': %s\n", p, verb, n->database,
		        n->objects ? n->objects : "");
	} else if (n->dialect == SK_DIALECT_SQLITE) {
		fprintf(stderr, "%s: %s destroy database file '%s' (and its -wal, -shm, -journal files)\n", p,
		        verb, n->database);
	} else {
		fprintf(stderr, "%s: %s destroy database '%s': drop it and create it again (owner '%s')\n", p,
		        verb, n->database, n->owner ? n->owner : "?");
	}
	if (n->host)
		fprintf(stderr, "%s:   host %s%s%s\n", p, n->host, n->port ? ", port " : "",
		        n->port ? n->port : "");
	fprintf(stderr, "%s:   url  %s\n", p, n->url);
	if (n->sessions)
		fprintf(stderr, "%s:   %zu other %s connected to it%s\n", p, n->sessions,
		        n->sessions == 1 ? "session is" : "sessions are",
		        n->disconnect ? (n->sessions == 1 ? ": it is terminated" : ": they are terminated")
		                      : "");
}

static enum sk_reset_answer confirm(void *ctx, const struct sk_reset_notice *n)
{
	char line[512];
	size_t len;

	(void)ctx;
	if (!isatty(STDIN_FILENO))
		return SK_RESET_NO_TERMINAL;
	fprintf(stderr,
	        "Type the database's name (%s) to destroy it, anything else cancels: ", n->confirm_name);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin)) {
		fputc('\n', stderr);
		return SK_RESET_NO;
	}
	len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
		line[--len] = '\0';
	return strcmp(line, n->confirm_name) == 0 ? SK_RESET_YES : SK_RESET_NO;
}

static void on_warning(void *ctx, const char *message)
{
	(void)ctx;
	sk_cli_warn("%s", message);
}

static void on_step(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
	fflush(stdout);
}

/* --- parsing ----------------------------------------------------------------- */

int sk_cli_reset_parse(struct sk_reset_opts *o, int argc, char **argv, bool *stop)
{
	bool quiet = false, objects_only = false, seed_only = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->lock_timeout_ms = 300000;
	*stop = false;
	sk_cli_init(argv[0]);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":u:C:d:msynqhV", long_options, NULL)) != -1) {
		if (sk_cli_config_option(&o->config, c, optarg))
			continue;
		switch (c) {
		case OPT_OBJECTS_ONLY:
			objects_only = true;
			break;
		case OPT_SEED_ONLY:
			seed_only = true;
			break;
		case 'm':
			o->migrate = true;
			break;
		case OPT_FROM_DUMP:
			o->from_dump = optarg;
			break;
		case 's':
			o->seed = true;
			break;
		case 'y':
			o->yes = true;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_FORCE_DISCONNECT:
			o->force_disconnect = true;
			break;
		case 'n':
			o->dry_run = true;
			break;
		case 'd':
			o->config.migrations_dir = optarg;
			break;
		case OPT_SEEDS_DIR:
			o->seeds_dir = optarg;
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
		case 'q':
			quiet = true;
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
	if (objects_only && seed_only) {
		*stop = true;
		return sk_cli_usage_error("--objects-only and --seed-only exclude each other");
	}
	if (o->migrate && o->from_dump) {
		*stop = true;
		return sk_cli_usage_error("--migrate and --from-dump exclude each other");
	}
	if (seed_only && (o->migrate || o->from_dump)) {
		*stop = true;
		return sk_cli_usage_error("--seed-only resets nothing: it takes no %s",
		                          o->migrate ? "--migrate" : "--from-dump");
	}
	o->mode = objects_only ? SK_RESET_OBJECTS : seed_only ? SK_RESET_SEED_ONLY : SK_RESET_DATABASE;
	o->events.on_notice = on_notice;
	o->events.confirm = confirm;
	o->events.on_warning = on_warning;
	o->events.on_step = on_step;
	sk_cli_migrate_events(&o->events.migrate, quiet);
	return 0;
}
