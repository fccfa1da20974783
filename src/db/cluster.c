/*
 * cluster.c: the private development PostgreSQL server under
 * <project>/.schemake/pg (cluster.h). Finds the server programs, runs initdb
 * and pg_ctl (as an unprivileged user when we are root), keeps their output
 * off the terminal (it goes into the error's detail and the server log), and
 * creates the project's database.
 *
 * Processes are started with fork + execv, never through a shell of ours
 * (pg_ctl itself starts the server through /bin/sh, so paths it cannot quote
 * are refused up front). What a session does with the server is db/pg.c's
 * business.
 */
#include "db/cluster.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "common/buf.h"
#include "common/fs.h"
#include "common/hash.h"
#include "db/db.h"

#include "common/banned.h"

#define CLUSTER_PORT "5432"
#define SOCKET_NAME "/.s.PGSQL." CLUSTER_PORT
/* sun_path holds 108 bytes with the terminating NUL */
#define SOCKET_PATH_MAX 107
#define START_TIMEOUT "60"
#define DETAIL_LINES 12

extern char **environ;

/* Who runs initdb, pg_ctl and the server. */
struct runas {
	bool switch_user; /* we are root: become uid/gid in the child */
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
	char *name;
};

static void runas_release(struct runas *ra)
{
	free(ra->groups);
	free(ra->name);
	memset(ra, 0, sizeof(*ra));
}

/* ---- paths ---- */

static char *absolute_path(const char *path)
{
	struct sk_buf sb = SK_BUF_INIT;
	char cwd[PATH_MAX];

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		sk_buf_adds(&sb, cwd);
		if (strcmp(path, ".") && strcmp(path, "./")) {
			if (sb.len > 1)
				sk_buf_addch(&sb, '/');
			sk_buf_adds(&sb, path[0] == '.' && path[1] == '/' ? path + 2 : path);
		}
	} else {
		sk_buf_adds(&sb, path);
	}
	while (sb.len > 1 && sb.buf[sb.len - 1] == '/')
		sk_buf_setlen(&sb, sb.len - 1);
	return sk_buf_detach(&sb, NULL);
}

static char *socket_dir(const char *root)
{
	char hex[SK_SHA256_HEX_LEN + 1];
	char *run = sk_fs_join(root, "run");

	if (strlen(run) + strlen(SOCKET_NAME) <= SOCKET_PATH_MAX)
		return run;
	free(run);
	sk_sha256_hex(hex, root, strlen(root));
	return sk_xstrfmt("/tmp/schemake-%.12s", hex);
}

static void set_paths(struct sk_cluster *c)
{
	free(c->datadir);
	free(c->logfile);
	free(c->sockdir);
	c->datadir = sk_fs_join(c->root, "data");
	c->logfile = sk_fs_join(c->root, "log");
	c->sockdir = socket_dir(c->root);
}

void sk_cluster_init(struct sk_cluster *c, const char *project_dir)
{
	const char *override = getenv("SCHEMAKE_CLUSTER_DIR");
	const char *db = getenv("SCHEMAKE_CLUSTER_DB");

	memset(c, 0, sizeof(*c));
	if (override && *override) {
		c->root = absolute_path(override);
	} else {
		char *project = absolute_path(project_dir && *project_dir ? project_dir : ".");
		c->root = sk_xstrfmt("%s%s.schemake/pg", project, strcmp(project, "/") ? "/" : "");
		free(project);
	}
	{
		/* .schemake/pg may be a link to where the cluster really lives
		 * (see relocate()); the server needs the real path. */
		char *real = realpath(c->root, NULL);
		if (real) {
			free(c->root);
			c->root = real;
		}
	}
	set_paths(c);
	c->bindir = NULL;
	c->dbname = sk_xstrdup(db && *db ? db : "schemake");
	c->user = sk_xstrdup("postgres");
}

void sk_cluster_release(struct sk_cluster *c)
{
	if (!c)
		return;
	free(c->root);
	free(c->datadir);
	free(c->sockdir);
	free(c->logfile);
	free(c->bindir);
	free(c->dbname);
	free(c->user);
	memset(c, 0, sizeof(*c));
}

