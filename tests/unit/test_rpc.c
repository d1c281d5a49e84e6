/* Unit tests for engine/rpc: message schema, validation, failure conversion,
 * the transport API on the in-process driver. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"
#include "rpc_msg.h"
#include "tap.h"

/* A value of the first type an argument accepts. */
static json_t *sample_value(unsigned types, int i)
{
    if (types & HH_RPC_T_STR)
        return json_sprintf("v%d", i);
    if (types & HH_RPC_T_OBJ)
        return json_pack("{s:i}", "k", i);
    if (types & HH_RPC_T_INT)
        return json_integer(i);
    if (types & HH_RPC_T_BOOL)
        return json_true();
    if (types & HH_RPC_T_LIST)
        return json_pack("[i]", i);
    return json_null();
}

static hh_rpc_context test_ctx(void)
{
    hh_rpc_context c;

    memset(&c, 0, sizeof(c));
    snprintf(c.tenant, sizeof(c.tenant), "tenant-1");
    snprintf(c.user, sizeof(c.user), "user-1");
    snprintf(c.request_id, sizeof(c.request_id), "req-42");
    snprintf(c.roles[0], sizeof(c.roles[0]), "admin");
    snprintf(c.roles[1], sizeof(c.roles[1]), "member");
    c.nroles = 2;
    c.is_admin = true;
    return c;
}

/* Every argument of m, required and optional, with a sample value. */
static json_t *full_args(const hh_rpc_method *m)
{
    json_t *args = json_object();
    int i = 0;

    for (const hh_rpc_arg *a = m->args; a->name != NULL; a++)
        json_object_set_new(args, a->name, sample_value(a->types, i++));
    return args;
}

static void test_table_roundtrip(void)
{
    size_t n, good = 0;
    const hh_rpc_method *t = hh_rpc_methods(&n);
    hh_rpc_context ctx = test_ctx();

    ok(n >= 50, "method table has %zu methods", n);
    for (size_t i = 1; i < n; i++)
        if (strcmp(t[i - 1].name, t[i].name) >= 0)
            diag("table not sorted at %s", t[i].name);
    for (size_t i = 0; i < n; i++) {
        hh_rpc_request *req = hh_rpc_request_new(t[i].name, full_args(&t[i]), &ctx);
        hh_rpc_request *back = NULL;
        char *buf = NULL;
        size_t len = 0;
        hh_error err;
        int rc;

        hh_error_clear(&err);
        rc = hh_rpc_request_encode(req, &buf, &len, &err);
        if (rc == 0)
            rc = hh_rpc_request_decode(buf, len, &back, &err);
        ok(rc == 0 && back != NULL && back->def == &t[i] &&
               hh_rpc_method_find(t[i].name) == &t[i] && json_equal(back->args, req->args) &&
               back->version == HH_RPC_VERSION_MINOR && strcmp(back->ctx.tenant, "tenant-1") == 0 &&
               back->ctx.nroles == 2 && strcmp(back->ctx.roles[1], "member") == 0 &&
               back->ctx.is_admin && strcmp(back->ctx.request_id, "req-42") == 0,
           "%s round-trips (%s)", t[i].name,
           t[i].args[0].name ? "every argument given" : "takes no arguments");
        if (rc != 0)
            diag("%s: %s", err.type ? err.type : "-", err.message);
        good += rc == 0;
        free(buf);
        hh_rpc_request_free(req);
        hh_rpc_request_free(back);
    }
    is_int(good, n, "all methods round-trip");
    ok(hh_rpc_method_find("show_stack") != NULL && hh_rpc_method_find("nope") == NULL &&
           hh_rpc_method_find(NULL) == NULL,
       "method lookup by name");
}

/* Decode text; return rc and keep err. */
static int decode_text(const char *text, hh_error *err)
{
    hh_rpc_request *req = NULL;
    int rc;

    hh_error_clear(err);
    rc = hh_rpc_request_decode(text, strlen(text), &req, err);
    if ((rc == 0) != (req != NULL))
        diag("decode: rc and request disagree");
    hh_rpc_request_free(req);
    return rc;
}

