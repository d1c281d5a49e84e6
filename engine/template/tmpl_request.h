/* tmpl_request: the template and environment of a stack request, built from
 * the request's fields as Heat's API and engine build them
 * (heat/api/openstack/v1/util.py InstantiationData,
 * heat/common/environment_util.py merge_environments).
 *
 * The environment: when environment_files is non-empty the body's
 * environment is ignored and each file (looked up in files) is merged in
 * order; otherwise the body's environment is used. The body's parameters
 * are applied first, so a value from an environment file replaces a
 * parameter of the same name (Heat's order).
 */
#ifndef HH_TMPL_REQUEST_H
#define HH_TMPL_REQUEST_H

#include <jansson.h>

#include "hh_error.h"
#include "tmpl.h"

typedef struct hh_tmpl_request {
    const json_t *template;          /* an object, or a string of YAML/JSON text */
    const char *source;              /* names the template in errors, may be NULL */
    const json_t *files;             /* object of name -> text, may be NULL */
    const json_t *environment;       /* object or YAML/JSON string, may be NULL */
    const json_t *environment_files; /* array of keys of files, may be NULL */
    const json_t *parameters;        /* object, may be NULL */
} hh_tmpl_request;

/* Build *tmpl and *env (both new, caller frees) from req. lim NULL means the
 * defaults. Errors carry Heat's exception types and messages. */
int hh_tmpl_request_load(const hh_tmpl_request *req, const hh_tmpl_limits *lim, hh_tmpl **tmpl,
                         hh_env **env, hh_error *err);

/* Same for a template already loaded as an object with its positions: map
 * (stolen, may be NULL) gives errors a line and column. The template object
 * is shared with *tmpl (a reference is taken), not copied: the caller must
 * not change it while *tmpl lives. */
int hh_tmpl_request_load_doc(const hh_tmpl_request *req, hh_srcmap *map,
                             const hh_tmpl_limits *lim, hh_tmpl **tmpl, hh_env **env,
                             hh_error *err);

#endif
