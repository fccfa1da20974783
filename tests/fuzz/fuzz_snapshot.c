/* libFuzzer target: the JSON snapshot reader. Whatever it accepts must
 * round-trip: read -> write -> read -> write gives the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_model *a = NULL, *b = NULL;
	struct sk_error err = SK_ERROR_INIT;
	struct sk_buf ja = SK_BUF_INIT, jb = SK_BUF_INIT;

	if (sk_snapshot_read(&a, "fuzz.json", (const char *)data, size, &err) != 0)
		return 0;
	sk_snapshot_write(&ja, a);
	if (sk_snapshot_read(&b, "again.json", ja.buf, ja.len, &err) != 0)
		abort();
	sk_snapshot_write(&jb, b);
	if (ja.len != jb.len || memcmp(ja.buf, jb.buf, ja.len) != 0)
		abort();
	sk_model_free(a);
	sk_model_free(b);
	sk_buf_release(&ja);
	sk_buf_release(&jb);
	return 0;
}
