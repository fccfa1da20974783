#ifndef SK_BANNED_H
#define SK_BANNED_H
/*
 * Functions with no bound on what they write, or with hidden state. Use the
 * buffer API (common/buf.h) or snprintf instead. Included last by every .c
 * file of the project, after the system headers, so a use is a compile error.
 */
#define SK_BANNED(func) sorry_##func##_is_banned_use_sk_buf_or_snprintf

#undef strcpy
#define strcpy(a, b) SK_BANNED(strcpy)
#undef strcat
#define strcat(a, b) SK_BANNED(strcat)
#undef sprintf
#define sprintf(...) SK_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) SK_BANNED(vsprintf)
#undef strtok
#define strtok(a, b) SK_BANNED(strtok)
#undef gets
#define gets(a) SK_BANNED(gets)

#endif
