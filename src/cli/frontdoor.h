#ifndef SK_FRONTDOOR_H
#define SK_FRONTDOOR_H
/* The `schemake` front door; returns an exit status (or does not return when
 * it runs the tool). */
int sk_frontdoor_main(int argc, char **argv);
#endif
