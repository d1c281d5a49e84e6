/* libFuzzer target: hh_doc_parse with default limits on arbitrary bytes.
 * Every result, map and place lookup is exercised and freed; the loader
 * must never crash, leak or run long. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "doc_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc = NULL;
    hh_srcmap *map = NULL;
    hh_error err;
    int line = 0, col = 0;

    if (hh_doc_parse((const char *)data, size, "fuzz", &hh_doc_limits_default, &doc, &map,
                     &err) == 0) {
        const char *key = NULL;
        json_t *v = NULL;
        hh_srcmap_get(map, doc, &line, &col);
        if (json_is_object(doc)) {
            json_object_foreach(doc, key, v) {
                hh_srcmap_get_key(map, doc, key, &line, &col);
                hh_srcmap_get(map, v, &line, &col);
            }
        }
    }
    json_decref(doc);
    hh_srcmap_free(map);
    return 0;
}
