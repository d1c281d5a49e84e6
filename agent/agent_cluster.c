/* agent_cluster: CPG membership, quorum and the election protocol (see the
 * header). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <corosync/cpg.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>

#include "agent_cluster.h"
#include "agent_election.h"
#include "agent_clock.h"
#include "hh_log.h"

#define RECONNECT_MS 1000
#define RESEND_MS 50
#define NAME_MAX_LEN 64

/* What the agent knows of a member of the view. */
typedef struct member {
    hh_elect_member e;
    char name[NAME_MAX_LEN];
    char role[16];
    int64_t term;
} member;

struct hh_cluster {
    qb_loop_t *loop;
    hh_agent_engine *engine;
    char *group;
    char *node_name;
    int priority;
    unsigned takeover_delay_ms;
    void (*quorum_fn)(bool quorate, void *arg);
    void *quorum_arg;
    bool have_quorum; /* as last told to quorum_fn */
    bool standby;

    bool connected;
    cpg_handle_t cpg;
    quorum_handle_t quorum;
    votequorum_handle_t vq;
    int cpg_fd, vq_fd;
    uint32_t nodeid;
    hh_member_id self;

    bool quorate;
    bool synced;
    uint64_t view_digest;
    size_t n;
    member members[CPG_MEMBERS_MAX];
    hh_member_id incumbent;
    hh_member_id leader;
    uint64_t hold_off_until; /* ms */

    bool announce_pending;
    qb_loop_timer_handle reconnect_timer, resend_timer, hold_off_timer;
};

static member *find_member(hh_cluster *c, hh_member_id id)
{
    for (size_t i = 0; id != 0 && i < c->n; i++)
        if (c->members[i].e.id == id)
            return &c->members[i];
    return NULL;
}

static const char *member_name(const hh_cluster *c, hh_member_id id)
{
    for (size_t i = 0; id != 0 && i < c->n; i++)
        if (c->members[i].e.id == id && c->members[i].name[0] != '\0')
            return c->members[i].name;
    return "?";
}

static void on_hold_off(void *data);

/* Run the election on what this member knows now and apply its verdict to
 * the local engine. */
static void decide(hh_cluster *c)
{
    hh_elect_member em[CPG_MEMBERS_MAX];
    hh_elect_input in = {0};
    hh_elect_result r;
    uint64_t now = hh_agent_now_ms();

    for (size_t i = 0; i < c->n; i++)
        em[i] = c->members[i].e;
    in.members = em;
    in.n = c->n;
    in.self = c->connected ? c->self : 0;
    in.incumbent = c->incumbent;
    in.synced = c->connected && c->synced;
    in.quorate = c->connected && c->quorate;
    in.hold_off = now < c->hold_off_until;
    r = hh_elect_decide(&in);
    c->incumbent = r.elected;
    if (r.leader != c->leader) {
        if (r.leader != 0)
            hh_log_notice("leader: node %" PRIu32 " (%s)%s", HH_MEMBER_NODEID(r.leader),
                          member_name(c, r.leader), r.leader == c->self ? ", this node" : "");
        else
            hh_log_notice("no leader (%s)", !in.quorate  ? "no quorum"
                                            : !in.synced ? "membership changing"
                                                         : "no eligible member");
        c->leader = r.leader;
    }
    if (r.action == HH_ELECT_PROMOTE)
        hh_agent_engine_want(c->engine, true);
    else if (r.action == HH_ELECT_STANDBY)
        hh_agent_engine_want(c->engine, false);
    else if (in.hold_off && r.elected == c->self && c->hold_off_timer == 0)
        qb_loop_timer_add(c->loop, QB_LOOP_HIGH, (c->hold_off_until - now) * HH_NS_PER_MS, c,
                          on_hold_off, &c->hold_off_timer);
    if (in.quorate != c->have_quorum) {
        c->have_quorum = in.quorate;
        if (c->quorum_fn != NULL)
            c->quorum_fn(in.quorate, c->quorum_arg);
    }
}

static void on_hold_off(void *data)
{
    hh_cluster *c = data;

    c->hold_off_timer = 0;
    decide(c);
}

/* FNV-1a over the sorted member ids: the view a state belongs to. */
static uint64_t digest(const member *m, size_t n)
{
    hh_member_id ids[CPG_MEMBERS_MAX];
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++) {
        size_t j = i;

        while (j > 0 && ids[j - 1] > m[i].e.id) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = m[i].e.id;
    }
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 64; b += 8) {
            h ^= (ids[i] >> b) & 0xff;
            h *= 1099511628211ULL;
        }
    return h;
}

