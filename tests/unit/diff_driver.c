/*
 * diff_driver: a test helper for the differ. Reads two schemas (URLs or
 * snapshot files), diffs them with the rename hints given and writes the
 * migration file sk_diff_render_migration makes to stdout, or nothing when
 * there is no difference; each destructive operation's reason goes to
 * stderr as "destructive: WHY".
 *
 *   diff_driver FROM TO [--rename SPEC]... [--title TITLE]
 */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "diff/diff.h"
#include "migrate/autogen.h"
#include "model/model.h"

#include "common/banned.h"

int main(int argc, char **argv)
{
	struct sk_error err = SK_ERROR_INIT;
	struct sk_autogen ag = {0};
	struct sk_diff d = SK_DIFF_INIT;
	struct sk_diff_opts opts;
	struct sk_model *from = NULL, *to = NULL;
	struct sk_buf out = SK_BUF_INIT;
	const char *spec[2] = {NULL, NULL}, *title = "schema change";
	size_t nspec = 0;
	int status = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rename") && i + 1 < argc) {
			if (sk_autogen_add_rename(&ag, argv[++i], &err))
				goto done;
		} else if (!strcmp(argv[i], "--title") && i + 1 < argc) {
			title = argv[++i];
		} else if (nspec < 2) {
			spec[nspec++] = argv[i];
		}
	}
	if (nspec != 2) {
		fprintf(stderr, "usage: diff_driver FROM TO [--rename SPEC]... [--title TITLE]\n");
		sk_autogen_release(&ag);
		return 2;
	}
	if (sk_autogen_model_of_spec(&from, spec[0], &err) || sk_autogen_model_of_spec(&to, spec[1], &err))
		goto done;
	opts.renames = ag.renames;
	opts.nrenames = ag.nrenames;
	if (sk_diff_models(&d, from, to, &opts, &err))
		goto done;
	if (d.nr)
		sk_diff_render_migration(&out, &d, title);
	fwrite(out.buf, 1, out.len, stdout);
	for (size_t i = 0; i < d.nr; i++)
		if (d.ops[i].destructive)
			fprintf(stderr, "destructive: %s\n", d.ops[i].why ? d.ops[i].why : d.ops[i].object);
	status = 0;
done:
	if (status)
		fprintf(stderr, "diff_driver: %s%s%s\n", err.message, err.detail[0] ? ": " : "", err.detail);
	sk_buf_release(&out);
	sk_diff_release(&d);
	sk_model_free(from);
	sk_model_free(to);
	sk_autogen_release(&ag);
	return status;
}
