/*
 * schemake: the front door. `schemake migrate status` runs
 * `schemake-migrate status`.
 */
#include "cli/frontdoor.h"
#include "common/banned.h"

int main(int argc, char **argv)
{
	return sk_frontdoor_main(argc, argv);
}