static void on_resend(void *data);

/* Multicast this member's state (retried shortly when corosync asks to). */
static void announce(hh_cluster *c)
{
    json_t *msg;
    char *text = NULL;
    char leader[24], view[24];
    struct iovec iov;
    cs_error_t rc;

    if (!c->connected)
        return;
    snprintf(leader, sizeof(leader), "%" PRIu64, c->leader);
    snprintf(view, sizeof(view), "%" PRIu64, c->view_digest);
    msg = json_pack("{s:s, s:s, s:b, s:b, s:b, s:i, s:s, s:s, s:I, s:s}", "t", "state", "name",
                    c->node_name, "healthy", hh_agent_engine_healthy(c->engine), "standby",
                    c->standby, "holding", hh_agent_engine_holding(c->engine), "priority",
                    c->priority, "leader", leader, "role", hh_agent_engine_role(c->engine), "term",
                    (json_int_t)hh_agent_engine_term(c->engine), "view", view);
    if (msg != NULL)
        text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (text == NULL) {
        hh_log_error("out of memory announcing the local state");
        return;
    }
    iov.iov_base = text;
    iov.iov_len = strlen(text);
    rc = cpg_mcast_joined(c->cpg, CPG_TYPE_AGREED, &iov, 1);
    free(text);
    c->announce_pending = rc != CS_OK;
    if (rc == CS_ERR_TRY_AGAIN && c->resend_timer == 0)
        qb_loop_timer_add(c->loop, QB_LOOP_HIGH, RESEND_MS * HH_NS_PER_MS, c, on_resend,
                          &c->resend_timer);
    else if (rc != CS_OK && rc != CS_ERR_TRY_AGAIN)
        hh_log_warning("corosync: cannot multicast the local state: error %d", (int)rc);
}

static void on_resend(void *data)
{
    hh_cluster *c = data;

    c->resend_timer = 0;
    if (c->announce_pending)
        announce(c);
}

static void apply_state(hh_cluster *c, member *m, json_t *msg)
{
    const char *name = json_string_value(json_object_get(msg, "name"));
    const char *role = json_string_value(json_object_get(msg, "role"));
    const char *leader = json_string_value(json_object_get(msg, "leader"));

    m->e.known = true;
    m->e.healthy = json_is_true(json_object_get(msg, "healthy"));
    m->e.standby = json_is_true(json_object_get(msg, "standby"));
    m->e.holding = json_is_true(json_object_get(msg, "holding"));
    m->e.priority = (int)json_integer_value(json_object_get(msg, "priority"));
    m->e.leader = leader != NULL ? strtoull(leader, NULL, 10) : 0;
    m->term = json_integer_value(json_object_get(msg, "term"));
    snprintf(m->name, sizeof(m->name), "%s", name != NULL ? name : "");
    snprintf(m->role, sizeof(m->role), "%s", role != NULL ? role : "unknown");
}

