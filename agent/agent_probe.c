/* agent_probe: asynchronous HTTP health checks (see the header). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "agent_clock.h"
#include "agent_health.h"
#include "agent_probe.h"

#define ANSWER_MAX 256 /* the status line is all a check reads */
#define REQUEST_MAX 512

struct hh_probe {
    qb_loop_t *loop;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    char url[300];
    char request[REQUEST_MAX];
    hh_probe_fn fn;
    void *arg;

    int fd; /* -1: no check in flight */
    bool sent;
    size_t len;
    char buf[ANSWER_MAX];
    qb_loop_timer_handle timer;
};

/* End the check in flight; report (code, why) unless quiet. */
static void finish(hh_probe *p, int code, const char *why, bool quiet)
{
    if (p->fd >= 0) {
        qb_loop_poll_del(p->loop, p->fd);
        close(p->fd);
        p->fd = -1;
    }
    qb_loop_timer_del(p->loop, p->timer);
    p->timer = 0;
    if (!quiet)
        p->fn(p->arg, code, why);
}

static int32_t on_io(int32_t fd, int32_t revents, void *data)
{
    hh_probe *p = data;
    char why[96];
    int soerr = 0, code = 0, rc;
    socklen_t sl = sizeof(soerr);
    ssize_t r;

    if (!p->sent) {
        size_t n = strlen(p->request);

        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0)
            soerr = errno;
        if (soerr == 0 && send(fd, p->request, n, MSG_NOSIGNAL) != (ssize_t)n)
            soerr = errno != 0 ? errno : EIO;
        if (soerr != 0) {
            snprintf(why, sizeof(why), "connect: %s", strerror(soerr));
            finish(p, 0, why, false);
            return 0;
        }
        p->sent = true;
        qb_loop_poll_mod(p->loop, QB_LOOP_MED, fd, POLLIN, p, on_io);
        return 0;
    }
    r = recv(fd, p->buf + p->len, sizeof(p->buf) - p->len, 0);
    if (r < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (r < 0) {
        snprintf(why, sizeof(why), "read: %s", strerror(errno));
        finish(p, 0, why, false);
        return 0;
    }
    p->len += (size_t)r;
    rc = hh_http_status_parse(p->buf, p->len, &code);
    if (rc == 0)
        finish(p, code, NULL, false);
    else if (rc != EAGAIN || r == 0 || p->len == sizeof(p->buf))
        finish(p, 0, r == 0 && rc == EAGAIN ? "closed before an answer" : "the answer is not HTTP",
               false);
    return 0;
}

static void on_timeout(void *data)
{
    hh_probe *p = data;

    p->timer = 0;
    finish(p, 0, p->sent ? "no answer in time" : "connect: no answer in time", false);
}

int hh_probe_new(qb_loop_t *loop, const char *host, int port, const char *path, hh_probe_fn fn,
                 void *arg, hh_probe **out)
{
    hh_probe *p;
    struct sockaddr_in *in4;
    struct sockaddr_in6 *in6;
    const char *ask = host;
    bool v6 = strchr(host, ':') != NULL;

    *out = NULL;
    if (port < 1 || port > 65535)
        return EINVAL;
    if ((p = calloc(1, sizeof(*p))) == NULL)
        return ENOMEM;
    in4 = (struct sockaddr_in *)&p->addr;
    in6 = (struct sockaddr_in6 *)&p->addr;
    if (strcmp(host, "0.0.0.0") == 0)
        ask = "127.0.0.1";
    else if (strcmp(host, "::") == 0)
        ask = "::1";
    if (v6) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        p->addrlen = sizeof(*in6);
    } else {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        p->addrlen = sizeof(*in4);
    }
    if (inet_pton(v6 ? AF_INET6 : AF_INET, ask,
                  v6 ? (void *)&in6->sin6_addr : (void *)&in4->sin_addr) != 1) {
        free(p);
        return EINVAL;
    }
    snprintf(p->url, sizeof(p->url), v6 ? "http://[%s]:%d%s" : "http://%s:%d%s", ask, port, path);
    snprintf(p->request, sizeof(p->request),
             v6 ? "GET %s HTTP/1.0\r\nHost: [%s]:%d\r\nUser-Agent: heat-ha-agent\r\n"
                  "Connection: close\r\n\r\n"
                : "GET %s HTTP/1.0\r\nHost: %s:%d\r\nUser-Agent: heat-ha-agent\r\n"
                  "Connection: close\r\n\r\n",
             path, ask, port);
    p->loop = loop;
    p->fn = fn;
    p->arg = arg;
    p->fd = -1;
    *out = p;
    return 0;
}

void hh_probe_start(hh_probe *p, unsigned timeout_ms)
{
    char why[96];

    finish(p, 0, NULL, true);
    p->sent = false;
    p->len = 0;
    p->fd = socket(p->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (p->fd < 0 ||
        (connect(p->fd, (struct sockaddr *)&p->addr, p->addrlen) != 0 && errno != EINPROGRESS)) {
        snprintf(why, sizeof(why), "connect: %s", strerror(errno));
        finish(p, 0, why, false);
        return;
    }
    if (qb_loop_poll_add(p->loop, QB_LOOP_MED, p->fd, POLLOUT, p, on_io) != 0) {
        close(p->fd);
        p->fd = -1;
        finish(p, 0, "cannot poll the connection", false);
        return;
    }
    qb_loop_timer_add(p->loop, QB_LOOP_MED, (uint64_t)timeout_ms * HH_NS_PER_MS, p, on_timeout,
                      &p->timer);
}

void hh_probe_cancel(hh_probe *p)
{
    finish(p, 0, NULL, true);
}

const char *hh_probe_url(const hh_probe *p)
{
    return p->url;
}

void hh_probe_free(hh_probe *p)
{
    if (p == NULL)
        return;
    finish(p, 0, NULL, true);
    free(p);
}
