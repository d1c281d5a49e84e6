/* agent_clock: the one clock of heat-ha-agent's timers and windows:
 * monotonic milliseconds (never steps with the wall clock). */
#ifndef HH_AGENT_CLOCK_H
#define HH_AGENT_CLOCK_H

#include <stdint.h>
#include <time.h>

#define HH_NS_PER_MS 1000000ULL

static inline uint64_t hh_agent_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / HH_NS_PER_MS;
}

#endif
