#ifndef SK_HASH_H
#define SK_HASH_H
/*
 * SHA-256 through OpenSSL, as lower-case hex. Used for migration checksums and
 * the sum file.
 */
#include <stddef.h>

#define SK_SHA256_HEX_LEN 64

struct sk_sha256 {
	void *ctx; /* EVP_MD_CTX */
};

void sk_sha256_init(struct sk_sha256 *h);
void sk_sha256_update(struct sk_sha256 *h, const void *data, size_t len);
/* Writes 64 hex digits and a NUL into out, and frees the context. */
void sk_sha256_final(struct sk_sha256 *h, char out[SK_SHA256_HEX_LEN + 1]);
void sk_sha256_hex(char out[SK_SHA256_HEX_LEN + 1], const void *data, size_t len);

#endif