static bool is_initialised(const struct sk_cluster *c)
{
	char *v = sk_fs_join(c->datadir, "PG_VERSION");
	bool ok = sk_fs_exists(v);

	free(v);
	return ok;
}

/* ---- text helpers ---- */

/* The last n lines of text, at most max bytes, without trailing blank. */
static void tail_lines(struct sk_buf *out, const char *text, size_t len, int n, size_t max)
{
	size_t end = len, start;

	while (end && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
		end--;
	start = end;
	while (start && n > 0) {
		start--;
		if (text[start] == '\n' && --n == 0) {
			start++;
			break;
		}
	}
	if (end - start > max) {
		/* whole lines only */
		const char *nl = memchr(text + end - max, '\n', max);
		start = nl ? (size_t)(nl - text) + 1 : end - max;
	}
	sk_buf_add(out, text + start, end - start);
}

static void detail_from_output(struct sk_error *err, const struct sk_buf *output)
{
	struct sk_buf sb = SK_BUF_INIT;

	tail_lines(&sb, output->buf, output->len, DETAIL_LINES, SK_ERROR_MSG_MAX - 64);
	if (sb.len)
		sk_error_detail(err, "%s", sb.buf);
	sk_buf_release(&sb);
}

/* The detail of a failed start: what the server logged after offset `from`
 * (this attempt), else what pg_ctl said. */
static void detail_from_log(struct sk_error *err, const struct sk_cluster *c, off_t from,
                            const struct sk_buf *output)
{
	struct sk_buf log = SK_BUF_INIT, fresh = SK_BUF_INIT;

	if (sk_fs_read_file(&log, c->logfile, NULL) == 0 && (size_t)from < log.len)
		sk_buf_add(&fresh, log.buf + from, log.len - (size_t)from);
	detail_from_output(err, fresh.len ? &fresh : output);
	sk_buf_release(&log);
	sk_buf_release(&fresh);
}

static off_t log_size(const struct sk_cluster *c)
{
	struct stat st;

	return stat(c->logfile, &st) == 0 ? st.st_size : 0;
}

/* Single-quotes s for /bin/sh (pg_ctl passes -o through a shell). */
static void shell_quote(struct sk_buf *out, const char *s)
{
	sk_buf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sk_buf_adds(out, "'\\''");
		else
			sk_buf_addch(out, *s);
	}
	sk_buf_addch(out, '\'');
}

/* ---- running programs ---- */

static void close_fds_from(int lowfd)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	closefrom(lowfd);
#else
	for (int fd = lowfd; fd < 1024; fd++)
		close(fd);
#endif
}

static void child_fail(const char *what)
{
	/* async-signal-safe: the parent reads this from the pipe */
	if (write(2, what, strlen(what)) < 0)
		_exit(127);
	_exit(127);
}

/* In the child: become the cluster user. Returns false when that failed or
 * root could be regained. */
static bool child_become(const struct runas *ra)
{
	if (!ra || !ra->switch_user)
		return true;
	if (setgroups((size_t)ra->ngroups, ra->groups) != 0 || setgid(ra->gid) != 0 || setuid(ra->uid) != 0)
		return false;
	return setuid(0) != 0;
}

/*
 * Runs argv[0] (an absolute path) with argv, as ra, in directory cwd, with
 * stdin from /dev/null and stdout+stderr collected into output. *status is
 * the exit status, or -1 when the program did not exit normally.
 */
