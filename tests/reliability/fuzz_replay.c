/* Replays fuzzer inputs without libFuzzer: linked with one tests/fuzz target,
 * it runs LLVMFuzzerTestOneInput on every file named on the command line (or
 * in a directory named there), so the inputs that once crashed a target
 * (tests/fuzz/regressions/<target>/) run in every ctest run, under the
 * sanitizers of the asan preset too, with no clang needed. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/fs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	struct sk_buf b = SK_BUF_INIT;
	struct sk_error err = SK_ERROR_INIT;
	uint8_t *copy;

	if (sk_fs_read_file(&b, path, &err) != 0) {
		fprintf(stderr, "fuzz_replay: %s\n", err.message);
		return 1;
	}
	/* an exact-size copy, as libFuzzer hands it over */
	copy = malloc(b.len ? b.len : 1);
	memcpy(copy, b.buf, b.len);
	LLVMFuzzerTestOneInput(copy, b.len);
	free(copy);
	sk_buf_release(&b);
	printf("ok %s\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, n = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0)
			continue; /* an optional directory that does not exist */
		if (S_ISDIR(st.st_mode)) {
			struct dirent **names;
			int k = scandir(argv[i], &names, NULL, alphasort);
			for (int j = 0; j < k; j++) {
				if (names[j]->d_name[0] != '.') {
					char *p = sk_fs_join(argv[i], names[j]->d_name);
					status |= replay_file(p);
					n++;
					free(p);
				}
				free(names[j]);
			}
			free(names);
		} else {
			status |= replay_file(argv[i]);
			n++;
		}
	}
	printf("%d inputs replayed\n", n);
	return status;
}
