#ifndef SK_TARGET_H
#define SK_TARGET_H
/*
 * Migration targets as users write them: head, base, a version or a unique
 * prefix of one (a file name or <version>_<name> works too), +N and -N.
 */
#include <stddef.h>

#include "common/error.h"

enum sk_target_kind { SK_TARGET_HEAD, SK_TARGET_BASE, SK_TARGET_VERSION, SK_TARGET_RELATIVE };

struct sk_target {
	enum sk_target_kind kind;
	long steps;    /* RELATIVE: +N > 0, -N < 0 */
	char *version; /* VERSION: the full version it resolved to */
};
#define SK_TARGET_INIT                                                                                       \
	{                                                                                                    \
		SK_TARGET_HEAD, 0, NULL                                                                      \
	}

/* Resolves spec against the known versions (files and applied rows).
 * SK_ERR_USAGE for an unknown or ambiguous revision, naming the candidates. */
int sk_target_parse(struct sk_target *out, const char *spec, const char *const *versions, size_t nr,
                    struct sk_error *err);
void sk_target_release(struct sk_target *t);

#endif