static void on_deliver(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
                       uint32_t pid, void *data, size_t len)
{
    hh_cluster *c = NULL;
    member *m;
    json_t *msg;
    const char *type, *view;

    cpg_context_get(handle, (void **)&c);
    m = find_member(c, HH_MEMBER_ID(nodeid, pid));
    msg = json_loadb(data, len, 0, NULL);
    type = json_string_value(json_object_get(msg, "t"));
    if (m == NULL || type == NULL) {
        json_decref(msg);
        return;
    }
    if (strcmp(type, "state") == 0) {
        view = json_string_value(json_object_get(msg, "view"));
        if (view == NULL || strtoull(view, NULL, 10) != c->view_digest) {
            json_decref(msg); /* sent in an earlier view: its sender speaks again */
            return;
        }
        apply_state(c, m, msg);
        if (!c->synced) {
            bool all = true;

            for (size_t i = 0; i < c->n; i++)
                all = all && c->members[i].e.known;
            if (all) {
                hh_elect_member em[CPG_MEMBERS_MAX];

                for (size_t i = 0; i < c->n; i++)
                    em[i] = c->members[i].e;
                c->synced = true;
                c->incumbent = hh_elect_incumbent(em, c->n);
            }
        }
    } else if (strcmp(type, "move") == 0 && c->synced) {
        const char *target = json_string_value(json_object_get(msg, "target"));
        member *t = target != NULL ? find_member(c, strtoull(target, NULL, 10)) : NULL;

        if (t != NULL && hh_elect_eligible(&t->e)) {
            hh_log_notice("leadership moved to node %" PRIu32 " (%s) by node %" PRIu32,
                          HH_MEMBER_NODEID(t->e.id), t->name, nodeid);
            c->incumbent = t->e.id;
        }
    }
    json_decref(msg);
    decide(c);
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *group,
                       const struct cpg_address *list, size_t n, const struct cpg_address *left,
                       size_t nleft, const struct cpg_address *joined, size_t njoined)
{
    hh_cluster *c = NULL;
    member next[CPG_MEMBERS_MAX];
    int quorate = 0;

    cpg_context_get(handle, (void **)&c);
    for (size_t i = 0; i < nleft; i++) {
        member *m = find_member(c, HH_MEMBER_ID(left[i].nodeid, left[i].pid));

        hh_log_notice("node %" PRIu32 " (%s) left the group: %s", left[i].nodeid,
                      m != NULL ? m->name : "?",
                      left[i].reason == CPG_REASON_NODEDOWN   ? "node down"
                      : left[i].reason == CPG_REASON_PROCDOWN ? "agent down"
                                                              : "left");
        if (m != NULL && m->e.holding && left[i].reason == CPG_REASON_NODEDOWN)
            c->hold_off_until = hh_agent_now_ms() + c->takeover_delay_ms;
    }
    for (size_t i = 0; i < njoined; i++)
        hh_log_info("node %" PRIu32 " joined the group", joined[i].nodeid);
    if (n > CPG_MEMBERS_MAX)
        n = CPG_MEMBERS_MAX;
    for (size_t i = 0; i < n; i++) {
        hh_member_id id = HH_MEMBER_ID(list[i].nodeid, list[i].pid);
        member *old = find_member(c, id);

        if (old != NULL) {
            next[i] = *old;
        } else {
            memset(&next[i], 0, sizeof(next[i]));
            next[i].e.id = id;
            snprintf(next[i].role, sizeof(next[i].role), "unknown");
        }
        next[i].e.known = false; /* until its state in this view arrives */
    }
    memcpy(c->members, next, n * sizeof(next[0]));
    c->n = n;
    c->view_digest = digest(c->members, n);
    c->synced = false;
    /* the CPG change comes before votequorum's notification of it */
    if (quorum_getquorate(c->quorum, &quorate) != CS_OK)
        quorate = 0;
    c->quorate = quorate != 0;
    decide(c);
    announce(c);
}

static void on_quorum(votequorum_handle_t handle, uint64_t context, uint32_t quorate, uint32_t n,
                      votequorum_node_t nodes[])
{
    hh_cluster *c = NULL;

    votequorum_context_get(handle, (void **)&c);
    if (c->quorate != (quorate != 0))
        hh_log_notice("quorum %s", quorate ? "gained" : "lost");
    c->quorate = quorate != 0;
    decide(c);
}

static void disconnect(hh_cluster *c);
static void on_reconnect(void *data);

static void lost(hh_cluster *c, const char *what, cs_error_t rc)
{
    hh_log_error("corosync connection lost (%s: error %d): demoting the local engine", what,
                 (int)rc);
    disconnect(c);
    decide(c); /* not connected: standby */
    if (c->reconnect_timer == 0)
        qb_loop_timer_add(c->loop, QB_LOOP_MED, RECONNECT_MS * HH_NS_PER_MS, c, on_reconnect,
                          &c->reconnect_timer);
}

/* Both corosync connections' descriptors: dispatch what arrived. */
static int32_t on_corosync_fd(int32_t fd, int32_t revents, void *data)
{
    hh_cluster *c = data;
    bool cpg = fd == c->cpg_fd;
    cs_error_t rc =
        cpg ? cpg_dispatch(c->cpg, CS_DISPATCH_ALL) : votequorum_dispatch(c->vq, CS_DISPATCH_ALL);

    if (rc != CS_OK && rc != CS_ERR_TRY_AGAIN)
        lost(c, cpg ? "cpg" : "votequorum", rc);
    return 0;
}

static void disconnect(hh_cluster *c)
{
    if (c->cpg_fd >= 0)
        qb_loop_poll_del(c->loop, c->cpg_fd);
    if (c->vq_fd >= 0)
        qb_loop_poll_del(c->loop, c->vq_fd);
    c->cpg_fd = c->vq_fd = -1;
    if (c->cpg != 0)
        cpg_finalize(c->cpg);
    if (c->quorum != 0)
        quorum_finalize(c->quorum);
    if (c->vq != 0)
        votequorum_finalize(c->vq);
    c->cpg = c->quorum = c->vq = 0;
    c->connected = false;
    c->quorate = false;
    c->synced = false;
    c->n = 0;
}

