/* Unit tests for hh_error: codes, messages, places, prefixes. */
#include "config.h"

#include <errno.h>

#include "hh_error.h"
#include "tap.h"

int main(void)
{
    hh_error err;
    char buf[512];

    plan_lazy();
    is_str(hh_strerror(0), "success", "rc 0 is success");
    is_str(hh_strerror(HH_ELIMIT), "limit exceeded", "project code has a name");
    is_str(hh_strerror(ENOENT), "No such file or directory", "errno passes through");
    is_str(hh_strerror(-4242), "unknown error", "unknown negative code");

    hh_error_clear(&err);
    is_int(hh_error_set(&err, HH_EINVAL, "StackValidationFailed", "bad %s", "thing"), HH_EINVAL,
           "set returns rc");
    is_str(err.type, "StackValidationFailed", "type recorded");
    is_str(err.message, "bad thing", "message formatted");
    hh_error_prefix(&err, "Property error: %s: ", "a.b");
    is_str(err.message, "Property error: a.b: bad thing", "prefix prepended");

    hh_error_at(&err, "t.yaml", 3, 7);
    hh_error_format(&err, buf, sizeof(buf));
    is_str(buf, "t.yaml:3:7: Property error: a.b: bad thing", "formatted with place");
    hh_error_at(&err, "heat.conf", 12, 0);
    hh_error_format(&err, buf, sizeof(buf));
    is_str(buf, "heat.conf:12: Property error: a.b: bad thing", "formatted without a column");
    hh_error_at(&err, "", 0, 0);
    hh_error_format(&err, buf, sizeof(buf));
    is_str(buf, "Property error: a.b: bad thing", "formatted without place");

    is_int(hh_error_set(NULL, HH_EPARSE, NULL, "x"), HH_EPARSE, "NULL err still returns rc");
    return done_testing();
}
