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

/* Writes data to path through a temp file and rename (a symbolic link's
 * target is replaced, the link stays; an existing file that is not a
 * regular one, such as /dev/null or a FIFO, is written in place). When `only_if_changed`
 * and the file already holds exactly these bytes, nothing is written (the
 * mtime stays, so build tools see no change); *changed tells which happened
 * (may be NULL). */
int sk_fs_write_atomic(const char *path, const void *data, size_t len, bool only_if_changed, bool *changed,
                       struct sk_error *err);

/* Several files that must change together (a dump and its JSON snapshot,
 * the files of one codegen run): each is written to its temp file first
 * (where a full disk or a read-only directory shows up), and only when all
 * of them are complete are they renamed into place, so a failure leaves
 * every target as it was. sk_fs_batch_add takes the arguments of
 * sk_fs_write_atomic (nothing is staged when only_if_changed and the file
 * holds these bytes; *changed is set at commit); sk_fs_batch_release
 * removes the temp files of a batch that was not committed. */
struct sk_fs_staged {
	char *path, *tmp;
	bool *changed;
};
struct sk_fs_batch {
	struct sk_fs_staged *files;
	size_t nr, alloc;
};
#define SK_FS_BATCH_INIT                                                                                     \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}
int sk_fs_batch_add(struct sk_fs_batch *b, const char *path, const void *data, size_t len, bool only_if_changed,
                    bool *changed, struct sk_error *err);
int sk_fs_batch_commit(struct sk_fs_batch *b, struct sk_error *err);
void sk_fs_batch_release(struct sk_fs_batch *b);

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
