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
	if (sk_fs_write_atomic(ini, data, size, false, NULL, &err) == 0) {
		ov.project_dir = project;
		if (sk_config_load(&cfg, &ov, &err) == 0)
			sk_config_release(&cfg);
		else if (!err.message[0])
			abort();
	}
	free(ini);
	return 0;
}
