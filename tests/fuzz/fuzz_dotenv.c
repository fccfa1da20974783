/* libFuzzer target: .env parsing. */
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned line;
	char *v = sk_dotenv_lookup((const char *)data, size, "DATABASE_URL", &line);

	/* a reported line is a line of the input */
	if (line > size + 1)
		abort();
	free(v);
	v = sk_dotenv_lookup((const char *)data, size, "A", NULL);
	free(v);
	return 0;
}
