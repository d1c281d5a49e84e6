/* haproxy_gen: heat.conf [ha] -> haproxy.cfg, the front of the virtual IP.
 *
 * What is generated (heat-ha-haproxy(8) shows a whole file):
 *   - global: a stats (admin) socket at [ha] haproxy_stats_socket;
 *   - defaults: HTTP mode, timeouts ([ha] haproxy_timeout for clients and
 *     servers), retries 3, each on another server (the APIs keep no
 *     state), and layer-7 retries (empty or garbled answers, response
 *     timeouts, 502/503/504) for the idempotent methods only (RFC 9110:
 *     GET HEAD OPTIONS TRACE PUT DELETE); a connection that never reached
 *     a server is retried for any method;
 *   - frontends heat_api and heat_api_cfn on [ha] vip at [ha]
 *     haproxy_api_port and haproxy_api_cfn_port, bound "transparent" so the
 *     haproxy of every node can start while another node holds the address;
 *     X-Forwarded-For and X-Forwarded-Proto set;
 *   - backends over every [ha] nodes address at [heat_api] bind_port and
 *     [heat_api_cfn] bind_port, round robin, `option httpchk GET
 *     /healthcheck`, a check every [ha] haproxy_check_interval, out after 2
 *     failed checks, in after 2 good ones;
 *   - when [ha] galera_nodes is set, a TCP listener on the VIP at [ha]
 *     haproxy_galera_port whose first member is the only active server and
 *     the others `backup` (one writer at a time): sessions are cut when
 *     their server goes down, and the backups' sessions when the first
 *     member comes back, so two members never take writes at once.
 *
 * Nothing is written when the configuration is not usable: the checks run
 * first.
 */
#ifndef HH_HAPROXY_GEN_H
#define HH_HAPROXY_GEN_H

#include <stdio.h>

#include "hh_conf.h"
#include "hh_error.h"

/* Write the haproxy.cfg that conf (borrowed; its options registered with
 * hh_opts_register_all or _agent + _api) describes to out (borrowed).
 * Returns 0; HH_ECONFIG with err saying which [ha] key is wrong and why (no
 * virtual IP, no nodes, a node's address that is neither an IP address nor a
 * host name, a node name twice, a port of 0, ...; nothing written); or an
 * errno when writing failed. */
int hh_haproxy_write(const hh_conf *conf, FILE *out, hh_error *err);

#endif
