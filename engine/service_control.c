/* service_control: line-delimited JSON on a Unix socket (see the header). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "hh_log.h"
#include "service_control.h"

typedef struct client {
    int fd; /* -1: free slot */
    size_t len;
    char buf[HH_CONTROL_LINE_MAX + 1];
} client;

struct hh_control {
    int fd;
    char *path;
    hh_control_fn fn;
    void *arg;
    client clients[HH_CONTROL_MAX_CLIENTS];
};

static int make_parent(const char *path)
{
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char *slash;

    snprintf(dir, sizeof(dir), "%s", path);
    slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir)
        return 0;
    *slash = '\0';
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return errno;
    return 0;
}

int hh_control_open(const char *path, hh_control_fn fn, void *arg, hh_control **out, hh_error *err)
{
    struct sockaddr_un sa;
    hh_control *c = NULL;
    int rc = 0;

    *out = NULL;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    if (path == NULL || path[0] == '\0' || strlen(path) >= sizeof(sa.sun_path))
        return hh_error_set(err, ENAMETOOLONG, NULL,
                            "control socket path is empty or longer than %zu bytes",
                            sizeof(sa.sun_path) - 1);
    memcpy(sa.sun_path, path, strlen(path) + 1);
    c = calloc(1, sizeof(*c));
    if (c == NULL || (c->path = strdup(path)) == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    c->fn = fn;
    c->arg = arg;
    for (size_t i = 0; i < HH_CONTROL_MAX_CLIENTS; i++)
        c->clients[i].fd = -1;
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        rc = hh_error_set(err, errno, NULL, "control socket: %s", strerror(errno));
        goto done;
    }
    if ((rc = make_parent(path)) != 0) {
        hh_error_set(err, rc, NULL, "control socket %s: cannot create its directory: %s", path,
                     strerror(rc));
        goto done;
    }
    if (unlink(path) != 0 && errno != ENOENT) {
        rc = hh_error_set(err, errno, NULL, "control socket %s: %s", path, strerror(errno));
        goto done;
    }
    if (bind(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || chmod(path, 0660) != 0 ||
        listen(c->fd, 16) != 0) {
        rc = hh_error_set(err, errno, NULL, "control socket %s: %s", path, strerror(errno));
        goto done;
    }
    *out = c;
    c = NULL;
done:
    if (c != NULL) {
        if (c->fd > 0)
            close(c->fd);
        free(c->path);
        free(c);
    }
    return rc;
}

void hh_control_set_arg(hh_control *c, void *arg)
{
    c->arg = arg;
}

size_t hh_control_pollfds(const hh_control *c, struct pollfd *fds)
{
    size_t n = 0;
    bool room = false;

    for (size_t i = 0; i < HH_CONTROL_MAX_CLIENTS; i++) {
        if (c->clients[i].fd < 0) {
            room = true;
            continue;
        }
        fds[n].fd = c->clients[i].fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        n++;
    }
    /* With every slot taken the listener is not polled: new clients wait in
     * the backlog instead of being refused. */
    fds[n].fd = room ? c->fd : -1;
    fds[n].events = POLLIN;
    fds[n].revents = 0;
    return n + 1;
}

static void drop(client *cl)
{
    close(cl->fd);
    cl->fd = -1;
    cl->len = 0;
}

/* Write all of buf or give up: a client that does not read its replies is
 * dropped instead of blocking the loop. */
static bool send_all(int fd, const char *buf, size_t len)
{
    int tries = 0;

    while (len > 0) {
        ssize_t w = send(fd, buf, len, MSG_NOSIGNAL);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && tries++ < 100) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, 10);
            continue;
        }
        if (w <= 0)
            return false;
        buf += w;
        len -= (size_t)w;
    }
    return true;
}

static bool reply(hh_control *c, client *cl, json_t *ans)
{
    char *text = NULL;
    bool ok;

    if (ans != NULL)
        text = json_dumps(ans, JSON_COMPACT);
    json_decref(ans);
    if (text == NULL) {
        hh_log_error("control: out of memory answering a request");
        return false;
    }
    ok = send_all(cl->fd, text, strlen(text)) && send_all(cl->fd, "\n", 1);
    free(text);
    (void)c;
    return ok;
}

