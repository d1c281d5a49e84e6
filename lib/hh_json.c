#include "config.h"

#include <errno.h>

#include "hh_json.h"

int hh_json_deep_update(json_t *old, const json_t *new_value)
{
    const char *key;
    json_t *v;
    int rc;

    json_object_foreach((json_t *)new_value, key, v)
    {
        json_t *cur = json_object_get(old, key);

        if (json_is_object(v)) {
            if (!json_is_object(cur)) {
                cur = json_object();
                if (cur == NULL || json_object_set_new(old, key, cur) != 0)
                    return ENOMEM;
            }
            rc = hh_json_deep_update(cur, v);
            if (rc != 0)
                return rc;
        } else if (json_is_null(v) && json_is_object(cur)) {
            continue; /* heatclient keeps the mapping */
        } else if (json_object_set_new(old, key, json_deep_copy(v)) != 0) {
            return ENOMEM;
        }
    }
    return 0;
}
