/* Unit tests for hh_kvparams: heatclient's -P parsing. */
#include "config.h"

#include <stdlib.h>

#include "hh_kvparams.h"
#include "tap.h"

/* Parse args and compare the result's compact JSON with want (NULL = expect
 * an error whose message is want_err). */
static void check(const char *const *args, size_t n, const char *want, const char *want_err,
                  const char *name)
{
    hh_error err;
    json_t *out = NULL;
    char *text = NULL;
    int rc;

    hh_error_clear(&err);
    rc = hh_kvparams_parse(args, n, &out, &err);
    if (want != NULL) {
        text = rc == 0 ? json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        is_str(text, want, "%s", name);
    } else {
        ok(rc == HH_EINVAL, "%s: refused", name);
        is_str(err.message, want_err, "%s: message", name);
    }
    free(text);
    json_decref(out);
}

int main(void)
{
    plan_lazy();
    {
        const char *a[] = {"a=b;c=d"};
        check(a, 1, "{\"a\":\"b\",\"c\":\"d\"}", NULL, "one argument split on ;");
    }
    {
        const char *a[] = {"a=b;c=d", "e=f"};
        check(a, 2, "{\"a\":\"b;c=d\",\"e\":\"f\"}", NULL, "several arguments are not split");
    }
    {
        const char *a[] = {"a=b=c"};
        check(a, 1, "{\"a\":\"b=c\"}", NULL, "split at the first =");
    }
    {
        const char *a[] = {"a=1;a=2;a=3"};
        check(a, 1, "{\"a\":[\"1\",\"2\",\"3\"]}", NULL, "repeated key becomes a list");
    }
    {
        const char *a[] = {"a=1", "a=2"};
        check(a, 2, "{\"a\":[\"1\",\"2\"]}", NULL, "repeated across arguments");
    }
    {
        const char *a[] = {"a=b;"};
        check(a, 1, NULL, "Malformed parameter(). Use the key=value format.",
              "trailing ; is an empty piece");
    }
    {
        const char *a[] = {"novalue"};
        check(a, 1, NULL, "Malformed parameter(novalue). Use the key=value format.",
              "missing =");
    }
    {
        const char *a[] = {"k="};
        check(a, 1, "{\"k\":\"\"}", NULL, "empty value");
    }
    {
        check(NULL, 0, "{}", NULL, "no arguments");
    }
    return done_testing();
}
