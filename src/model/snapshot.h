#ifndef SK_SNAPSHOT_H
#define SK_SNAPSHOT_H
/*
 * The JSON snapshot of a model: a documented, versioned format
 * (docs/SNAPSHOT.md) that round-trips exactly: model -> JSON -> model gives
 * a model whose SQL dump and JSON are byte-identical to the original's.
 * Output is deterministic: keys in a fixed order, two-space indentation,
 * LF, one trailing newline.
 */
#include <stddef.h>

#include "common/buf.h"
#include "common/error.h"
#include "model/model.h"

#define SK_SNAPSHOT_FORMAT "schemake-snapshot"
#define SK_SNAPSHOT_VERSION 1

void sk_snapshot_write(struct sk_buf *out, const struct sk_model *m);
/* SK_ERR_INPUT for malformed JSON (path:line:col when json-c tells), a
 * wrong format name or an unsupported version (naming both versions), or a
 * missing required field (naming it). */
int sk_snapshot_read(struct sk_model **out, const char *path, const char *text, size_t len,
		     struct sk_error *err);

#endif
