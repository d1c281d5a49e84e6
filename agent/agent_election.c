/* agent_election: the leader election as a pure function (see the header). */
#include "config.h"

#include "agent_election.h"

bool hh_elect_eligible(const hh_elect_member *m)
{
    return m->known && m->healthy && !m->standby;
}

/* Does a beat b: higher priority, then lower node id, then lower pid. */
static bool better(const hh_elect_member *a, const hh_elect_member *b)
{
    if (a->priority != b->priority)
        return a->priority > b->priority;
    if (HH_MEMBER_NODEID(a->id) != HH_MEMBER_NODEID(b->id))
        return HH_MEMBER_NODEID(a->id) < HH_MEMBER_NODEID(b->id);
    return HH_MEMBER_PID(a->id) < HH_MEMBER_PID(b->id);
}

static const hh_elect_member *find(const hh_elect_member *members, size_t n, hh_member_id id)
{
    for (size_t i = 0; id != 0 && i < n; i++)
        if (members[i].id == id)
            return &members[i];
    return NULL;
}

/* The best eligible member for which pick(members, n, m) holds. */
static hh_member_id best_where(const hh_elect_member *members, size_t n,
                               bool (*pick)(const hh_elect_member *, size_t,
                                            const hh_elect_member *))
{
    const hh_elect_member *best = NULL;

    for (size_t i = 0; i < n; i++) {
        const hh_elect_member *m = &members[i];

        if (!hh_elect_eligible(m) || (pick != NULL && !pick(members, n, m)))
            continue;
        if (best == NULL || better(m, best))
            best = m;
    }
    return best != NULL ? best->id : 0;
}

hh_member_id hh_elect_best(const hh_elect_member *members, size_t n)
{
    return best_where(members, n, NULL);
}

static bool holds(const hh_elect_member *members, size_t n, const hh_elect_member *m)
{
    (void)members;
    (void)n;
    return m->holding;
}

static bool named_leader(const hh_elect_member *members, size_t n, const hh_elect_member *m)
{
    for (size_t i = 0; i < n; i++)
        if (members[i].known && members[i].leader == m->id)
            return true;
    return false;
}

hh_member_id hh_elect_incumbent(const hh_elect_member *members, size_t n)
{
    hh_member_id id = best_where(members, n, holds);

    return id != 0 ? id : best_where(members, n, named_leader);
}

hh_elect_result hh_elect_decide(const hh_elect_input *in)
{
    hh_elect_result r = {0};
    const hh_elect_member *inc = find(in->members, in->n, in->incumbent);
    const hh_elect_member *self = find(in->members, in->n, in->self);
    bool other_holds = false;

    if (!in->synced) {
        /* waiting for the view's states: keep what is, take nothing new */
        r.elected = in->incumbent;
        r.leader = in->quorate && inc != NULL ? inc->id : 0;
        r.action = in->quorate && in->self != 0 && in->incumbent == in->self ? HH_ELECT_WAIT
                                                                             : HH_ELECT_STANDBY;
        return r;
    }
    if (!in->quorate) {
        /* a partition without quorum keeps no leader, not even in memory:
         * when it merges back, it names nobody */
        r.action = HH_ELECT_STANDBY;
        return r;
    }
    r.elected = inc != NULL && hh_elect_eligible(inc) ? inc->id : hh_elect_best(in->members, in->n);
    if (r.elected == 0) {
        r.action = HH_ELECT_STANDBY;
        return r;
    }
    r.leader = r.elected;
    if (r.elected != in->self) {
        r.action = HH_ELECT_STANDBY;
        return r;
    }
    for (size_t i = 0; i < in->n; i++)
        if (in->members[i].id != in->self && in->members[i].known && in->members[i].holding)
            other_holds = true;
    if (self != NULL && self->holding)
        r.action = HH_ELECT_PROMOTE; /* stays active */
    else if (other_holds || in->hold_off)
        r.action = HH_ELECT_WAIT;
    else
        r.action = HH_ELECT_PROMOTE;
    return r;
}