static int run(const struct runas *ra, const char *cwd, char *const argv[], struct sk_buf *output,
               int *status, struct sk_error *err)
{
	int pipefd[2], wstatus = 0;
	char chunk[4096];
	pid_t pid;
	ssize_t n;

	*status = -1;
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return sk_error_set(err, SK_ERR_IO, "cannot create a pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		int e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return sk_error_set(err, SK_ERR_IO, "cannot start '%s': %s", argv[0], strerror(e));
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(pipefd[1], 1) < 0 || dup2(pipefd[1], 2) < 0)
			_exit(127);
		close_fds_from(3);
		if (!child_become(ra))
			child_fail("schemake: cannot switch to the cluster user\n");
		/* initdb and pg_ctl look up their own directory and fail when
		 * the working directory is not readable by them */
		if (!cwd || chdir(cwd) != 0)
			if (chdir("/") != 0)
				_exit(127);
		execve(argv[0], argv, environ);
		child_fail("schemake: cannot execute the program\n");
	}
	close(pipefd[1]);
	for (;;) {
		n = read(pipefd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sk_buf_add(output, chunk, (size_t)n);
	}
	close(pipefd[0]);
	while (waitpid(pid, &wstatus, 0) < 0) {
		if (errno != EINTR)
			return sk_error_set(err, SK_ERR_IO, "cannot wait for '%s': %s", argv[0],
			                    strerror(errno));
	}
	if (WIFEXITED(wstatus))
		*status = WEXITSTATUS(wstatus);
	return 0;
}

/* Whether ra can read, write and search path (a forked child checks with
 * the user's own credentials). */
static bool user_can_reach(const struct runas *ra, const char *path)
{
	int wstatus = 0;
	pid_t pid;

	if (!ra->switch_user)
		return access(path, R_OK | W_OK | X_OK) == 0;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (!child_become(ra))
			_exit(1);
		_exit(access(path, R_OK | W_OK | X_OK) == 0 ? 0 : 1);
	}
	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

/* ---- finding the server programs ---- */

static bool is_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* dir holds pg_ctl, initdb and postgres: its real path, else NULL. */
static char *server_bindir(const char *dir)
{
	char *pg_ctl = sk_fs_join(dir, "pg_ctl");
	char *real = NULL, *res = NULL;

	if (is_executable(pg_ctl))
		real = realpath(pg_ctl, NULL);
	free(pg_ctl);
	if (!real)
		return NULL;
	/* /usr/local/bin/pg_ctl may be a symbolic link into the real bin
	 * directory, where initdb and postgres live too. */
	char *slash = strrchr(real, '/');
	*slash = '\0';
	char *initdb = sk_fs_join(slash == real ? "/" : real, "initdb");
	char *postgres = sk_fs_join(slash == real ? "/" : real, "postgres");
	if (is_executable(initdb) && is_executable(postgres))
		res = sk_xstrdup(slash == real ? "/" : real);
	free(initdb);
	free(postgres);
	free(real);
	return res;
}

static char *search_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *res = NULL;

	if (!path)
		return NULL;
	for (const char *p = path; !res;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		char *dir = len ? sk_xstrndup(p, len) : sk_xstrdup(".");
		char *cand = sk_fs_join(dir, prog);
		if (dir[0] == '/' && is_executable(cand))
			res = sk_xstrdup(dir);
		free(cand);
		free(dir);
		if (!colon)
			break;
		p = colon + 1;
	}
	return res;
}

static char *bindir_from_pg_config(void)
{
	char *dir = search_path("pg_config");
	struct sk_buf out = SK_BUF_INIT;
	char *res = NULL;
	int status;

	if (!dir)
		return NULL;
	char *prog = sk_fs_join(dir, "pg_config");
	char *argv[] = {prog, "--bindir", NULL};
	if (run(NULL, NULL, argv, &out, &status, NULL) == 0 && status == 0) {
		sk_buf_rtrim(&out);
		if (out.len && !strchr(out.buf, '\n'))
			res = server_bindir(out.buf);
	}
	sk_buf_release(&out);
	free(prog);
	free(dir);
	return res;
}

static char *bindir_from_debian(void)
{
	DIR *d = opendir("/usr/lib/postgresql");
	struct dirent *de;
	long best = -1;
	char *res = NULL;

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char *end;
		long v = strtol(de->d_name, &end, 10);
		if (end == de->d_name || *end || v <= best)
			continue;
		char *bin = sk_xstrfmt("/usr/lib/postgresql/%s/bin", de->d_name);
		char *found = server_bindir(bin);
		free(bin);
		if (found) {
			free(res);
			res = found;
			best = v;
		}
	}
	closedir(d);
	return res;
}

