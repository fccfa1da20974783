#ifndef SK_FS_H
#define SK_FS_H
/*
 * File helpers: whole-file reads, atomic writes (temp file in the same
 * directory, fsync, rename) so a reader never sees a truncated file, and
 * directory listings in a stable order.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"

/* Reads all of `path` into out (appended). SK_ERR_IO naming the path. */
int sk_fs_read_file(struct sk_buf *out, const char *path, struct sk_error *err);

/* Writes data to path through a temp file and rename. When `only_if_changed`
 * and the file already holds exactly these bytes, nothing is written (the
 * mtime stays, so build tools see no change); *changed tells which happened
 * (may be NULL). */
int sk_fs_write_atomic(const char *path, const void *data, size_t len, bool only_if_changed, bool *changed,
                       struct sk_error *err);

bool sk_fs_exists(const char *path);
bool sk_fs_is_dir(const char *path);
/* mkdir -p with the given mode. */
int sk_fs_mkdirs(const char *path, unsigned mode, struct sk_error *err);

/* Names (not paths) of the entries of dir, sorted bytewise; hidden entries
 * (leading '.') are skipped. Free with sk_fs_names_free. */
struct sk_fs_names {
	char **names;
	size_t nr;
	size_t alloc;
};
#define SK_FS_NAMES_INIT                                                                                     \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}
int sk_fs_list_dir(struct sk_fs_names *out, const char *dir, struct sk_error *err);
void sk_fs_names_release(struct sk_fs_names *names);

/* Joins a directory and a name with one '/'; returns a new string. A name
 * that is already absolute is returned as is. */
char *sk_fs_join(const char *dir, const char *name);

#endif
