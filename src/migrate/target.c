/*
 * target.c: turning a user's target spelling into a resolved target. It does
 * not decide what a target means for upgrade or downgrade; migrate.c does.
 */
#include "migrate/target.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "migrate/migfile.h"
#include "common/banned.h"

static bool all_digits(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

int sk_target_parse(struct sk_target *out, const char *spec, const char *const *versions, size_t nr,
                    struct sk_error *err)
{
	struct sk_buf cands = SK_BUF_INIT;
	const char *match = NULL;
	size_t nmatch = 0, plen;
	int rc = 0;

	out->kind = SK_TARGET_HEAD;
	out->steps = 0;
	out->version = NULL;
	if (!spec || !strcmp(spec, "head") || !strcmp(spec, "heads"))
		return 0;
	if (!strcmp(spec, "base"))
		return (out->kind = SK_TARGET_BASE), 0;
	if ((spec[0] == '+' || spec[0] == '-') && all_digits(spec + 1, strlen(spec + 1))) {
		char *end;
		long n = strtol(spec + 1, &end, 10);
		if (n <= 0 || n > 1000000000L)
			return sk_error_set(err, SK_ERR_USAGE, "bad relative target '%s'", spec);
		out->kind = SK_TARGET_RELATIVE;
		out->steps = spec[0] == '+' ? n : -n;
		return 0;
	}
	/* A version, a prefix of one, or a file name that starts with one. */
	plen = strspn(spec, "0123456789");
	if (plen == 0 || (spec[plen] != '\0' && spec[plen] != '_')) {
		rc = sk_error_set(err, SK_ERR_USAGE, "bad target '%s'", spec);
		sk_error_hint(err, "use head, base, +N, -N or a version (or a unique prefix of one)");
		return rc;
	}
	for (size_t i = 0; i < nr; i++) {
		if (sk_version_cmp(versions[i], spec) == 0 && spec[plen] == '\0') {
			match = versions[i];
			nmatch = 1;
			break;
		}
	}
	if (!match) {
		for (size_t i = 0; i < nr; i++) {
			if (strncmp(versions[i], spec, plen) != 0)
				continue;
			if (spec[plen] == '_' && versions[i][plen] != '\0')
				continue;
			if (match && !strcmp(match, versions[i]))
				continue;
			if (nmatch < 5)
				sk_buf_addf(&cands, "%s%s", nmatch ? ", " : "", versions[i]);
			match = versions[i];
			nmatch++;
		}
	}
	if (nmatch == 0) {
		rc = sk_error_set(err, SK_ERR_USAGE, "unknown revision '%s'", spec);
		sk_error_hint(err, "'schemake-migrate status' lists the known versions");
	} else if (nmatch > 1) {
		rc = sk_error_set(err, SK_ERR_USAGE, "ambiguous revision '%s' matches %zu versions: %s%s",
		                  spec, nmatch, cands.buf, nmatch > 5 ? ", ..." : "");
		sk_error_hint(err, "give more digits of the version");
	} else {
		out->kind = SK_TARGET_VERSION;
		out->version = sk_xstrdup(match);
	}
	sk_buf_release(&cands);
	return rc;
}

void sk_target_release(struct sk_target *t)
{
	free(t->version);
	t->version = NULL;
}
