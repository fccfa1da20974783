/* placeholder: being written */
#include "diff/diff.h"

int sk_diff_pg(struct sk_diff *out, const struct sk_model *from, const struct sk_model *to,
	       const struct sk_diff_opts *opts, struct sk_error *err)
{
	(void)out; (void)from; (void)to; (void)opts;
	return sk_error_set(err, SK_ERR_INTERNAL, "not written yet");
}
