#ifndef SK_AUTOGEN_H
#define SK_AUTOGEN_H
/*
 * Autogenerate: the two models that `schemake-migrate diff` and `check`
 * compare, and the rename hints and destructive-change markers around them.
 *
 * Rename hints come from --rename and from comments in schema/:
 *     -- schemake:rename users.fullname=display_name
 * A generated migration marks each destructive operation with a line
 *     -- schemake:destructive drops column public.users.age
 * which `check` refuses until a reviewer changes it to
 *     -- schemake:allow-destructive drops column public.users.age
 * (or --allow-destructive is given).
 */
#include "common/buf.h"
#include "common/error.h"
#include "config/config.h"
#include "diff/diff.h"
#include "migrate/migdir.h"
#include "migrate/migrate.h"
#include "model/model.h"

struct sk_autogen {
	struct sk_rename *renames;
	char **rename_storage;
	size_t nrenames;
	size_t alloc_renames;
	size_t alloc_storage;
};

int sk_autogen_add_rename(struct sk_autogen *ag, const char *spec, struct sk_error *err);
void sk_autogen_release(struct sk_autogen *ag);

/* The migrations' head, replayed into a scratch database and read back. */
int sk_autogen_model_of_migrations(struct sk_model **out, const struct sk_config *cfg, struct sk_migdir *md,
				   struct sk_error *err);
/* The desired schema: dir's *.sql files in name order loaded into a scratch
 * database; rename annotations found there are added to ag. */
int sk_autogen_model_of_schema(struct sk_model **out, struct sk_autogen *ag, const struct sk_config *cfg,
			       const char *dir, struct sk_error *err);
/* A model read from a URL (introspection) or a snapshot file (*.json). */
int sk_autogen_model_of_spec(struct sk_model **out, const char *spec, struct sk_error *err);
/* from/to: a URL or a snapshot file, or NULL for the defaults above. */
int sk_autogen_diff(struct sk_diff *out, struct sk_autogen *ag, const struct sk_config *cfg,
		    struct sk_migdir *md, const char *from, const char *to, struct sk_error *err);
/* Lists "file:line: what" for every unacknowledged destructive marker in the
 * migrations; returns how many. */
int sk_autogen_unacknowledged(struct sk_buf *out, const struct sk_migdir *md);

#endif