#define DECODE_FAILS(text, want_rc, want_type, want_sub, name)                                     \
    do {                                                                                           \
        hh_error e_;                                                                               \
        int r_ = decode_text(text, &e_);                                                           \
        ok(r_ == (want_rc) && e_.type != NULL && strcmp(e_.type, want_type) == 0 &&                \
               strstr(e_.message, want_sub) != NULL,                                               \
           "%s", name);                                                                            \
        if (r_ != (want_rc) || e_.type == NULL || strstr(e_.message, want_sub) == NULL)            \
            diag("rc %d type %s message \"%s\"", r_, e_.type ? e_.type : "-", e_.message);         \
    } while (0)

static void test_validation(void)
{
    hh_error err;

    is_int(decode_text("{\"version\":\"1.36\",\"method\":\"get_revision\",\"args\":{},"
                       "\"context\":{}}",
                       &err),
           0, "a minimal request decodes");
    is_int(decode_text("{\"version\":\"1.0\",\"method\":\"list_stacks\"}", &err), 0,
           "args and context may be left out");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"launch_missiles\",\"args\":{}}", HH_ENOTFOUND,
                 "NoSuchMethod", "launch_missiles", "unknown method: NoSuchMethod");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"show_stack\",\"args\":{}}", HH_EINVAL,
                 "Invalid", "missing required argument \"stack_identity\"",
                 "missing argument: Invalid");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"identify_stack\",\"args\":{\"stack_name\":3}}",
                 HH_EINVAL, "Invalid", "\"stack_name\" must be string, not integer",
                 "mistyped argument: Invalid naming the types");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"identify_stack\","
                 "\"args\":{\"stack_name\":null}}",
                 HH_EINVAL, "Invalid", "not null", "null where null is not allowed");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"check_software_deployment\","
                 "\"args\":{\"deployment_id\":\"d\",\"timeout\":1.5}}",
                 HH_EINVAL, "Invalid", "must be integer, not number", "a real is not an integer");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"stack_check\","
                 "\"args\":{\"stack_identity\":\"s\",\"force\":true}}",
                 HH_EINVAL, "Invalid", "unexpected argument \"force\"",
                 "unknown argument: Invalid");
    DECODE_FAILS("{\"version\":\"1.37\",\"method\":\"get_revision\"}", HH_EUNSUPPORTED,
                 "UnsupportedVersion", "1.37", "newer version: UnsupportedVersion");
    DECODE_FAILS("{\"version\":\"2.0\",\"method\":\"get_revision\"}", HH_EUNSUPPORTED,
                 "UnsupportedVersion", "2.0", "other major version: UnsupportedVersion");
    DECODE_FAILS("{\"version\":\"1.\",\"method\":\"get_revision\"}", HH_EUNSUPPORTED,
                 "UnsupportedVersion", "1.", "version without a minor");
    DECODE_FAILS("{\"version\":\"1.036\",\"method\":\"get_revision\"}", HH_EUNSUPPORTED,
                 "UnsupportedVersion", "1.036", "version with a leading zero");
    is_int(decode_text("{\"version\":\"1.0\",\"method\":\"get_revision\"}", &err), 0,
           "version 1.0 is fine");
    DECODE_FAILS("{\"version\":1.3,\"method\":\"get_revision\"}", HH_EINVAL, "Invalid",
                 "\"version\" must be a string", "version as a number");
    DECODE_FAILS("{\"version\":\"1.18\",\"method\":\"show_output\","
                 "\"args\":{\"stack_identity\":\"s\",\"output_key\":\"o\"}}",
                 HH_EUNSUPPORTED, "UnsupportedVersion", "needs version 1.19",
                 "method newer than the request's version");
    DECODE_FAILS("{\"version\":\"1.29\",\"method\":\"list_resource_types\","
                 "\"args\":{\"with_description\":true}}",
                 HH_EUNSUPPORTED, "UnsupportedVersion", "\"with_description\" needs version 1.30",
                 "argument newer than the request's version");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":[],\"args\":{}}", HH_EINVAL, "Invalid",
                 "\"method\" must be a string", "method not a string");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"get_revision\",\"args\":[]}", HH_EINVAL,
                 "Invalid", "\"args\" must be an object, not list", "args not an object");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"get_revision\",\"context\":{\"roles\":\"a\"}}",
                 HH_EINVAL, "Invalid", "context.roles must be a list", "roles not a list");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"get_revision\","
                 "\"context\":{\"is_admin\":\"yes\"}}",
                 HH_EINVAL, "Invalid", "context.is_admin must be a boolean", "is_admin as text");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"get_revision\",\"extra\":1}", HH_EINVAL,
                 "Invalid", "unexpected member \"extra\"", "unknown top-level member");

    /* over-long context strings are refused, not cut */
    {
        char *big = malloc(HH_RPC_ID_MAX + 200);
        int n = snprintf(big, HH_RPC_ID_MAX + 200,
                         "{\"version\":\"1.36\",\"method\":\"get_revision\","
                         "\"context\":{\"tenant\":\"");
        memset(big + n, 'x', HH_RPC_ID_MAX);
        snprintf(big + n + HH_RPC_ID_MAX, 10, "\"}}");
        DECODE_FAILS(big, HH_EINVAL, "Invalid", "context.tenant is longer", "tenant too long");
        free(big);
    }

    /* encode validates too: nothing invalid leaves the client */
    {
        hh_rpc_request *req = hh_rpc_request_new("show_stack", NULL, NULL);
        char *buf = (char *)1;
        size_t len = 1;
        hh_error_clear(&err);
        ok(hh_rpc_request_encode(req, &buf, &len, &err) == HH_EINVAL && buf == NULL &&
               strcmp(err.type, "Invalid") == 0,
           "encode refuses an invalid request");
        hh_rpc_request_free(req);
    }
    ok(hh_rpc_request_new("x", json_array(), NULL) == NULL, "args must be an object");
}

