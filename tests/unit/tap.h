/* tap.h: the Test Anything Protocol for C unit tests (automake's TAP driver
 * reads the output). Header-only; each test program includes it once.
 *
 *   plan_lazy();                       (plan printed by done_testing)
 *   ok(cond, "name %d", i);
 *   is_int(got, want, "name"); is_str(got, want, "name");
 *   skip("why", "name %d", i);         (ok, with "# SKIP why")
 *   return done_testing();
 */
#ifndef HH_TAP_H
#define HH_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

static void plan_lazy(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
}

__attribute__((format(printf, 2, 3))) static int ok(int cond, const char *fmt, ...)
{
    va_list ap;

    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    return cond;
}

__attribute__((format(printf, 2, 3), unused)) static void skip(const char *why, const char *fmt,
                                                               ...)
{
    va_list ap;

    tap_count++;
    printf("ok %d - ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf(" # SKIP %s\n", why);
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void diag(const char *fmt, ...)
{
    va_list ap;

    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

#define is_int(got, want, ...)                                                                     \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (!ok(g_ == w_, __VA_ARGS__))                                                            \
            diag("got %lld, want %lld", g_, w_);                                                   \
    } while (0)

#define is_str(got, want, ...)                                                                     \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (!ok(g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0, __VA_ARGS__))                     \
            diag("got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_ ? w_ : "(null)");               \
    } while (0)

static int done_testing(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
