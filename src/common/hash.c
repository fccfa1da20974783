/*
 * hash.c: SHA-256 hex digests via OpenSSL's EVP interface. Hashing is not our
 * core, so we do not carry our own implementation.
 */
#include "common/hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/banned.h"

/* With EVP_sha256() every EVP_DigestInit_ex looks the implementation up
 * again (OpenSSL 3's implicit fetch): a third of the cost of hashing a
 * migration file. Fetched once instead, and kept for the process. */
static const EVP_MD *sha256_md(void)
{
	static EVP_MD *md;

	if (!md)
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
	return md ? md : EVP_sha256();
}

void sk_sha256_init(struct sk_sha256 *h)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (!ctx || EVP_DigestInit_ex(ctx, sha256_md(), NULL) != 1)
		abort(); /* only fails on out-of-memory */
	h->ctx = ctx;
}

void sk_sha256_update(struct sk_sha256 *h, const void *data, size_t len)
{
	if (len)
		EVP_DigestUpdate((EVP_MD_CTX *)h->ctx, data, len);
}

void sk_sha256_final(struct sk_sha256 *h, char out[SK_SHA256_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_DigestFinal_ex((EVP_MD_CTX *)h->ctx, md, &n);
	EVP_MD_CTX_free((EVP_MD_CTX *)h->ctx);
	h->ctx = NULL;
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[SK_SHA256_HEX_LEN] = '\0';
}

void sk_sha256_hex(char out[SK_SHA256_HEX_LEN + 1], const void *data, size_t len)
{
	struct sk_sha256 h;

	sk_sha256_init(&h);
	sk_sha256_update(&h, data, len);
	sk_sha256_final(&h, out);
}