/* Connect to corosync and join the group; 0 or the failing step's
 * corosync error (logged once per outage by the caller). */
static cs_error_t connect_corosync(hh_cluster *c, const char **step)
{
    cpg_model_v1_data_t model = {
        .model = CPG_MODEL_V1, .cpg_deliver_fn = on_deliver, .cpg_confchg_fn = on_confchg};
    votequorum_callbacks_t vqcb = {.votequorum_quorum_notify_fn = on_quorum};
    quorum_callbacks_t qcb = {0};
    struct cpg_name name = {0};
    uint32_t qtype = 0;
    int quorate = 0;
    cs_error_t rc;

    name.length = (uint32_t)strlen(c->group);
    memcpy(name.value, c->group, name.length);
    *step = "quorum";
    if ((rc = quorum_initialize(&c->quorum, &qcb, &qtype)) != CS_OK)
        goto done;
    *step = "votequorum";
    if ((rc = votequorum_initialize(&c->vq, &vqcb)) != CS_OK ||
        (rc = votequorum_context_set(c->vq, c)) != CS_OK ||
        (rc = votequorum_trackstart(c->vq, 0, CS_TRACK_CHANGES)) != CS_OK ||
        (rc = votequorum_fd_get(c->vq, &c->vq_fd)) != CS_OK)
        goto done;
    *step = "cpg";
    if ((rc = cpg_model_initialize(&c->cpg, CPG_MODEL_V1, (cpg_model_data_t *)&model, c)) !=
            CS_OK ||
        (rc = cpg_local_get(c->cpg, &c->nodeid)) != CS_OK ||
        (rc = cpg_fd_get(c->cpg, &c->cpg_fd)) != CS_OK)
        goto done;
    c->self = HH_MEMBER_ID(c->nodeid, (uint32_t)getpid());
    *step = "cpg join";
    while ((rc = cpg_join(c->cpg, &name)) == CS_ERR_TRY_AGAIN) {
        struct timespec tick = {0, 10 * 1000 * 1000};

        nanosleep(&tick, NULL);
    }
    if (rc != CS_OK)
        goto done;
    if (quorum_getquorate(c->quorum, &quorate) == CS_OK)
        c->quorate = quorate != 0;
    qb_loop_poll_add(c->loop, QB_LOOP_HIGH, c->cpg_fd, POLLIN, c, on_corosync_fd);
    qb_loop_poll_add(c->loop, QB_LOOP_HIGH, c->vq_fd, POLLIN, c, on_corosync_fd);
    c->connected = true;
done:
    if (rc != CS_OK) {
        c->cpg_fd = c->vq_fd = -1; /* not polled yet */
        disconnect(c);
    }
    return rc;
}

static void on_reconnect(void *data)
{
    hh_cluster *c = data;
    const char *step = "";
    cs_error_t rc;

    c->reconnect_timer = 0;
    rc = connect_corosync(c, &step);
    if (rc == CS_OK) {
        hh_log_notice("connected to corosync: node %" PRIu32 ", group %s, %squorate", c->nodeid,
                      c->group, c->quorate ? "" : "not ");
        return;
    }
    hh_log_debug("corosync not reachable (%s: error %d); retrying", step, (int)rc);
    qb_loop_timer_add(c->loop, QB_LOOP_MED, RECONNECT_MS * HH_NS_PER_MS, c, on_reconnect,
                      &c->reconnect_timer);
}

int hh_cluster_new(qb_loop_t *loop, const hh_cluster_config *cfg, hh_agent_engine *engine,
                   hh_cluster **out)
{
    hh_cluster *c = calloc(1, sizeof(*c));

    *out = NULL;
    if (c == NULL || (c->group = strdup(cfg->group)) == NULL ||
        (c->node_name = strdup(cfg->node_name)) == NULL) {
        if (c != NULL)
            free(c->group);
        free(c);
        return ENOMEM;
    }
    c->loop = loop;
    c->engine = engine;
    c->priority = cfg->priority;
    c->takeover_delay_ms = cfg->takeover_delay_ms;
    c->quorum_fn = cfg->quorum_fn;
    c->quorum_arg = cfg->quorum_arg;
    c->cpg_fd = c->vq_fd = -1;
    on_reconnect(c);
    if (!c->connected)
        hh_log_warning("corosync is not reachable; retrying every %d ms", RECONNECT_MS);
    *out = c;
    return 0;
}

void hh_cluster_local_changed(hh_cluster *c)
{
    announce(c);
}

