/* rpc_msg: the engine's request API as versioned JSON messages.
 *
 * A request:
 *   {"version": "1.36", "method": "show_stack",
 *    "args": {"stack_identity": {...}, "resolve_outputs": true},
 *    "context": {"tenant": "t", "user": "u", "roles": ["admin"],
 *                "request_id": "req-...", "is_admin": false}}
 * A reply is exactly one of:
 *   {"result": <any JSON>}
 *   {"failure": {"type": "EntityNotFound", "message": "...", "code": -1004}}
 * "type" is a Heat exception class name (heat.common.exception and the
 * oslo.messaging ones: MessagingTimeout, NoSuchMethod, UnsupportedVersion) so
 * the API maps it to an HTTP status as Heat's fault middleware does; "code",
 * optional, is the hh_error rc of the side that failed.
 *
 * Methods, their arguments, which are required, their JSON types and the
 * RPC version that introduced each one follow Heat's EngineClient
 * (heat/rpc/client.py, API 1.36), under Heat's names (Heat's describe of a
 * resource type is "resource_schema"). Validation rejects an unknown method
 * (NoSuchMethod), a version this side does not speak or older than the
 * method or an argument (UnsupportedVersion), and a missing, unknown or
 * mistyped argument (Invalid): all as failures, never a crash.
 *
 * Bounds: a message is at most HH_RPC_MSG_MAX bytes both ways; JSON nesting
 * is bounded by jansson's parser; context strings by the fields below.
 * Duplicate object keys and NUL characters in strings are rejected.
 */
#ifndef HH_RPC_MSG_H
#define HH_RPC_MSG_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"

#define HH_RPC_VERSION_MAJOR 1
#define HH_RPC_VERSION_MINOR 36 /* the newest version this build speaks */
#define HH_RPC_MSG_MAX (16u * 1024u * 1024u)
#define HH_RPC_METHOD_MAX 64 /* bytes of a method name, NUL included */
#define HH_RPC_ID_MAX 256    /* bytes of tenant, user, request_id, a role */
#define HH_RPC_ROLES_MAX 32

/* JSON types an argument accepts (a bit set). */
enum {
    HH_RPC_T_STR = 1 << 0,
    HH_RPC_T_INT = 1 << 1, /* a JSON integer */
    HH_RPC_T_BOOL = 1 << 2,
    HH_RPC_T_OBJ = 1 << 3,
    HH_RPC_T_LIST = 1 << 4,
    HH_RPC_T_NULL = 1 << 5,
    HH_RPC_T_REAL = 1 << 6,
    HH_RPC_T_ANY = (1 << 7) - 1,
};

typedef struct hh_rpc_arg {
    const char *name;
    unsigned types; /* HH_RPC_T_* bits */
    bool required;  /* must be present (null only when types allow it) */
    unsigned since; /* minor version that introduced it; 0 = with the method */
} hh_rpc_arg;

typedef struct hh_rpc_method {
    const char *name;
    unsigned since;         /* minor version of 1.x that introduced the method */
    const hh_rpc_arg *args; /* ends with {NULL} */
} hh_rpc_method;

/* The method table (static, sorted by name) and its length. */
const hh_rpc_method *hh_rpc_methods(size_t *count);
/* The entry for name, or NULL. */
const hh_rpc_method *hh_rpc_method_find(const char *name);

typedef struct hh_rpc_context {
    char tenant[HH_RPC_ID_MAX];
    char user[HH_RPC_ID_MAX];
    char request_id[HH_RPC_ID_MAX];
    char roles[HH_RPC_ROLES_MAX][HH_RPC_ID_MAX];
    size_t nroles;
    bool is_admin;
} hh_rpc_context;

typedef struct hh_rpc_request {
    unsigned version; /* minor version of 1.x */
    char method[HH_RPC_METHOD_MAX];
    const hh_rpc_method *def; /* table entry once validated, else NULL */
    json_t *args;             /* owned; an object */
    hh_rpc_context ctx;
} hh_rpc_request;

/* New request for method at the newest version. args: stolen (NULL is {}),
 * must be an object; ctx: copied (NULL is an empty context). Not validated:
 * hh_rpc_request_encode does that. NULL when out of memory, when args is not
 * an object or method does not fit HH_RPC_METHOD_MAX. */
hh_rpc_request *hh_rpc_request_new(const char *method, json_t *args, const hh_rpc_context *ctx);
void hh_rpc_request_free(hh_rpc_request *req);

/* Check req against the method table; sets req->def on success. Returns 0
 * or, with err (type NoSuchMethod, UnsupportedVersion or Invalid) filled:
 * HH_ENOTFOUND, HH_EUNSUPPORTED or HH_EINVAL. */
int hh_rpc_request_validate(hh_rpc_request *req, hh_error *err);

/* Validate then encode req: *out is new (malloc, NUL-terminated), *len its
 * length without the NUL. HH_ELIMIT (RequestLimitExceeded) above
 * HH_RPC_MSG_MAX; validation errors as above; ENOMEM. */
int hh_rpc_request_encode(hh_rpc_request *req, char **out, size_t *len, hh_error *err);

/* Decode and validate len bytes of buf (no NUL needed). *out is a new
 * request on success, NULL otherwise. Malformed bytes or a schema breach:
 * HH_EPARSE / HH_EINVAL with type Invalid and a message naming what is
 * wrong; too large: HH_ELIMIT; then the validation errors. */
int hh_rpc_request_decode(const char *buf, size_t len, hh_rpc_request **out, hh_error *err);

/* Reply {"result": result} (borrowed; NULL is JSON null). */
int hh_rpc_reply_encode_result(const json_t *result, char **out, size_t *len, hh_error *err);
/* Reply {"failure": ...} from failure (hh_rpc_failure_from_error's rules). */
int hh_rpc_reply_encode_failure(const hh_error *failure, char **out, size_t *len, hh_error *err);

/* Decode a reply. A result: 0 and *result a new reference. A failure: its
 * rc (see hh_rpc_error_from_failure), err filled, *result NULL. Malformed
 * bytes: HH_EPARSE with type HeatException (a broken peer is a server-side
 * fault), *result NULL. */
int hh_rpc_reply_decode(const char *buf, size_t len, json_t **result, hh_error *err);

/* hh_error -> failure object (new reference, NULL on ENOMEM):
 * type = err->type, else the class for err->rc (hh_rpc_type_for_rc);
 * message = err formatted with its place; code = err->rc. */
json_t *hh_rpc_failure_from_error(const hh_error *err);
/* failure object (borrowed) -> err. rc is "code" when present and an int,
 * else hh_rpc_rc_for_type(type). A type outside the known classes becomes
 * HeatException with "<type>: " before the message. Returns the rc, or
 * HH_EPARSE (err says why) when failure is not a well-formed failure. */
int hh_rpc_error_from_failure(const json_t *failure, hh_error *err);

/* Heat exception class for an rc (never NULL) and the rc for a class (a
 * class outside the table is HH_EINTERNAL). hh_rpc_type_known returns the
 * table's static string for name, or NULL. */
const char *hh_rpc_type_for_rc(int rc);
int hh_rpc_rc_for_type(const char *type);
const char *hh_rpc_type_known(const char *name);

#endif