static int find_bindir(struct sk_cluster *c, struct sk_error *err)
{
	char *dir;

	if (c->bindir)
		return 0;
	dir = search_path("pg_ctl");
	if (dir) {
		c->bindir = server_bindir(dir);
		free(dir);
	}
	if (!c->bindir)
		c->bindir = bindir_from_pg_config();
	if (!c->bindir)
		c->bindir = bindir_from_debian();
	if (c->bindir)
		return 0;
	int rc = sk_error_set(err, SK_ERR_CONFIG,
	                      "cannot find the PostgreSQL server programs (pg_ctl, initdb)");
	sk_error_hint(err, "install the PostgreSQL server package, put its bin directory on PATH, "
	                   "or configure a database URL");
	return rc;
}

/* ---- the cluster user ---- */

static int fill_runas(struct runas *ra, const struct passwd *pw, struct sk_error *err)
{
	int n = 32;

	ra->uid = pw->pw_uid;
	ra->gid = pw->pw_gid;
	ra->name = sk_xstrdup(pw->pw_name);
	for (;;) {
		int want = n;
		ra->groups = sk_xrealloc(ra->groups, (size_t)n * sizeof(gid_t));
		if (getgrouplist(pw->pw_name, pw->pw_gid, ra->groups, &n) >= 0) {
			ra->ngroups = n;
			break;
		}
		if (n <= want)
			n = want * 2;
	}
	if (ra->uid == 0) {
		int rc = sk_error_set(err, SK_ERR_CONFIG, "the PostgreSQL server cannot run as root");
		sk_error_hint(err, "set SCHEMAKE_CLUSTER_USER to an unprivileged user");
		return rc;
	}
	return 0;
}

/*
 * As root, the server runs as the owner of an existing data directory, else
 * as SCHEMAKE_CLUSTER_USER (default "postgres"). Otherwise as ourselves.
 */
static int resolve_runas(const struct sk_cluster *c, struct runas *ra, struct sk_error *err)
{
	const char *name = getenv("SCHEMAKE_CLUSTER_USER");
	struct passwd *pw = NULL;
	struct stat st;

	memset(ra, 0, sizeof(*ra));
	if (geteuid() != 0) {
		ra->uid = geteuid();
		ra->gid = getegid();
		pw = getpwuid(ra->uid);
		ra->name = pw ? sk_xstrdup(pw->pw_name) : sk_xstrfmt("uid %ld", (long)ra->uid);
		return 0;
	}
	ra->switch_user = true;
	if (stat(c->datadir, &st) == 0 && st.st_uid != 0)
		pw = getpwuid(st.st_uid);
	if (!pw) {
		if (!name || !*name)
			name = "postgres";
		pw = getpwnam(name);
		if (!pw) {
			int rc = sk_error_set(err, SK_ERR_CONFIG, "the cluster user '%s' does not exist",
			                      name);
			sk_error_hint(err, "as root, the development server runs as SCHEMAKE_CLUSTER_USER "
			                   "(default \"postgres\"); set it to an existing unprivileged user");
			return rc;
		}
	}
	return fill_runas(ra, pw, err);
}

/* ---- directories and the lock ---- */

static int chown_to(const struct runas *ra, const char *path, struct sk_error *err)
{
	if (!ra->switch_user)
		return 0;
	if (lchown(path, ra->uid, ra->gid) != 0)
		return sk_error_set(err, SK_ERR_IO, "cannot give '%s' to user '%s': %s", path, ra->name,
		                    strerror(errno));
	return 0;
}

static int make_private_dir(const struct runas *ra, const char *path, struct sk_error *err)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return sk_error_set(err, SK_ERR_IO, "cannot create directory '%s': %s", path,
		                    strerror(errno));
	return chown_to(ra, path, err);
}

/* The socket directory under /tmp: ours if we create it, else it must be a
 * real directory of the cluster user that nobody else can write to. */