void hh_cluster_set_standby(hh_cluster *c, bool on)
{
    if (c->standby == on)
        return;
    c->standby = on;
    hh_log_notice("standby %s", on ? "on: this node gives up the leadership" : "off");
    announce(c);
}

int hh_cluster_move(hh_cluster *c, const char *node, hh_error *err)
{
    member *t = NULL;
    char *end = NULL;
    unsigned long id = strtoul(node, &end, 10);
    char target[24];
    json_t *msg;
    char *text = NULL;
    struct iovec iov;
    cs_error_t rc;

    if (!c->connected || !c->synced || !c->quorate)
        return hh_error_set(err, EAGAIN, NULL, "the cluster has no quorum or is changing");
    for (size_t i = 0; i < c->n && t == NULL; i++)
        if (strcmp(c->members[i].name, node) == 0 ||
            (*end == '\0' && end != node && HH_MEMBER_NODEID(c->members[i].e.id) == id))
            t = &c->members[i];
    if (t == NULL)
        return hh_error_set(err, HH_ENOTFOUND, NULL, "no member named %s", node);
    if (!hh_elect_eligible(&t->e))
        return hh_error_set(err, HH_EINVAL, NULL, "node %s cannot lead: %s", node,
                            t->e.standby ? "in standby" : "engine unhealthy");
    snprintf(target, sizeof(target), "%" PRIu64, t->e.id);
    msg = json_pack("{s:s, s:s}", "t", "move", "target", target);
    if (msg != NULL)
        text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (text == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    iov.iov_base = text;
    iov.iov_len = strlen(text);
    rc = cpg_mcast_joined(c->cpg, CPG_TYPE_AGREED, &iov, 1);
    free(text);
    if (rc != CS_OK)
        return hh_error_set(err, EAGAIN, NULL, "corosync refused the message (error %d)", (int)rc);
    return 0;
}

json_t *hh_cluster_status(const hh_cluster *c)
{
    json_t *members = json_array(), *st, *leader = json_null();
    struct votequorum_info info = {0};
    bool have_info = c->connected && votequorum_getinfo(c->vq, 0, &info) == CS_OK;

    for (size_t i = 0; members != NULL && i < c->n; i++) {
        const member *m = &c->members[i];

        json_array_append_new(members,
                              json_pack("{s:I, s:I, s:s, s:b, s:b, s:b, s:b, s:i, s:s, s:I, s:b}",
                                        "nodeid", (json_int_t)HH_MEMBER_NODEID(m->e.id), "pid",
                                        (json_int_t)HH_MEMBER_PID(m->e.id), "name", m->name,
                                        "known", m->e.known, "healthy", m->e.healthy, "standby",
                                        m->e.standby, "holding", m->e.holding, "priority",
                                        m->e.priority, "role", m->role, "term", (json_int_t)m->term,
                                        "leader", c->leader != 0 && m->e.id == c->leader));
        if (c->leader != 0 && m->e.id == c->leader)
            leader = json_pack("{s:I, s:s, s:I}", "nodeid", (json_int_t)HH_MEMBER_NODEID(m->e.id),
                               "name", m->name, "term", (json_int_t)m->term);
    }
    st = json_pack("{s:I, s:s, s:s, s:b, s:b, s:b, s:b, s:o, s:o, s:o}", "nodeid",
                   (json_int_t)c->nodeid, "name", c->node_name, "group", c->group, "connected",
                   c->connected, "quorate", c->connected && c->quorate, "synced", c->synced,
                   "standby", c->standby, "votes",
                   have_info ? json_pack("{s:i, s:i, s:i}", "total", info.total_votes, "expected",
                                         info.node_expected_votes, "quorum", info.quorum)
                             : json_null(),
                   "leader", leader != NULL ? leader : json_null(), "members",
                   members != NULL ? members : json_array());
    return st;
}

void hh_cluster_leave(hh_cluster *c)
{
    struct cpg_name name = {0};

    if (c->connected) {
        name.length = (uint32_t)strlen(c->group);
        memcpy(name.value, c->group, name.length);
        (void)cpg_leave(c->cpg, &name);
    }
    disconnect(c);
}

void hh_cluster_free(hh_cluster *c)
{
    if (c == NULL)
        return;
    disconnect(c);
    qb_loop_timer_del(c->loop, c->reconnect_timer);
    qb_loop_timer_del(c->loop, c->resend_timer);
    qb_loop_timer_del(c->loop, c->hold_off_timer);
    free(c->group);
    free(c->node_name);
    free(c);
}
