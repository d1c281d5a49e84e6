/* api_router: match a request path and method against a route table the
 * way Heat's v1 router (Python Routes, heat/api/openstack/v1/__init__.py)
 * does.
 *
 * A table is an array of hh_api_route in Heat's order, grouped in batches
 * (one per controller). Within a batch the routes are tried in order; then
 * the batch's URLs: a URL that matches with another method answers 405
 * with Allow (the URL's methods, comma-separated, in table order), or 204
 * with Allow for OPTIONS; then the next batch. Nothing matching: 404.
 *
 * Pattern segments: "literal", "{name}" (one non-empty segment),
 * "{name:a|b|c}" (one of the words), "{name:arn}" (the rest of the path,
 * slashes included, when it starts with "arn:").
 */
#ifndef HH_API_ROUTER_H
#define HH_API_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#define HH_API_ROUTE_PARAMS_MAX 8
#define HH_API_PATH_MAX 8192

typedef struct hh_api_route {
    int batch;           /* controller group, ascending through the table */
    const char *method;  /* GET, POST, PUT, PATCH, DELETE */
    const char *pattern; /* e.g. "/{tenant_id}/stacks/{stack_name}/{stack_id}" */
    int action;          /* the caller's code for the handler */
    bool no_defaults;    /* batch without 405/OPTIONS answers (Heat's services) */
} hh_api_route;

typedef enum hh_api_route_result {
    HH_API_ROUTE_FOUND = 0,
    HH_API_ROUTE_NOT_FOUND,   /* 404 */
    HH_API_ROUTE_NOT_ALLOWED, /* 405, m->allow */
    HH_API_ROUTE_OPTIONS,     /* 204, m->allow */
} hh_api_route_result;

typedef struct hh_api_match {
    const hh_api_route *route; /* FOUND: the route */
    size_t nparams;
    const char *names[HH_API_ROUTE_PARAMS_MAX];
    char *values[HH_API_ROUTE_PARAMS_MAX]; /* point into buf */
    char allow[64];                        /* NOT_ALLOWED, OPTIONS */
    char buf[HH_API_PATH_MAX];
} hh_api_match;

/* Match method and path (borrowed; a path longer than HH_API_PATH_MAX - 1
 * is not found) against table[0..n). */
hh_api_route_result hh_api_route_match(const hh_api_route *table, size_t n, const char *method,
                                       const char *path, hh_api_match *m);
/* The value of a matched parameter, or NULL. Borrowed from m. */
const char *hh_api_match_param(const hh_api_match *m, const char *name);

#endif
