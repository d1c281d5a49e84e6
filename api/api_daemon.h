/* api_daemon: the main of the stateless API daemons, heat-api and
 * heat-api-cfn (one program each, the same start-up).
 *
 * Start-up, each failure with its own exit code (heat-api(8),
 * heat-api-cfn(8)):
 *   1. command line (the uniform daemon one)          2
 *   2. configuration files, the RPC transport named
 *      by [DEFAULT] transport_url                     3
 *   3. the listening address ([heat_api] or
 *      [heat_api_cfn] bind_host, bind_port)           4
 *   4. daemonise unless --foreground, then serve until SIGTERM or SIGINT
 *      (running requests finish); SIGHUP reopens the logs.
 * A fatal error after start exits 1.
 *
 * The daemon keeps no state (invariant 3): it reaches the engine only
 * through the RPC transport. The in-process transport ("inproc://") has no
 * engine in this process, so a daemon started with it answers but its
 * /healthcheck says 503; heat-all runs the same servers beside the engine.
 */
#ifndef HH_API_DAEMON_H
#define HH_API_DAEMON_H

#include "api_server.h"

/* Run the daemon serving kind; returns the exit status. */
int hh_api_daemon_main(int argc, char **argv, hh_api_kind kind);

#endif
