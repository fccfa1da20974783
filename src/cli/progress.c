/*
 * progress.c: what a tool prints while migrations run. On a terminal each
 * migration shows its position (n/N) while it runs; elsewhere one plain line
 * per migration once it is done, so logs stay readable.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <unistd.h>

#include "common/banned.h"

struct progress {
	bool quiet;
	bool tty;
	bool color;
};

static struct progress progress_state;

static void on_wait(void *ctx, const char *what)
{
	(void)ctx;
	sk_cli_warn("waiting: %s", what);
}

static void on_start(void *ctx, size_t i, size_t n, const struct sk_migration *m, bool up)
{
	struct progress *p = ctx;

	if (p->quiet || !p->tty)
		return;
	printf("\r[%zu/%zu] %s %s ...", i, n, up ? "applying" : "reverting", m->filename);
	fflush(stdout);
}

static void on_done(void *ctx, size_t i, size_t n, const struct sk_migration *m, bool up, long long ms)
{
	struct progress *p = ctx;

	if (p->quiet)
		return;
	if (p->tty)
		printf("\r\033[K[%zu/%zu] %s%s%s %s (%lld ms)\n", i, n, p->color ? "\033[32m" : "",
		       up ? "applied" : "reverted", p->color ? "\033[0m" : "", m->filename, ms);
	else
		printf("%s %s (%lld ms)\n", up ? "applied" : "reverted", m->filename, ms);
	fflush(stdout);
}

static void on_warning(void *ctx, const char *message)
{
	(void)ctx;
	sk_cli_warn("%s", message);
}

void sk_cli_migrate_events(struct sk_migrate_events *ev, bool quiet)
{
	progress_state.quiet = quiet;
	progress_state.tty = isatty(fileno(stdout));
	progress_state.color = sk_cli_color(stdout);
	ev->ctx = &progress_state;
	ev->on_wait = on_wait;
	ev->on_start = on_start;
	ev->on_done = on_done;
	ev->on_warning = on_warning;
}