static void test_malformed(void)
{
    static const char nul[] = "{\"version\":\"1.36\",\0\"method\":\"get_revision\"}";
    hh_rpc_request *req = NULL;
    hh_error err;

    DECODE_FAILS("", HH_EPARSE, "Invalid", "malformed request", "empty bytes");
    DECODE_FAILS("{\"version\":", HH_EPARSE, "Invalid", "malformed request", "truncated JSON");
    DECODE_FAILS("[1,2]", HH_EPARSE, "Invalid", "an object expected, not list", "not an object");
    DECODE_FAILS("{\"method\":\"a\",\"method\":\"b\"}", HH_EPARSE, "Invalid", "duplicate",
                 "duplicate keys");
    DECODE_FAILS("{\"version\":\"1.36\",\"method\":\"get_\\u0000revision\"}", HH_EPARSE, "Invalid",
                 "malformed request", "NUL escaped in a string");
    DECODE_FAILS("\xff\xfe{}", HH_EPARSE, "Invalid", "malformed request", "invalid UTF-8");
    hh_error_clear(&err);
    ok(hh_rpc_request_decode(nul, sizeof(nul) - 1, &req, &err) == HH_EPARSE && req == NULL,
       "raw NUL byte inside the message");
    hh_error_clear(&err);
    ok(hh_rpc_request_decode("{}", (size_t)HH_RPC_MSG_MAX + 1, &req, &err) == HH_ELIMIT &&
           strcmp(err.type, "RequestLimitExceeded") == 0,
       "a message over HH_RPC_MSG_MAX is refused before parsing");
    ok(hh_rpc_request_decode(NULL, 0, &req, &err) == HH_EPARSE, "no bytes at all");
}

