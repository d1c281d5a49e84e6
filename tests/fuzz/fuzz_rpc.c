/* libFuzzer target: RPC message decoding and validation (requests and
 * replies), the server's path on raw bytes, and re-encoding of what
 * decoded. Any input must give a request or a clear error, never a crash. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rpc.h"
#include "rpc_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    (void)arg;
    if (req->def == NULL)
        abort(); /* the server path dispatches validated requests only */
    *result = json_incref(req->args);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    hh_rpc_request *req = NULL, *again = NULL;
    char *out = NULL, *reply = NULL;
    size_t len = 0, reply_len = 0;
    json_t *res = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_rpc_request_decode(buf, size, &req, &err) == 0) {
        if (req->def == NULL)
            abort();
        /* what decodes encodes, and decodes again to the same request */
        if (hh_rpc_request_encode(req, &out, &len, &err) != 0)
            abort();
        if (hh_rpc_request_decode(out, len, &again, &err) != 0 ||
            !json_equal(req->args, again->args) || req->def != again->def)
            abort();
    } else if (err.type == NULL || err.message[0] == '\0') {
        abort(); /* every refusal is typed and says why */
    }
    hh_rpc_request_free(req);
    hh_rpc_request_free(again);
    free(out);

    if (hh_rpc_handle(fuzz_dispatch, NULL, buf, size, &reply, &reply_len) == 0) {
        hh_error_clear(&err);
        hh_rpc_reply_decode(reply, reply_len, &res, &err);
        json_decref(res);
        res = NULL;
    }
    free(reply);

    hh_error_clear(&err);
    if (hh_rpc_reply_decode(buf, size, &res, &err) != 0 && err.type == NULL)
        abort();
    json_decref(res);
    return 0;
}