static int make_tmp_sockdir(const struct runas *ra, const char *path, struct sk_error *err)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return chown_to(ra, path, err);
	if (errno != EEXIST)
		return sk_error_set(err, SK_ERR_IO, "cannot create directory '%s': %s", path,
		                    strerror(errno));
	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ra->uid || (st.st_mode & 022)) {
		int rc = sk_error_set(err, SK_ERR_CONFIG,
		                      "'%s' is not a private directory of the cluster user", path);
		sk_error_hint(err, "remove it, or set SCHEMAKE_CLUSTER_DIR to a shorter path");
		return rc;
	}
	return 0;
}

static int check_path_chars(const struct sk_cluster *c, struct sk_error *err)
{
	/* pg_ctl pastes the data directory and log file into a /bin/sh
	 * command line between double quotes. */
	if (strpbrk(c->root, "\"$`\\\n")) {
		int rc = sk_error_set(err, SK_ERR_CONFIG,
		                      "the cluster directory '%s' contains characters pg_ctl "
		                      "cannot handle",
		                      c->root);
		sk_error_hint(err, "set SCHEMAKE_CLUSTER_DIR to a plain path");
		return rc;
	}
	return 0;
}

/* As root, the cluster user may not be able to reach the project (a clone
 * under /root, say). Then the cluster lives under /var/tmp instead, named
 * after the project's path, and .schemake/pg becomes a link to it, so it
 * is still found from the project. */
static int relocate(struct sk_cluster *c, const struct runas *ra, struct sk_error *err)
{
	char hex[SK_SHA256_HEX_LEN + 1];
	char *where;
	int rc;

	sk_sha256_hex(hex, c->root, strlen(c->root));
	where = sk_xstrfmt("/var/tmp/schemake-cluster-%.12s", hex);
	rc = make_private_dir(ra, where, err);
	if (rc) {
		free(where);
		return rc;
	}
	if (rmdir(c->root) != 0 || symlink(where, c->root) != 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot link '%s' to '%s': %s", c->root, where, strerror(errno));
		free(where);
		return rc;
	}
	free(c->root);
	c->root = where;
	set_paths(c);
	return 0;
}

static int prepare_dirs(struct sk_cluster *c, const struct runas *ra, struct sk_error *err)
{
	char *parent = sk_xstrdup(c->root);
	char *slash = strrchr(parent, '/');
	int rc;

	if (slash && slash != parent) {
		*slash = '\0';
		rc = sk_fs_mkdirs(parent, 0755, err);
		if (rc)
			goto done;
	}
	rc = make_private_dir(ra, c->root, err);
	if (rc)
		goto done;
	if (!user_can_reach(ra, c->root) && !getenv("SCHEMAKE_CLUSTER_DIR")) {
		rc = relocate(c, ra, err);
		if (rc)
			goto done;
	}
	if (!user_can_reach(ra, c->root)) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "the cluster user '%s' cannot reach '%s'",
		                  ra->name ? ra->name : "?", c->root);
		sk_error_hint(err, "set SCHEMAKE_CLUSTER_DIR to a directory that user can reach "
		                   "(for example under /var/tmp)");
		goto done;
	}
	char *run_dir = sk_fs_join(c->root, "run");
	if (!strcmp(c->sockdir, run_dir))
		rc = make_private_dir(ra, c->sockdir, err);
	else
		rc = make_tmp_sockdir(ra, c->sockdir, err);
	free(run_dir);
	if (rc)
		goto done;
	/* pg_ctl opens the log as the cluster user. */
	int fd = open(c->logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", c->logfile, strerror(errno));
		goto done;
	}
	if (ra->switch_user && fchown(fd, ra->uid, ra->gid) != 0)
		rc = sk_error_set(err, SK_ERR_IO, "cannot give '%s' to user '%s': %s", c->logfile, ra->name,
		                  strerror(errno));
	close(fd);
done:
	free(parent);
	return rc;
}

/* Serialises initdb/start/stop between processes: an flock on <root>/lock,
 * released by closing the returned descriptor. */