static void test_failures(void)
{
    static const int rcs[] = {HH_ENOTFOUND, HH_EINVAL, HH_ELIMIT, HH_EEXISTS, HH_EUNSUPPORTED,
                              ETIMEDOUT,    EACCES,    EBUSY,     HH_EFENCED, HH_EINTERNAL};
    static const char *const names[] = {
        "EntityNotFound", "Invalid",          "RequestLimitExceeded",
        "StackExists",    "NotSupported",     "MessagingTimeout",
        "Forbidden",      "ActionInProgress", "ConcurrentTransaction",
        "HeatException"};
    hh_error in, out;
    json_t *f, *res;
    char *buf;
    size_t len;

    for (size_t i = 0; i < sizeof(rcs) / sizeof(rcs[0]); i++) {
        is_str(hh_rpc_type_for_rc(rcs[i]), names[i], "rc %d is %s", rcs[i], names[i]);
        hh_error_clear(&in);
        hh_error_set(&in, rcs[i], NULL, "thing %zu failed", i);
        f = hh_rpc_failure_from_error(&in);
        hh_error_clear(&out);
        ok(hh_rpc_error_from_failure(f, &out) == rcs[i] && strcmp(out.type, names[i]) == 0 &&
               strcmp(out.message, in.message) == 0 && hh_rpc_rc_for_type(names[i]) == rcs[i],
           "%s: error -> failure -> error keeps rc, type and message", names[i]);
        json_decref(f);
    }

    /* an explicit type wins over the rc's; the place goes into the message */
    hh_error_clear(&in);
    hh_error_set(&in, HH_EINVAL, "StackValidationFailed", "Property error: x");
    hh_error_at(&in, "t.yaml", 3, 7);
    f = hh_rpc_failure_from_error(&in);
    is_str(json_string_value(json_object_get(f, "type")), "StackValidationFailed",
           "failure keeps the Heat class");
    is_str(json_string_value(json_object_get(f, "message")), "t.yaml:3:7: Property error: x",
           "failure message carries the place");
    is_int(json_integer_value(json_object_get(f, "code")), HH_EINVAL, "failure code is the rc");
    json_decref(f);

    /* a failure without code: rc from the class */
    f = json_pack("{s:s, s:s}", "type", "StackNotFound", "message", "m");
    hh_error_clear(&out);
    ok(hh_rpc_error_from_failure(f, &out) == HH_EINTERNAL &&
           strcmp(out.type, "HeatException") == 0 && strcmp(out.message, "StackNotFound: m") == 0,
       "an unknown class becomes HeatException naming it");
    json_decref(f);
    f = json_pack("{s:s, s:s}", "type", "SnapshotNotFound", "message", "gone");
    ok(hh_rpc_error_from_failure(f, &out) == HH_ENOTFOUND &&
           strcmp(out.type, "SnapshotNotFound") == 0,
       "a known class without code maps to its rc");
    json_decref(f);
    f = json_pack("{s:i}", "type", 3);
    ok(hh_rpc_error_from_failure(f, &out) == HH_EPARSE, "failure with a non-string type");
    json_decref(f);

    /* replies */
    res = json_pack("{s:[i,s]}", "stacks", 1, "two");
    ok(hh_rpc_reply_encode_result(res, &buf, &len, NULL) == 0, "result reply encodes");
    json_decref(res);
    ok(hh_rpc_reply_decode(buf, len, &res, &out) == 0 &&
           json_integer_value(json_array_get(json_object_get(res, "stacks"), 0)) == 1,
       "result reply decodes");
    json_decref(res);
    free(buf);
    hh_error_clear(&in);
    hh_error_set(&in, HH_EEXISTS, "StackExists", "The Stack (s) already exists.");
    ok(hh_rpc_reply_encode_failure(&in, &buf, &len, NULL) == 0, "failure reply encodes");
    hh_error_clear(&out);
    ok(hh_rpc_reply_decode(buf, len, &res, &out) == HH_EEXISTS && res == NULL &&
           strcmp(out.type, "StackExists") == 0 &&
           strcmp(out.message, "The Stack (s) already exists.") == 0,
       "failure reply decodes as the error");
    free(buf);
    ok(hh_rpc_reply_decode("{\"result\":1,\"failure\":{}}", 25, &res, &out) == HH_EPARSE &&
           strstr(out.message, "exactly one") != NULL,
       "a reply with both members is malformed");
    ok(hh_rpc_reply_decode("{]", 2, &res, &out) == HH_EPARSE &&
           strstr(out.message, "malformed reply") != NULL,
       "reply bytes that are not JSON");
    ok(hh_rpc_reply_decode("{\"failure\":{\"type\":\"Invalid\",\"code\":\"x\"}}", 41, &res, &out) ==
           HH_EPARSE,
       "a failure with a non-integer code");
}

