/*
 * error.c: filling struct sk_error. Formatting only; printing belongs to the
 * CLI layer (cli/report.c).
 */
#include "common/error.h"

#include "common/buf.h"

#include <stdio.h>
#include <string.h>

#include "common/banned.h"

static const struct {
	const char *name;
	int status;
	const char *desc;
} errcodes[] = {
#define SK_ERRCODE(name, status, desc) {#name, status, desc},
#include "common/errcodes.def"
#undef SK_ERRCODE
};

void sk_error_init(struct sk_error *err)
{
	struct sk_error blank = SK_ERROR_INIT;
	*err = blank;
}

int sk_error_vset(struct sk_error *err, enum sk_errcode code, const char *fmt, va_list ap)
{
	if (err) {
		sk_error_init(err);
		err->code = code;
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
	}
	return -(int)code;
}

int sk_error_set(struct sk_error *err, enum sk_errcode code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sk_error_vset(err, code, fmt, ap);
	va_end(ap);
	return rc;
}

void sk_error_detail(struct sk_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void sk_error_hint(struct sk_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

void sk_error_locate(struct sk_error *err, const char *file, unsigned line, unsigned col)
{
	if (!err)
		return;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
}

void sk_error_prefix(struct sk_error *err, const char *fmt, ...)
{
	struct sk_buf msg = SK_BUF_INIT;
	va_list ap;
	size_t n;

	if (!err)
		return;
	va_start(ap, fmt);
	sk_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	sk_buf_addf(&msg, ": %s", err->message);
	/* Truncates like snprintf would. */
	n = msg.len < sizeof(err->message) - 1 ? msg.len : sizeof(err->message) - 1;
	memcpy(err->message, msg.buf, n);
	err->message[n] = '\0';
	sk_buf_release(&msg);
}

int sk_errcode_exit_status(enum sk_errcode code)
{
	if ((int)code < 0 || code >= SK_ERR__COUNT)
		return errcodes[SK_ERR_INTERNAL].status;
	return errcodes[code].status;
}

const char *sk_errcode_name(enum sk_errcode code)
{
	if ((int)code < 0 || code >= SK_ERR__COUNT)
		return "INTERNAL";
	return errcodes[code].name;
}

const char *sk_errcode_description(enum sk_errcode code)
{
	if ((int)code < 0 || code >= SK_ERR__COUNT)
		return "internal error";
	return errcodes[code].desc;
}