static int take_lock(const struct sk_cluster *c, const struct runas *ra, int *fd_out, struct sk_error *err)
{
	char *path = sk_fs_join(c->root, "lock");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	int rc = 0;

	*fd_out = -1;
	if (fd < 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
		goto done;
	}
	if (ra->switch_user && fchown(fd, ra->uid, ra->gid) != 0) {
		/* only matters to a later run as that user */
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			rc = sk_error_set(err, SK_ERR_IO, "cannot lock '%s': %s", path, strerror(errno));
			close(fd);
			goto done;
		}
	}
	*fd_out = fd;
done:
	free(path);
	return rc;
}

static void release_lock(int fd)
{
	if (fd >= 0)
		close(fd);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT ? 0 : -1;
}

static int remove_tree(const char *path, struct sk_error *err)
{
	if (!sk_fs_exists(path))
		return 0;
	if (nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return sk_error_set(err, SK_ERR_IO, "cannot remove '%s': %s", path, strerror(errno));
	return 0;
}

/* ---- initdb, pg_ctl ---- */

static char *prog_path(const struct sk_cluster *c, const char *prog)
{
	return sk_fs_join(c->bindir, prog);
}

static void append_log(const struct sk_cluster *c, const struct sk_buf *text)
{
	int fd;

	if (!text->len)
		return;
	fd = open(c->logfile, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	if (write(fd, text->buf, text->len) < 0) {
		/* the log is a convenience; the error carries the output */
	}
	close(fd);
}

static int do_initdb(const struct sk_cluster *c, const struct runas *ra, struct sk_error *err)
{
	char *tmp = sk_xstrfmt("%s.new", c->datadir);
	char *initdb = prog_path(c, "initdb");
	char *argv[] = {initdb,  "-D", tmp,    "-U",          c->user,     "-A",
	                "trust", "-E", "UTF8", "--no-locale", "--no-sync", NULL};
	struct sk_buf out = SK_BUF_INIT, conf = SK_BUF_INIT;
	char *conf_path = NULL;
	int rc, status;

	if (sk_fs_exists(c->datadir)) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "'%s' exists but is not a PostgreSQL data directory",
		                  c->datadir);
		sk_error_hint(err, "remove it to let schemake create a new development cluster");
		goto done;
	}
	rc = remove_tree(tmp, err);
	if (rc)
		goto done;
	rc = run(ra, c->root, argv, &out, &status, err);
	if (rc)
		goto done;
	append_log(c, &out);
	if (status != 0) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "initdb failed for '%s'", c->datadir);
		detail_from_output(err, &out);
		goto done;
	}
	/* Unix socket only, in our directory; pg_ctl start passes the same
	 * settings on its command line, this is for a hand-started server. */
	sk_buf_adds(&conf, "\n# schemake: a private development server, reachable on its unix socket only\n"
	                   "listen_addresses = ''\n"
	                   "port = " CLUSTER_PORT "\n"
	                   "unix_socket_directories = '");
	for (const char *p = c->sockdir; *p; p++) {
		if (*p == '\'')
			sk_buf_addch(&conf, '\'');
		sk_buf_addch(&conf, *p);
	}
	sk_buf_adds(&conf, "'\n");
	conf_path = sk_fs_join(tmp, "postgresql.conf");
	int fd = open(conf_path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || write(fd, conf.buf, conf.len) != (ssize_t)conf.len) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", conf_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	close(fd);
	if (rename(tmp, c->datadir) != 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot rename '%s' to '%s': %s", tmp, c->datadir,
		                  strerror(errno));
		goto done;
	}
done:
	sk_buf_release(&out);
	sk_buf_release(&conf);
	free(conf_path);
	free(initdb);
	free(tmp);
	return rc;
}

/* Runs pg_ctl with args after "-D <data>"; *status is its exit status. */
static int pg_ctl(const struct sk_cluster *c, const struct runas *ra, const char *const *args,
                  struct sk_buf *out, int *status, struct sk_error *err)
{
	const char *argv[16];
	char *prog = prog_path(c, "pg_ctl");
	size_t n = 0;
	int rc;

