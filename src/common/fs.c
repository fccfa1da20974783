/*
 * fs.c: the file-system operations every tool shares. Atomic writes are the
 * promise "no truncated output file": data goes to a temp file next to the
 * target and is renamed over it only once complete.
 */
#include "common/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/banned.h"

int sk_fs_read_file(struct sk_buf *out, const char *path, struct sk_error *err)
{
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return sk_error_set(err, SK_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return sk_error_set(err, SK_ERR_IO, "cannot read '%s': %s", path, strerror(e));
		}
		if (n == 0)
			break;
		sk_buf_add(out, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

static bool same_content(const char *path, const void *data, size_t len)
{
	struct sk_buf cur = SK_BUF_INIT;
	bool same = false;
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	if (sk_fs_read_file(&cur, path, NULL) == 0)
		same = cur.len == len && memcmp(cur.buf, data, len) == 0;
	sk_buf_release(&cur);
	return same;
}

int sk_fs_write_atomic(const char *path, const void *data, size_t len, bool only_if_changed, bool *changed,
                       struct sk_error *err)
{
	struct sk_buf tmp = SK_BUF_INIT;
	const char *p = data;
	size_t left = len;
	int fd = -1, rc = 0;
	struct stat st;
	mode_t mode = 0644;

	if (changed)
		*changed = false;
	if (only_if_changed && same_content(path, data, len))
		return 0;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;

	sk_buf_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
			goto done;
		}
		p += n;
		left -= (size_t)n;
	}
	if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp.buf, path) != 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		goto done;
	}
	if (changed)
		*changed = true;
done:
	if (fd >= 0)
		close(fd);
	if (rc && tmp.len)
		unlink(tmp.buf);
	sk_buf_release(&tmp);
	return rc;
}

bool sk_fs_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool sk_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int sk_fs_mkdirs(const char *path, unsigned mode, struct sk_error *err)
{
	char *copy = sk_xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
				rc = sk_error_set(err, SK_ERR_IO, "cannot create directory '%s': %s", copy,
				                  strerror(errno));
				break;
			}
			*p = saved;
			if (!saved)
				break;
		}
	}
	free(copy);
	if (!rc && !sk_fs_is_dir(path))
		rc = sk_error_set(err, SK_ERR_IO, "'%s' exists and is not a directory", path);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sk_fs_list_dir(struct sk_fs_names *out, const char *dir, struct sk_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return sk_error_set(err, SK_ERR_IO, "cannot open directory '%s': %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		SK_ALLOC_GROW(out->names, out->nr + 1, out->alloc);
		out->names[out->nr++] = sk_xstrdup(de->d_name);
	}
	closedir(d);
	if (out->nr > 1) /* qsort(NULL, 0, ...) is undefined behaviour */
		qsort(out->names, out->nr, sizeof(*out->names), cmp_names);
	return 0;
}

void sk_fs_names_release(struct sk_fs_names *names)
{
	for (size_t i = 0; i < names->nr; i++)
		free(names->names[i]);
	free(names->names);
	names->names = NULL;
	names->nr = names->alloc = 0;
}

char *sk_fs_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);

	if (name[0] == '/' || dl == 0)
		return sk_xstrdup(name);
	if (dir[dl - 1] == '/')
		return sk_xstrfmt("%s%s", dir, name);
	return sk_xstrfmt("%s/%s", dir, name);
}
