/* Unit tests for agent_election: the leader election as a pure function
 * (membership, engine health, standby, priority, stickiness, quorum, the
 * incumbent a synced view agrees on, the hand-over). */
#include "config.h"

#include "agent_election.h"
#include "tap.h"

#define ID(n) HH_MEMBER_ID(n, 100 + (n))

/* A known, healthy member of node n, priority 100. */
static hh_elect_member mem(uint32_t n)
{
    hh_elect_member m = {.id = ID(n), .known = true, .healthy = true, .priority = 100};

    return m;
}

static hh_elect_result run(const hh_elect_member *m, size_t n, uint32_t self, uint32_t incumbent,
                           bool quorate)
{
    hh_elect_input in = {.members = m,
                         .n = n,
                         .self = self != 0 ? ID(self) : 0,
                         .incumbent = incumbent != 0 ? ID(incumbent) : 0,
                         .synced = true,
                         .quorate = quorate};

    return hh_elect_decide(&in);
}

static uint32_t node(hh_member_id id)
{
    return HH_MEMBER_NODEID(id);
}

int main(void)
{
    hh_elect_member m[4];
    hh_elect_result r;

    plan_lazy();

    /* membership: the lowest node id of a fresh view */
    m[0] = mem(3), m[1] = mem(1), m[2] = mem(2);
    is_int(node(hh_elect_best(m, 3)), 1, "best of 3, 1, 2 is node 1");
    r = run(m, 3, 1, 0, true);
    is_int(node(r.elected), 1, "fresh view elects node 1");
    is_int(node(r.leader), 1, "and reports it as leader");
    is_int(r.action, HH_ELECT_PROMOTE, "node 1 promotes");
    r = run(m, 3, 2, 0, true);
    is_int(node(r.elected), 1, "node 2 elects node 1 too");
    is_int(r.action, HH_ELECT_STANDBY, "node 2 stands by");
    is_int(hh_elect_best(m, 0), 0, "an empty view elects nobody");
    is_int(run(m, 0, 1, 0, true).action, HH_ELECT_STANDBY, "alone outside the view: standby");

    /* ties within a node go to the lowest pid */
    {
        hh_elect_member t[2] = {mem(1), mem(1)};

        t[0].id = HH_MEMBER_ID(1, 500);
        t[1].id = HH_MEMBER_ID(1, 400);
        is_int(HH_MEMBER_PID(hh_elect_best(t, 2)), 400, "same node: lowest pid wins");
    }

    /* health and standby */
    m[1].healthy = false;
    r = run(m, 3, 2, 0, true);
    is_int(node(r.elected), 2, "node 1 unhealthy: node 2 elected");
    is_int(r.action, HH_ELECT_PROMOTE, "node 2 promotes");
    m[1].healthy = true;
    m[1].standby = true;
    is_int(node(run(m, 3, 2, 0, true).elected), 2, "node 1 in standby: node 2 elected");
    m[1].standby = false;
    m[1].known = false;
    is_int(node(run(m, 3, 2, 0, true).elected), 2, "node 1 never announced: not eligible");
    m[1].known = true;
    m[0].healthy = m[1].healthy = m[2].healthy = false;
    r = run(m, 3, 1, 0, true);
    is_int(r.elected, 0, "nobody healthy: nobody elected");
    is_int(r.leader, 0, "and no leader");
    is_int(r.action, HH_ELECT_STANDBY, "every node stands by");
    m[0].healthy = m[1].healthy = m[2].healthy = true;

    /* priority: highest first, then the lowest node id */
    m[0].priority = 150; /* node 3 */
    is_int(node(run(m, 3, 3, 0, true).elected), 3, "priority 150 beats lower ids");
    m[2].priority = 150; /* node 2 */
    is_int(node(run(m, 3, 3, 0, true).elected), 2, "equal priority: lowest id of them");
    m[0].priority = m[2].priority = 100;

    /* stickiness: a healthy incumbent keeps the role */
    r = run(m, 3, 2, 2, true);
    is_int(node(r.elected), 2, "incumbent node 2 stays though node 1 is in the view");
    is_int(r.action, HH_ELECT_PROMOTE, "incumbent keeps promoting");
    is_int(run(m, 3, 1, 2, true).action, HH_ELECT_STANDBY, "node 1 joined: stands by");
    m[0].priority = 200;
    is_int(node(run(m, 3, 3, 2, true).elected), 2, "higher priority joining: still sticky");
    m[0].priority = 100;
    m[2].healthy = false; /* node 2 */
    is_int(node(run(m, 3, 1, 2, true).elected), 1, "incumbent unhealthy: best takes over");
    m[2].healthy = true;
    m[2].standby = true;
    is_int(node(run(m, 3, 1, 2, true).elected), 1, "incumbent in standby: best takes over");
    m[2].standby = false;
    {
        hh_elect_member two[2] = {mem(3), mem(2)};

        is_int(node(run(two, 2, 2, 1, true).elected), 2, "incumbent left the view: best remains");
    }

    /* quorum: no quorum, no leader, no promotion */
    r = run(m, 3, 1, 1, false);
    is_int(r.leader, 0, "no quorum: no leader");
    is_int(r.action, HH_ELECT_STANDBY, "no quorum: the incumbent demotes");
    is_int(r.elected, 0, "no quorum: no incumbent remembered");
    is_int(run(m, 3, 1, 1, true).action, HH_ELECT_PROMOTE, "quorum back: promotes again");

    /* hand-over: wait while another member still holds the role */
    m[2].holding = true; /* node 2, no longer elected */
    r = run(m, 3, 1, 1, true);
    is_int(r.action, HH_ELECT_WAIT, "elected but node 2 still holds: wait");
    is_int(node(r.leader), 1, "the leader is node 1 all the same");
    is_int(run(m, 3, 2, 1, true).action, HH_ELECT_STANDBY, "the old holder is told to demote");
    m[2].holding = false;
    is_int(run(m, 3, 1, 1, true).action, HH_ELECT_PROMOTE, "once released: promote");
    m[1].holding = true; /* node 1 itself */
    m[2].holding = true;
    is_int(run(m, 3, 1, 1, true).action, HH_ELECT_PROMOTE, "a holder that is elected stays");
    m[1].holding = m[2].holding = false;
    {
        hh_elect_input in = {
            .members = m, .n = 3, .self = ID(1), .synced = true, .quorate = true, .hold_off = true};

        is_int(hh_elect_decide(&in).action, HH_ELECT_WAIT, "take-over delay: wait");
        m[1].holding = true;
        is_int(hh_elect_decide(&in).action, HH_ELECT_PROMOTE,
               "take-over delay does not demote a holder");
        m[1].holding = false;
    }

    /* a leader whose engine fails its health checks (agent_health.h) gives
     * up the leadership: the best healthy member is elected and promotes
     * once the old engine is demoted; healthy again, the old leader does
     * not take the role back */
    {
        hh_elect_member v[3] = {mem(1), mem(2), mem(3)};

        v[0].holding = true;
        v[0].healthy = false;
        v[0].leader = v[1].leader = v[2].leader = ID(1);
        r = run(v, 3, 1, 1, true);
        is_int(node(r.elected), 2, "leader unhealthy: node 2 elected");
        is_int(r.action, HH_ELECT_STANDBY, "the unhealthy leader is told to demote");
        r = run(v, 3, 2, 1, true);
        is_int(node(r.elected), 2, "node 2 elects itself too");
        is_int(r.action, HH_ELECT_WAIT, "node 2 waits while node 1's engine still holds");
        is_int(run(v, 3, 3, 1, true).action, HH_ELECT_STANDBY, "node 3 stands by");
        v[0].holding = false;
        is_int(run(v, 3, 2, 2, true).action, HH_ELECT_PROMOTE, "node 1 demoted: node 2 promotes");
        v[1].holding = true;
        v[0].healthy = true;
        r = run(v, 3, 1, 2, true);
        is_int(node(r.elected), 2, "node 1 healthy again: node 2 stays leader");
        is_int(r.action, HH_ELECT_STANDBY, "and node 1 stays standby");
        is_int(node(hh_elect_incumbent(v, 3)), 2, "a new view agrees: node 2 holds");
    }

    /* unsynced views: keep what is, take nothing */
    {
        hh_elect_input in = {.members = m,
                             .n = 3,
                             .self = ID(2),
                             .incumbent = ID(2),
                             .synced = false,
                             .quorate = true};

        r = hh_elect_decide(&in);
        is_int(r.action, HH_ELECT_WAIT, "unsynced incumbent keeps its role");
        is_int(node(r.elected), 2, "unsynced: incumbent unchanged");
        is_int(node(r.leader), 2, "unsynced: the incumbent is reported");
        in.self = ID(1);
        is_int(hh_elect_decide(&in).action, HH_ELECT_STANDBY,
               "unsynced: a better node does not promote");
        in.incumbent = 0;
        is_int(hh_elect_decide(&in).action, HH_ELECT_STANDBY,
               "unsynced, no incumbent: nobody promotes");
        in.self = ID(2);
        in.incumbent = ID(2);
        in.quorate = false;
        is_int(hh_elect_decide(&in).action, HH_ELECT_STANDBY, "unsynced without quorum: demote");
    }

    /* the incumbent a synced view agrees on */
    is_int(hh_elect_incumbent(m, 3), 0, "nobody holds, nobody named: no incumbent");
    m[0].holding = true; /* node 3 */
    is_int(node(hh_elect_incumbent(m, 3)), 3, "the holder is the incumbent");
    m[2].holding = true; /* node 2 as well, after a merge */
    is_int(node(hh_elect_incumbent(m, 3)), 2, "two holders: the better one");
    m[0].holding = m[2].holding = false;
    m[0].leader = ID(3); /* node 3 names itself, node 2 names node 3 */
    m[2].leader = ID(3);
    is_int(node(hh_elect_incumbent(m, 3)), 3, "no holder: the named leader");
    m[0].healthy = false;
    is_int(hh_elect_incumbent(m, 3), 0, "a named leader that is unhealthy is no incumbent");
    m[0].healthy = true;
    m[1].leader = ID(7);
    is_int(node(hh_elect_incumbent(m, 3)), 3, "a named non-member is ignored");
    m[2].known = false; /* a member whose state has not arrived names nobody */
    m[0].leader = 0;
    is_int(hh_elect_incumbent(m, 3), 0, "names count only from known members");

    /* a joiner computes what the old members compute */
    {
        hh_elect_member v[3] = {mem(2), mem(3), mem(1)};
        hh_member_id inc;

        v[0].holding = true; /* node 2 leads */
        v[0].leader = v[1].leader = ID(2);
        inc = hh_elect_incumbent(v, 3);
        for (uint32_t self = 1; self <= 3; self++) {
            r = run(v, 3, self, node(inc), true);
            is_int(node(r.elected), 2, "node %u: node 2 stays leader after node 1 joins", self);
        }
    }
    return done_testing();
}
