/* libFuzzer target: schemake.ini through the real loader (a file in a
 * private temporary project directory). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/fs.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *project;

static int write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return -1;
	rc = fwrite(data, 1, size, f) == size ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sk_config_overrides ov = SK_CONFIG_OVERRIDES_INIT;
	struct sk_config cfg = SK_CONFIG_INIT;
	struct sk_error err = SK_ERROR_INIT;
	char *ini;

	if (!project) {
		char tmpl[] = "/tmp/sk-fuzz-config-XXXXXX";
		project = sk_xstrdup(mkdtemp(tmpl));
	}
	ini = sk_fs_join(project, "schemake.ini");
	/* a plain write: the loader is under test, not the atomic writer (its
	 * fsync per input kept this target at a few hundred runs a second) */
	if (write_file(ini, data, size) == 0) {
		ov.project_dir = project;
		if (sk_config_load(&cfg, &ov, &err) == 0)
			sk_config_release(&cfg);
		else if (!err.message[0])
			abort();
	}
	free(ini);
	return 0;
}