	argv[n++] = prog;
	argv[n++] = "-D";
	argv[n++] = c->datadir;
	for (; *args && n < 15; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	rc = run(ra, c->root, (char *const *)argv, out, status, err);
	free(prog);
	return rc;
}

static PGPing ping(const struct sk_cluster *c)
{
	const char *kw[] = {"host", "port", "user", "dbname", "connect_timeout", NULL};
	const char *val[] = {c->sockdir, CLUSTER_PORT, c->user, "postgres", "5", NULL};

	return PQpingParams(kw, val, 0);
}

static bool answers(const struct sk_cluster *c)
{
	return ping(c) == PQPING_OK;
}

/* Starts (or, with "restart", restarts) the server and waits until it
 * accepts connections. */
static int start_server(const struct sk_cluster *c, const struct runas *ra, const char *verb,
                        struct sk_error *err)
{
	struct sk_buf opts = SK_BUF_INIT, out = SK_BUF_INIT;
	const char *args[] = {"-l",   c->logfile, "-w", "-t", START_TIMEOUT, "-m",
	                      "fast", "-o",       NULL, verb, NULL};
	off_t log_from;
	int rc, status;

	/* -h '': no TCP at all; -k: the socket directory, which may have
	 * moved with the project since initdb. */
	sk_buf_adds(&opts, "-h '' -p " CLUSTER_PORT " -k ");
	shell_quote(&opts, c->sockdir);
	args[8] = opts.buf;
	log_from = log_size(c);
	rc = pg_ctl(c, ra, args, &out, &status, err);
	if (rc)
		goto done;
	if (status != 0 || !answers(c)) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "cannot start the development database server in '%s'",
		                  c->datadir);
		detail_from_log(err, c, log_from, &out);
		sk_error_hint(err, "see the server log '%s'", c->logfile);
	}
done:
	sk_buf_release(&opts);
	sk_buf_release(&out);
	return rc;
}

static int ensure_started(const struct sk_cluster *c, const struct runas *ra, struct sk_error *err)
{
	const char *status_args[] = {"status", NULL};
	struct sk_buf out = SK_BUF_INIT;
	int rc, status;

	rc = pg_ctl(c, ra, status_args, &out, &status, err);
	sk_buf_release(&out);
	if (rc)
		return rc;
	if (status != 0)
		return start_server(c, ra, "start", err);
	/* A server is running on the data directory. It may still be
	 * starting up; if it never answers (its socket was removed, say from
	 * /tmp), restart it. */
	for (int i = 0; i < 20; i++) {
		if (answers(c))
			return 0;
		usleep(100 * 1000);
	}
	return start_server(c, ra, "restart", err);
}

static int ensure_database(const struct sk_cluster *c, struct sk_error *err)
{
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_rows rows = SK_ROWS_INIT;
	struct sk_buf sql = SK_BUF_INIT;
	struct sk_db *db = NULL;
	const char *params[1] = {c->dbname};
	int rc;

	if (!strcmp(c->dbname, "postgres"))
		return 0;
	sk_cluster_conninfo(c, &ci, "postgres");
	rc = sk_db_connect(&db, &ci, err);
	if (rc)
		goto done;
	rc = sk_db_query(db, &rows, "SELECT 1 FROM pg_database WHERE datname = $1", 1, params, err);
	if (rc || rows.nrows)
		goto done;
	sk_buf_adds(&sql, "CREATE DATABASE ");
	sk_db_quote_ident(&sql, SK_DIALECT_POSTGRES, c->dbname);
	rc = sk_db_exec(db, sql.buf, err);
	if (rc)
		sk_error_prefix(err, "cannot create database '%s' on the development server", c->dbname);
done:
	sk_rows_release(&rows);
	sk_buf_release(&sql);
	sk_db_free(db);
	sk_conninfo_release(&ci);
	return rc;
}

/* What start and ensure_running share: programs, user, directories, lock. */
static int setup(struct sk_cluster *c, struct runas *ra, int *lockfd, struct sk_error *err)
{
	int rc;

	*lockfd = -1;
	rc = check_path_chars(c, err);
	if (!rc)
		rc = find_bindir(c, err);
	if (!rc)
		rc = resolve_runas(c, ra, err);
	if (!rc)
		rc = prepare_dirs(c, ra, err);
	if (!rc)
		rc = take_lock(c, ra, lockfd, err);
	return rc;
}