static bool serve_line(hh_control *c, client *cl, const char *line, size_t len)
{
    json_error_t jerr;
    json_t *req, *ans;

    req = json_loadb(line, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (req == NULL) {
        hh_log_warning("control: request is not JSON: %s", jerr.text);
        return reply(c, cl, json_pack("{s:s+}", "error", "request is not JSON: ", jerr.text));
    }
    ans = c->fn(req, c->arg);
    json_decref(req);
    return reply(c, cl, ans);
}

static void serve(hh_control *c, client *cl)
{
    for (int rounds = 0; rounds < 64; rounds++) {
        ssize_t r = recv(cl->fd, cl->buf + cl->len, HH_CONTROL_LINE_MAX + 1 - cl->len, 0);
        char *nl;

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (r <= 0) {
            drop(cl);
            return;
        }
        cl->len += (size_t)r;
        while ((nl = memchr(cl->buf, '\n', cl->len)) != NULL) {
            size_t line = (size_t)(nl - cl->buf);

            if (!serve_line(c, cl, cl->buf, line)) {
                drop(cl);
                return;
            }
            memmove(cl->buf, nl + 1, cl->len - line - 1);
            cl->len -= line + 1;
        }
        if (cl->len > HH_CONTROL_LINE_MAX) {
            hh_log_warning("control: request longer than %d bytes; connection closed",
                           HH_CONTROL_LINE_MAX);
            (void)reply(c, cl, json_pack("{s:s}", "error", "request line too long"));
            drop(cl);
            return;
        }
    }
}

static void accept_clients(hh_control *c)
{
    for (size_t i = 0; i < HH_CONTROL_MAX_CLIENTS; i++) {
        int fd;

        if (c->clients[i].fd >= 0)
            continue;
        fd = accept4(c->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                hh_log_warning("control: accept: %s", strerror(errno));
            return;
        }
        c->clients[i].fd = fd;
        c->clients[i].len = 0;
    }
}

void hh_control_dispatch(hh_control *c, const struct pollfd *fds, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (fds[k].fd < 0 || fds[k].revents == 0)
            continue;
        if (fds[k].fd == c->fd) {
            accept_clients(c);
            continue;
        }
        for (size_t i = 0; i < HH_CONTROL_MAX_CLIENTS; i++)
            if (c->clients[i].fd == fds[k].fd) {
                serve(c, &c->clients[i]);
                break;
            }
    }
}

void hh_control_free(hh_control *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < HH_CONTROL_MAX_CLIENTS; i++)
        if (c->clients[i].fd >= 0)
            close(c->clients[i].fd);
    close(c->fd);
    unlink(c->path);
    free(c->path);
    free(c);
}

int hh_control_ask(const char *path, const json_t *req, int timeout_ms, json_t **reply,
                   hh_error *err)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    char *text = NULL, *buf = NULL;
    size_t len = 0;
    int fd = -1, rc = 0;

    *reply = NULL;
    if (strlen(path) >= sizeof(sa.sun_path)) {
        rc = hh_error_set(err, ENAMETOOLONG, NULL, "%s: path too long", path);
        goto done;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    text = json_dumps(req, JSON_COMPACT | JSON_ENCODE_ANY);
    buf = malloc(HH_CONTROL_REPLY_MAX + 1);
    if (text == NULL || buf == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0 ||
        connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        rc = errno == EAGAIN || errno == EINPROGRESS ? ETIMEDOUT : errno;
        hh_error_set(err, rc, NULL, "%s: %s", path, strerror(rc));
        goto done;
    }
    if (send(fd, text, strlen(text), MSG_NOSIGNAL) < 0 || send(fd, "\n", 1, MSG_NOSIGNAL) < 0) {
        rc = errno == EAGAIN ? ETIMEDOUT : errno;
        hh_error_set(err, rc, NULL, "%s: %s", path, strerror(rc));
        goto done;
    }
    while (memchr(buf, '\n', len) == NULL) {
        ssize_t r;

        if (len == HH_CONTROL_REPLY_MAX) {
            rc = hh_error_set(err, EPROTO, NULL, "%s: the reply is longer than %d bytes", path,
                              HH_CONTROL_REPLY_MAX);
            goto done;
        }
        r = recv(fd, buf + len, HH_CONTROL_REPLY_MAX - len, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            rc = r == 0 ? ECONNRESET : errno == EAGAIN ? ETIMEDOUT : errno;
            hh_error_set(err, rc, NULL, "%s: no answer: %s", path, strerror(rc));
            goto done;
        }
        len += (size_t)r;
    }
    *reply = json_loadb(buf, (size_t)((char *)memchr(buf, '\n', len) - buf), JSON_DECODE_ANY, NULL);
    if (*reply == NULL)
        rc = hh_error_set(err, EPROTO, NULL, "%s: the reply is not JSON", path);
done:
    free(text);
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}
