/* agent_election: the leader election of heat-ha-agent as a pure function.
 *
 * Every agent of the CPG group computes the same answer from the same
 * inputs: the group's view (CPG delivers views and messages in one agreed
 * order to every member), the last state each member announced in that
 * view, and the incumbent leader, which every synced member advances alike.
 *
 * Election: of the eligible members (a state announced in this view, the
 * local engine healthy, not in standby), the incumbent keeps the role while
 * it stays eligible (stickiness: a better member joining changes nothing);
 * otherwise the member with the highest [ha] priority wins, ties going to
 * the lowest node id (then the lowest pid). Only a quorate member acts:
 * without quorum there is no leader, and no incumbent is remembered.
 *
 * Hand-over: the elected member promotes its engine only once no other
 * member of the view announces that its engine holds the active role, so
 * two engines are never told to be active at once (a moved or unhealthy
 * leader demotes first and says so).
 */
#ifndef HH_AGENT_ELECTION_H
#define HH_AGENT_ELECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A CPG member: node id in the high 32 bits, pid in the low ones; 0 is
 * nobody. */
typedef uint64_t hh_member_id;

#define HH_MEMBER_ID(nodeid, pid) (((uint64_t)(nodeid) << 32) | (uint32_t)(pid))
#define HH_MEMBER_NODEID(id) ((uint32_t)((id) >> 32))
#define HH_MEMBER_PID(id) ((uint32_t)((id)&0xffffffffu))

/* What a member announced about itself (its latest state message of the
 * current view). */
typedef struct hh_elect_member {
    hh_member_id id;
    bool known;          /* it announced a state in this view */
    bool healthy;        /* its local engine answers its health checks */
    bool standby;        /* maintenance: never elected */
    bool holding;        /* its engine holds the active role */
    int priority;        /* [ha] priority: higher wins */
    hh_member_id leader; /* whom it takes for the leader (0: nobody) */
} hh_elect_member;

/* What the local agent should do with its engine. */
typedef enum hh_elect_action {
    HH_ELECT_STANDBY = 0, /* demote (or stay standby) */
    HH_ELECT_WAIT,        /* elected, but another member still holds the role,
                             or the take-over delay runs: stay as is */
    HH_ELECT_PROMOTE,     /* become (or stay) active */
} hh_elect_action;

typedef struct hh_elect_input {
    const hh_elect_member *members; /* the view, borrowed, n entries */
    size_t n;
    hh_member_id self;      /* this agent */
    hh_member_id incumbent; /* the leader so far (0: none) */
    bool synced;            /* every member of the view announced a state in it */
    bool quorate;           /* this node's partition has quorum (asked now) */
    bool hold_off;          /* a holder was lost with its node: wait before taking over */
} hh_elect_input;

typedef struct hh_elect_result {
    hh_member_id elected; /* the incumbent from now on (0: nobody eligible,
                             or no quorum) */
    hh_member_id leader;  /* the leader as this node reports it: elected when
                             quorate and synced, else 0 */
    hh_elect_action action;
} hh_elect_result;

/* True when m may be elected. */
bool hh_elect_eligible(const hh_elect_member *m);

/* The member of the n (borrowed) that wins without an incumbent: highest
 * priority, then lowest node id, then lowest pid, among the eligible; 0
 * when none is. */
hh_member_id hh_elect_best(const hh_elect_member *members, size_t n);

/* The incumbent once a view is synced, from the states announced in it:
 * the best eligible member whose engine holds the role; else the best
 * eligible member some member takes for the leader; else 0 (the election
 * then picks hh_elect_best). Every member of the view gets the same
 * answer, a member that just joined too. */
hh_member_id hh_elect_incumbent(const hh_elect_member *members, size_t n);

/* The election itself (see the file comment); in is borrowed. Unsynced,
 * the incumbent is kept as it is (the agent waits for the view's states)
 * and the action never promotes a member that does not already hold the
 * role. */
hh_elect_result hh_elect_decide(const hh_elect_input *in);

#endif