/* initdb when needed and start, under the cluster lock; with create_db also
 * the project's database. */
static int start_locked(struct sk_cluster *c, bool create_db, struct sk_error *err)
{
	struct runas ra;
	int lockfd, rc;

	memset(&ra, 0, sizeof(ra));
	rc = setup(c, &ra, &lockfd, err);
	if (rc)
		goto done;
	if (!is_initialised(c)) {
		rc = do_initdb(c, &ra, err);
		if (rc)
			goto done;
	}
	rc = ensure_started(c, &ra, err);
	if (!rc && create_db)
		rc = ensure_database(c, err);
done:
	release_lock(lockfd);
	runas_release(&ra);
	return rc;
}

int sk_cluster_start(struct sk_cluster *c, struct sk_error *err)
{
	return start_locked(c, false, err);
}

int sk_cluster_ensure_running(struct sk_cluster *c, struct sk_error *err)
{
	return start_locked(c, true, err);
}

int sk_cluster_stop(struct sk_cluster *c, struct sk_error *err)
{
	const char *status_args[] = {"status", NULL};
	const char *stop_args[] = {"-m", "fast", "-w", "-t", START_TIMEOUT, "stop", NULL};
	struct sk_buf out = SK_BUF_INIT;
	struct runas ra;
	int lockfd = -1, rc, status;

	memset(&ra, 0, sizeof(ra));
	if (!is_initialised(c))
		return 0;
	rc = find_bindir(c, err);
	if (!rc)
		rc = resolve_runas(c, &ra, err);
	if (!rc)
		rc = take_lock(c, &ra, &lockfd, err);
	if (rc)
		goto done;
	rc = pg_ctl(c, &ra, status_args, &out, &status, err);
	if (rc || status != 0)
		goto done;
	sk_buf_reset(&out);
	rc = pg_ctl(c, &ra, stop_args, &out, &status, err);
	if (!rc && status != 0) {
		rc = sk_error_set(err, SK_ERR_CONFIG, "cannot stop the development database server in '%s'",
		                  c->datadir);
		detail_from_output(err, &out);
	}
done:
	sk_buf_release(&out);
	release_lock(lockfd);
	runas_release(&ra);
	return rc;
}

int sk_cluster_status(struct sk_cluster *c, bool *initialised, bool *running, struct sk_error *err)
{
	(void)err;
	*initialised = is_initialised(c);
	*running = *initialised && answers(c);
	return 0;
}

void sk_cluster_conninfo(const struct sk_cluster *c, struct sk_conninfo *out, const char *dbname)
{
	struct sk_conninfo blank = SK_CONNINFO_INIT;

	*out = blank;
	out->dialect = SK_DIALECT_POSTGRES;
	sk_conninfo_set(out, "host", c->sockdir);
	sk_conninfo_set(out, "port", CLUSTER_PORT);
	sk_conninfo_set(out, "user", c->user);
	sk_conninfo_set(out, "dbname", dbname ? dbname : c->dbname);
}

static void add_url_encoded(struct sk_buf *out, const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~' || (keep_slash && *p == '/')) {
			sk_buf_addch(out, *p);
		} else {
			sk_buf_addch(out, '%');
			sk_buf_addch(out, hex[*p >> 4]);
			sk_buf_addch(out, hex[*p & 15]);
		}
	}
}

char *sk_cluster_url(const struct sk_cluster *c, const char *dbname)
{
	struct sk_buf sb = SK_BUF_INIT;

	sk_buf_adds(&sb, "postgresql:///");
	add_url_encoded(&sb, dbname ? dbname : c->dbname, false);
	sk_buf_adds(&sb, "?host=");
	add_url_encoded(&sb, c->sockdir, true);
	sk_buf_adds(&sb, "&port=" CLUSTER_PORT "&user=");
	add_url_encoded(&sb, c->user, false);
	return sk_buf_detach(&sb, NULL);
}
