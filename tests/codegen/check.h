/*
 * check.h: the few assertions the C programs of codegen_c.sh share. Each
 * failed check prints where and what; main() returns check_summary().
 */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define CHECK_UNUSED __attribute__((unused))
#else
#define CHECK_UNUSED
#endif

static int checks_run, checks_failed;

CHECK_UNUSED static void check_fail(int line, const char *what)
{
	checks_failed++;
	fprintf(stderr, "line %d: FAILED %s\n", line, what);
}

#define CHECK(cond)                                                                                          \
	do {                                                                                                 \
		checks_run++;                                                                                \
		if (!(cond))                                                                                 \
			check_fail(__LINE__, #cond);                                                         \
	} while (0)

CHECK_UNUSED static void check_str_at(int line, const char *what, const char *got, const char *want)
{
	checks_run++;
	if ((!got && !want) || (got && want && !strcmp(got, want)))
		return;
	checks_failed++;
	fprintf(stderr, "line %d: FAILED %s: got '%s', want '%s'\n", line, what, got ? got : "(null)",
	        want ? want : "(null)");
}
#define CHECK_STR(got, want) check_str_at(__LINE__, #got, (got), (want))

CHECK_UNUSED static void check_int_at(int line, const char *what, int64_t got, int64_t want)
{
	checks_run++;
	if (got == want)
		return;
	checks_failed++;
	fprintf(stderr, "line %d: FAILED %s: got %lld, want %lld\n", line, what, (long long)got,
	        (long long)want);
}
#define CHECK_INT(got, want) check_int_at(__LINE__, #got, (int64_t)(got), (int64_t)(want))

/* the same double, bit for bit (NaN equals NaN; -0.0 is not 0.0) */
CHECK_UNUSED static void check_double_at(int line, const char *what, double got, double want)
{
	checks_run++;
	if ((isnan(got) && isnan(want)) || (got == want && signbit(got) == signbit(want)))
		return;
	checks_failed++;
	fprintf(stderr, "line %d: FAILED %s: got %.17g, want %.17g\n", line, what, got, want);
}
#define CHECK_DOUBLE(got, want) check_double_at(__LINE__, #got, (got), (want))

CHECK_UNUSED static void check_bytes_at(int line, const char *what, const unsigned char *got, size_t got_len,
                                        const unsigned char *want, size_t want_len)
{
	checks_run++;
	if (got_len == want_len && (!want_len || (got && !memcmp(got, want, want_len))))
		return;
	checks_failed++;
	fprintf(stderr, "line %d: FAILED %s: got %zu bytes, want %zu\n", line, what, got_len, want_len);
}
#define CHECK_BYTES(got, want, n) check_bytes_at(__LINE__, #got, (got).data, (got).len, (want), (n))

CHECK_UNUSED static int check_summary(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed);
	return checks_failed ? 1 : 0;
}

#endif
