#ifndef SK_ERROR_H
#define SK_ERROR_H
/*
 * Error values. A fallible call returns 0 on success or a negative value
 * (-code) on failure and fills a caller-owned struct sk_error: a primary
 * message, optional detail and hint (PostgreSQL's split) and an optional
 * source location. No global error state.
 *
 * Messages are lower case, without a full stop, and name the failing thing in
 * quotes. They never contain a password: callers pass masked URLs only.
 */
#include <stdarg.h>
#include <stddef.h>

enum sk_errcode {
#define SK_ERRCODE(name, status, desc) SK_ERR_##name,
#include "common/errcodes.def"
#undef SK_ERRCODE
	SK_ERR__COUNT
};

#define SK_ERROR_MSG_MAX 1024
#define SK_ERROR_PATH_MAX 1024

struct sk_error {
	enum sk_errcode code;
	char message[SK_ERROR_MSG_MAX];
	char detail[SK_ERROR_MSG_MAX];
	char hint[SK_ERROR_MSG_MAX];
	char file[SK_ERROR_PATH_MAX]; /* empty when there is no location */
	unsigned line;                /* 0 when unknown */
	unsigned col;                 /* 0 when unknown */
};

#define SK_ERROR_INIT                                                                                        \
	{                                                                                                    \
		SK_ERR_OK, "", "", "", "", 0, 0                                                              \
	}

void sk_error_init(struct sk_error *err);

/* Sets code and message (printf format); clears detail, hint and location.
 * Returns -code so callers can write `return sk_error_set(...)`. A NULL err
 * is allowed and only yields the return value. */
int sk_error_set(struct sk_error *err, enum sk_errcode code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
int sk_error_vset(struct sk_error *err, enum sk_errcode code, const char *fmt, va_list ap)
        __attribute__((format(printf, 3, 0)));
void sk_error_detail(struct sk_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_error_hint(struct sk_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_error_locate(struct sk_error *err, const char *file, unsigned line, unsigned col);
/* Prefixes the message with "context: " (like git's "error: ...: ..."). */
void sk_error_prefix(struct sk_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int sk_errcode_exit_status(enum sk_errcode code);
const char *sk_errcode_name(enum sk_errcode code);
const char *sk_errcode_description(enum sk_errcode code);

#endif