/* --- transport ------------------------------------------------------------ */

typedef struct server_state {
    pthread_mutex_t lock;
    int casts;
    int calls;
} server_state;

static int test_dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    server_state *st = arg;

    pthread_mutex_lock(&st->lock);
    st->calls++;
    pthread_mutex_unlock(&st->lock);
    if (strcmp(req->method, "show_stack") == 0) {
        *result = json_pack("{s:O, s:s}", "echo", json_object_get(req->args, "stack_identity"),
                            "tenant", req->ctx.tenant);
        return 0;
    }
    if (strcmp(req->method, "delete_stack") == 0)
        return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                            "The Stack (%s) could not be found.",
                            json_string_value(json_object_get(req->args, "stack_identity")));
    if (strcmp(req->method, "stack_check") == 0) {
        usleep(400 * 1000);
        *result = json_string("checked");
        return 0;
    }
    if (strcmp(req->method, "stack_suspend") == 0) {
        pthread_mutex_lock(&st->lock);
        st->casts++;
        pthread_mutex_unlock(&st->lock);
        return 0;
    }
    if (strcmp(req->method, "get_revision") == 0)
        return EIO; /* no detail: the rc speaks */
    *result = NULL;
    return 0;
}

static hh_rpc_request *show_req(const char *name)
{
    hh_rpc_context ctx = test_ctx();
    return hh_rpc_request_new("show_stack", json_pack("{s:s}", "stack_identity", name), &ctx);
}

typedef struct caller {
    hh_rpc *rpc;
    int id;
    int good;
} caller;

#define CALLERS 6
#define CALLS_EACH 150

