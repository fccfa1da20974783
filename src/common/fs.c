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
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t n;

	if (fd < 0)
		return sk_error_set(err, SK_ERR_IO, "cannot read '%s': %s", path, strerror(errno));
	/* read straight into the buffer, sized once for a regular file (a
	 * 61 MB snapshot was copied through a small chunk and regrown) */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		sk_buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		if (out->alloc - out->len < 2) /* room for at least one byte and the NUL */
			sk_buf_grow(out, 65536);
		n = read(fd, out->buf + out->len, out->alloc - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			out->buf[out->len] = '\0';
			close(fd);
			return sk_error_set(err, SK_ERR_IO, "cannot read '%s': %s", path, strerror(e));
		}
		if (n == 0)
			break;
		sk_buf_setlen(out, out->len + (size_t)n);
	}
	close(fd);
	return 0;
}

/* Whether path is a regular file holding exactly data, compared a block at
 * a time (a generated file can be 100 MB; no copy of it is kept). */
static bool same_content(const char *path, const void *data, size_t len)
{
	const char *p = data;
	char block[65536];
	bool same = true;
	struct stat st;
	int fd;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (same) {
		ssize_t n = read(fd, block, sizeof(block));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			same = n == 0 && len == 0;
			break;
		}
		same = (size_t)n <= len && memcmp(block, p, (size_t)n) == 0;
		p += n;
		len -= (size_t)n;
	}
	close(fd);
	return same;
}

/* All of data to fd (path names it in the error). */
static int write_all(int fd, const void *data, size_t len, const char *path, struct sk_error *err)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes data to a new temp file next to path (mode: path's, or 0644),
 * fsynced and closed; *tmp_out receives its name. */
static int write_temp(const char *path, const void *data, size_t len, char **tmp_out, struct sk_error *err)
{
	struct sk_buf tmp = SK_BUF_INIT;
	int fd, rc;
	struct stat st;
	mode_t mode = 0644;

	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	sk_buf_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		sk_buf_release(&tmp);
		return rc;
	}
	rc = write_all(fd, data, len, path, err);
	if (!rc && (fchmod(fd, mode) != 0 || fsync(fd) != 0))
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	if (rc) {
		unlink(tmp.buf);
		sk_buf_release(&tmp);
		return rc;
	}
	*tmp_out = sk_buf_detach(&tmp, NULL);
	return 0;
}

int sk_fs_write_atomic(const char *path, const void *data, size_t len, bool only_if_changed, bool *changed,
                       struct sk_error *err)
{
	struct sk_fs_batch batch = SK_FS_BATCH_INIT;
	int rc = sk_fs_batch_add(&batch, path, data, len, only_if_changed, changed, err);

	if (rc == 0)
		rc = sk_fs_batch_commit(&batch, err);
	sk_fs_batch_release(&batch);
	return rc;
}

/* Writes data into an existing file that is not a regular one (/dev/null,
 * /dev/stdout, a FIFO): renaming a temp file over it would replace the
 * device node itself (as root, /dev/null for everyone). */
static int write_in_place(const char *path, const void *data, size_t len, struct sk_error *err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	rc = write_all(fd, data, len, path, err);
	if (close(fd) != 0 && !rc)
		rc = sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	return rc;
}

int sk_fs_batch_add(struct sk_fs_batch *b, const char *path, const void *data, size_t len, bool only_if_changed,
                    bool *changed, struct sk_error *err)
{
	char *tmp = NULL, *target = NULL;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	int rc;

	if (changed)
		*changed = false;
	if (exists && S_ISDIR(st.st_mode))
		return sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", path, strerror(EISDIR));
	if (exists && !S_ISREG(st.st_mode)) {
		rc = write_in_place(path, data, len, err);
		if (rc == 0 && changed)
			*changed = true;
		return rc;
	}
	if (only_if_changed && same_content(path, data, len))
		return 0;
	/* a symbolic link stays one: its target is what gets replaced */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		target = realpath(path, NULL);
	rc = write_temp(target ? target : path, data, len, &tmp, err);
	if (rc) {
		free(target);
		return rc;
	}
	SK_ALLOC_GROW(b->files, b->nr + 1, b->alloc);
	b->files[b->nr].path = target ? target : sk_xstrdup(path);
	b->files[b->nr].tmp = tmp;
	b->files[b->nr].changed = changed;
	b->nr++;
	return 0;
}

int sk_fs_batch_commit(struct sk_fs_batch *b, struct sk_error *err)
{
	for (size_t i = 0; i < b->nr; i++) {
		struct sk_fs_staged *f = &b->files[i];

		if (!f->tmp)
			continue;
		if (rename(f->tmp, f->path) != 0)
			return sk_error_set(err, SK_ERR_IO, "cannot write '%s': %s", f->path, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		if (f->changed)
			*f->changed = true;
	}
	return 0;
}

void sk_fs_batch_release(struct sk_fs_batch *b)
{
	for (size_t i = 0; i < b->nr; i++) {
		if (b->files[i].tmp)
			unlink(b->files[i].tmp);
		free(b->files[i].tmp);
		free(b->files[i].path);
	}
	free(b->files);
	*b = (struct sk_fs_batch)SK_FS_BATCH_INIT;
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
