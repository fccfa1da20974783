/*
 * frontdoor.c: `schemake TOOL ARGS...` runs schemake-TOOL, git style: first
 * the directory schemake itself is in, then PATH. `schemake --help` lists the
 * tools that are installed there.
 */
#include "cli/frontdoor.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/fs.h"
#include "common/banned.h"

static const struct {
	const char *name;
	const char *summary;
} known_tools[] = {
        {"migrate", "versioned SQL migrations: new, upgrade, downgrade, status, stamp, verify..."},
        {"dump", "deterministic schema dump (SQL or JSON) of a database or a migrations directory"},
        {"prepare-init", "turn a dump into a docker-entrypoint-initdb.d script"},
        {"codegen", "generate C, SQLAlchemy, Pydantic and diagrams from a schema snapshot"},
        {"reset", "drop and recreate a database, migrate, seed"},
};

static char *self_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return sk_xstrdup(buf);
}

static bool is_executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Finds schemake-<tool>: next to this binary, then on PATH. */
static char *find_tool(const char *tool)
{
	struct sk_buf name = SK_BUF_INIT;
	char *dir = self_dir(), *path = NULL;
	const char *envpath = getenv("PATH");

	sk_buf_addf(&name, "schemake-%s", tool);
	if (dir) {
		path = sk_fs_join(dir, name.buf);
		if (!is_executable(path)) {
			free(path);
			path = NULL;
		}
		free(dir);
	}
	while (!path && envpath && *envpath) {
		const char *colon = strchr(envpath, ':');
		size_t len = colon ? (size_t)(colon - envpath) : strlen(envpath);
		char *d = sk_xstrndup(envpath, len ? len : 1);
		if (!len)
			d[0] = '.';
		path = sk_fs_join(d, name.buf);
		free(d);
		if (!is_executable(path)) {
			free(path);
			path = NULL;
		}
		envpath = colon ? colon + 1 : NULL;
	}
	sk_buf_release(&name);
	return path;
}

static void print_help(void)
{
	printf("Usage: schemake TOOL [ARGS...]\n"
	       "       schemake --help | --version\n"
	       "\n"
	       "Runs schemake-TOOL. Installed tools:\n");
	for (size_t i = 0; i < sizeof(known_tools) / sizeof(known_tools[0]); i++) {
		char *path = find_tool(known_tools[i].name);
		if (path)
			printf("  %-13s %s\n", known_tools[i].name, known_tools[i].summary);
		free(path);
	}
	printf("\n'schemake TOOL --help' describes each one.\n\n");
	sk_cli_print_exit_codes(stdout);
}

int sk_frontdoor_main(int argc, char **argv)
{
	char *path;

	sk_cli_init("schemake");
	if (argc < 2)
		return print_help(), sk_cli_usage_error("no tool given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		print_help();
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("schemake %s\n", SK_VERSION);
		return 0;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/'))
		return sk_cli_usage_error("unknown option or tool '%s'", argv[1]);
	path = find_tool(argv[1]);
	if (!path)
		return sk_cli_usage_error("'%s' is not a schemake tool (no schemake-%s found)", argv[1],
		                          argv[1]);
	argv[1] = path;
	execv(path, argv + 1);
	{
		struct sk_error err = SK_ERROR_INIT;
		sk_error_set(&err, SK_ERR_IO, "cannot run '%s': %s", path, strerror(errno));
		sk_cli_report(&err);
	}
	free(path);
	return sk_errcode_exit_status(SK_ERR_IO);
}