static void *caller_main(void *arg)
{
    caller *c = arg;

    for (int i = 0; i < CALLS_EACH; i++) {
        char name[64];
        hh_rpc_request *req;
        json_t *res = NULL;
        hh_error err;

        snprintf(name, sizeof(name), "stack-%d-%d", c->id, i);
        req = show_req(name);
        if (hh_rpc_call(c->rpc, HH_RPC_ENGINE_TOPIC, req, 5000, &res, &err) == 0 &&
            strcmp(json_string_value(json_object_get(res, "echo")), name) == 0)
            c->good++;
        json_decref(res);
        hh_rpc_request_free(req);
    }
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_inproc(void)
{
    server_state st = {.lock = PTHREAD_MUTEX_INITIALIZER};
    hh_rpc *rpc;
    hh_rpc_request *req;
    json_t *res = NULL;
    hh_error err;
    double t0;
    int rc;

    hh_error_clear(&err);
    ok(hh_rpc_new("carrier-pigeon", NULL, &err) == NULL && err.rc == HH_ENOTFOUND,
       "an unknown driver is refused");
    ok(hh_rpc_driver_find("inproc") == &hh_rpc_inproc, "driver selected by name");
    rpc = hh_rpc_new("inproc", NULL, &err);
    ok(rpc != NULL, "inproc transport starts");

    req = show_req("s1");
    rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 200, &res, &err);
    ok(rc == ETIMEDOUT && strcmp(err.type, "MessagingTimeout") == 0,
       "a call nobody serves: MessagingTimeout");
    is_int(hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, test_dispatch, &st, &err), 0, "serve engine");
    ok(hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, test_dispatch, &st, &err) == HH_EEXISTS,
       "a topic is served once");

    rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 0, &res, &err);
    ok(rc == 0 && strcmp(json_string_value(json_object_get(res, "echo")), "s1") == 0 &&
           strcmp(json_string_value(json_object_get(res, "tenant")), "tenant-1") == 0,
       "call returns the dispatcher's result with the context");
    json_decref(res);
    hh_rpc_request_free(req);

    {
        hh_rpc_context ctx = test_ctx();
        req =
            hh_rpc_request_new("delete_stack", json_pack("{s:s}", "stack_identity", "gone"), &ctx);
        hh_error_clear(&err);
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 0, &res, &err);
        ok(rc == HH_ENOTFOUND && res == NULL && strcmp(err.type, "EntityNotFound") == 0 &&
               strcmp(err.message, "The Stack (gone) could not be found.") == 0,
           "a dispatcher failure arrives typed");
        hh_rpc_request_free(req);

        req = hh_rpc_request_new("get_revision", NULL, &ctx);
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 0, &res, &err);
        ok(rc == EIO && strcmp(err.type, "HeatException") == 0 &&
               strstr(err.message, "get_revision failed") != NULL,
           "a bare rc from a dispatcher becomes HeatException");
        hh_rpc_request_free(req);

        req = hh_rpc_request_new("list_stacks", json_pack("{s:s}", "limit", "5"), &ctx);
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 0, &res, &err);
        ok(rc == 0 && json_is_null(res), "a NULL result is JSON null");
        json_decref(res);
        hh_rpc_request_free(req);

        req = hh_rpc_request_new("list_stacks", json_pack("{s:b}", "limit", 1), &ctx);
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 0, &res, &err);
        ok(rc == HH_EINVAL && strcmp(err.type, "Invalid") == 0, "an invalid call fails first");
        hh_rpc_request_free(req);

        req = hh_rpc_request_new("stack_check", json_pack("{s:s}", "stack_identity", "s"), &ctx);
        t0 = now_s();
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 100, &res, &err);
        ok(rc == ETIMEDOUT && strcmp(err.type, "MessagingTimeout") == 0 && res == NULL,
           "a slow dispatcher: MessagingTimeout");
        ok(now_s() - t0 < 0.35, "the timeout comes on time (%.3f s)", now_s() - t0);
        rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 2000, &res, &err);
        ok(rc == 0 && strcmp(json_string_value(res), "checked") == 0,
           "the same call with time enough succeeds");
        json_decref(res);
        hh_rpc_request_free(req);

        req = hh_rpc_request_new("stack_suspend", json_pack("{s:s}", "stack_identity", "s"), &ctx);
        for (int i = 0; i < 10; i++)
            rc |= hh_rpc_cast(rpc, HH_RPC_ENGINE_TOPIC, req, &err);
        is_int(rc, 0, "ten casts sent");
        for (int i = 0; i < 500; i++) {
            pthread_mutex_lock(&st.lock);
            rc = st.casts;
            pthread_mutex_unlock(&st.lock);
            if (rc == 10)
                break;
            usleep(2000);
        }
        is_int(rc, 10, "every cast reached the dispatcher");
        ok(hh_rpc_cast(rpc, "nobody", req, &err) == 0, "a cast nobody serves is dropped");
        ok(hh_rpc_cast(rpc, "", req, &err) == HH_EINVAL, "an empty topic is refused");
        hh_rpc_request_free(req);
    }

    {
        pthread_t th[CALLERS];
        caller cs[CALLERS];
        int good = 0;

        for (int i = 0; i < CALLERS; i++) {
            cs[i] = (caller){.rpc = rpc, .id = i};
            pthread_create(&th[i], NULL, caller_main, &cs[i]);
        }
        for (int i = 0; i < CALLERS; i++) {
            pthread_join(th[i], NULL);
            good += cs[i].good;
        }
        is_int(good, CALLERS * CALLS_EACH, "%d threads x %d calls: each got its own reply", CALLERS,
               CALLS_EACH);
    }

    is_int(hh_rpc_unserve(rpc, HH_RPC_ENGINE_TOPIC), 0, "unserve engine");
    is_int(hh_rpc_unserve(rpc, HH_RPC_ENGINE_TOPIC), HH_ENOTFOUND, "unserve twice");
    req = show_req("s2");
    ok(hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 100, &res, &err) == ETIMEDOUT,
       "no reply once unserved");
    hh_rpc_request_free(req);
    hh_rpc_free(rpc);
}

