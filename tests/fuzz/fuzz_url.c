/* libFuzzer target: URL parsing and masking. A password written as
 * ":<secret>@" must never survive masking. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The secret's text may stand in other parts of a mutated URL too (a port
 * or database named like it); only a URL that has it once, as the password,
 * can tell a leak. */
static bool secret_once(const char *url)
{
	const char *first = strstr(url, ":ZZsecretZZ@");
	return first && !strstr(first + 1, "ZZsecretZZ") && strstr(url, "ZZsecretZZ") == first + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url = malloc(size + 1);
	struct sk_conninfo ci = SK_CONNINFO_INIT;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf masked = SK_BUF_INIT;

	memcpy(url, data, size);
	url[size] = '\0';
	if (sk_conninfo_parse(&ci, url, &err) == 0) {
		const char *pw = sk_conninfo_get(&ci, "password");
		bool elsewhere = false;
		/* The password's text may legitimately also be part of another
		 * setting (a database called like it); only the password must go. */
		for (size_t i = 0; pw && i < ci.pg_nr; i++)
			if (strcmp(ci.pg_keywords[i], "password") && strstr(ci.pg_values[i], pw))
				elsewhere = true;
		sk_conninfo_mask(&masked, &ci);
		/* Only a distinctive password can be looked for: a short one like
		 * "ql://" also matches the mask's own "postgresql://". */
		if (pw && strstr(pw, "ZZsecretZZ") && !elsewhere && strstr(masked.buf, pw))
			abort(); /* the mask shows the password */
		sk_conninfo_release(&ci);
	} else {
		if (secret_once(url) && strstr(url, "://") && strstr(err.message, "ZZsecretZZ"))
			abort(); /* an error message shows the password */
	}
	sk_buf_reset(&masked);
	sk_url_mask(&masked, url);
	if (secret_once(url) && strstr(url, "://u:ZZsecretZZ@") && strstr(masked.buf, "ZZsecretZZ"))
		abort();
	sk_buf_release(&masked);
	free(url);
	return 0;
}
