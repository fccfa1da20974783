/* libFuzzer target: .env parsing. */
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = sk_dotenv_lookup((const char *)data, size, "DATABASE_URL");
	free(v);
	v = sk_dotenv_lookup((const char *)data, size, "A");
	free(v);
	return 0;
}