/* rpc_response_timeout from heat.conf is the default timeout. */
static void test_conf_timeout(void)
{
    server_state st = {.lock = PTHREAD_MUTEX_INITIALIZER};
    hh_conf *conf = hh_conf_new();
    hh_rpc_request *req;
    hh_error err;
    json_t *res = NULL;
    hh_rpc *rpc;
    double t0, dt;
    int rc;

    hh_opts_register_common(conf);
    hh_error_clear(&err);
    ok(hh_conf_set(conf, "DEFAULT", "rpc_response_timeout", "1", &err) == 0,
       "rpc_response_timeout = 1");
    rpc = hh_rpc_new("inproc", conf, &err);
    hh_rpc_serve(rpc, "slow", test_dispatch, &st, &err);
    req = hh_rpc_request_new("stack_check", json_pack("{s:s}", "stack_identity", "s"), NULL);
    /* eight slow casts (0.4 s each) in front of the call on four server
     * threads: its reply would come after about 1.2 s */
    for (int i = 0; i < 4; i++)
        hh_rpc_cast(rpc, "slow", req, &err);
    for (int i = 0; i < 4; i++)
        hh_rpc_cast(rpc, "slow", req, &err);
    t0 = now_s();
    rc = hh_rpc_call(rpc, "slow", req, 0, &res, &err);
    dt = now_s() - t0;
    ok(rc == ETIMEDOUT && dt >= 0.95 && dt < 1.5, "the configured timeout applies (%.2f s, rc %d)",
       dt, rc);
    hh_rpc_request_free(req);
    hh_rpc_free(rpc); /* drains the queue, joins the threads */
    hh_conf_free(conf);
}

/* The server path on raw bytes: never a crash, always a reply. */
static void test_handle(void)
{
    server_state st = {.lock = PTHREAD_MUTEX_INITIALIZER};
    static const char *const bad[] = {"", "nonsense", "{\"method\":\"show_stack\"}",
                                      "{\"version\":\"1.36\",\"method\":\"x\"}"};
    static const char *const want[] = {"Invalid", "Invalid", "Invalid", "NoSuchMethod"};
    char *reply;
    size_t len;
    json_t *res;
    hh_error err;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        reply = NULL;
        is_int(hh_rpc_handle(test_dispatch, &st, bad[i], strlen(bad[i]), &reply, &len), 0,
               "handle answers bad bytes %zu", i);
        hh_error_clear(&err);
        ok(hh_rpc_reply_decode(reply, len, &res, &err) != 0 && err.type != NULL &&
               strcmp(err.type, want[i]) == 0,
           "... with a %s failure reply", want[i]);
        free(reply);
    }
    is_int(st.calls, 0, "the dispatcher never saw them");
}

int main(void)
{
    plan_lazy();
    test_table_roundtrip();
    test_validation();
    test_malformed();
    test_failures();
    test_handle();
    test_inproc();
    test_conf_timeout();
    return done_testing();
}
