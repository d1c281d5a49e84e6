/* service_control: the engine's control socket (a Unix stream socket).
 *
 * Protocol: a client sends one JSON value per line ('\n'-terminated, at most
 * HH_CONTROL_LINE_MAX bytes) and gets one line of JSON back per request, in
 * order; it may send several requests on one connection and closes it when
 * done. What a request means is the handler's business (service_role.h).
 * A line that is not JSON gets {"error": "..."}; a line that is too long
 * gets {"error": "..."} and the connection is closed.
 *
 * Event-driven, single-threaded: the owner polls the descriptors
 * hh_control_pollfds gives and calls hh_control_dispatch with the results.
 * Sockets are non-blocking; at most HH_CONTROL_MAX_CLIENTS connections are
 * served at once (further ones wait in the listen backlog), and a reply the
 * client does not read closes its connection rather than stall the engine.
 */
#ifndef HH_SERVICE_CONTROL_H
#define HH_SERVICE_CONTROL_H

#include <poll.h>
#include <stddef.h>

#include <jansson.h>

#include "hh_error.h"

#define HH_CONTROL_LINE_MAX 4096
#define HH_CONTROL_MAX_CLIENTS 16

typedef struct hh_control hh_control;

/* Answer req (borrowed): return a new reference (NULL: out of memory). */
typedef json_t *(*hh_control_fn)(const json_t *req, void *arg);

/* Listen on path (borrowed). A stale socket file at path is replaced (the
 * caller holds the pid file lock, so no live engine owns it); a missing
 * parent directory is created (mode 0755, last component only). The socket
 * is made mode 0660. *out is new; free with hh_control_free, which removes
 * the socket file. Errors are errno values with err saying what failed. */
int hh_control_open(const char *path, hh_control_fn fn, void *arg, hh_control **out, hh_error *err);

/* Change the handler's argument (e.g. once the state it serves exists;
 * nothing is dispatched before the owner polls). */
void hh_control_set_arg(hh_control *c, void *arg);

/* Fill fds (room for HH_CONTROL_MAX_CLIENTS + 1 entries) with what to poll;
 * returns how many. */
size_t hh_control_pollfds(const hh_control *c, struct pollfd *fds);

/* Serve what poll reported on the n entries hh_control_pollfds filled. */
void hh_control_dispatch(hh_control *c, const struct pollfd *fds, size_t n);

/* Close every connection and the socket, remove the socket file, free.
 * c may be NULL. */
void hh_control_free(hh_control *c);

/* The client's side: send req (borrowed) as one line to the socket at path
 * (borrowed) and read the one reply line, at most HH_CONTROL_REPLY_MAX
 * bytes; connecting, sending and each read wait at most timeout_ms. 0 with
 * *reply new (any JSON value), or an errno with err saying what failed:
 * ENOENT or ECONNREFUSED when nothing listens, ETIMEDOUT, EPROTO for a
 * reply that is not JSON or too long. */
#define HH_CONTROL_REPLY_MAX 65536
int hh_control_ask(const char *path, const json_t *req, int timeout_ms, json_t **reply,
                   hh_error *err);

#endif
