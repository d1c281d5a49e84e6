/* api_e2e: an API server (heat-api's or heat-api-cfn's) and the real
 * engine service in one process over the in-process transport, as
 * heat-all runs them, on a temporary SQLite store: the harness of the
 * end-to-end API tests. The client (the test's workflow) runs on its own
 * thread over HTTP; the main thread is the engine's owner loop. */
#ifndef HH_API_E2E_H
#define HH_API_E2E_H

#include "api_server.h"

/* Start the engine and a server of kind on a free loopback port, run
 * workflow(port) on a client thread until it returns, stop everything.
 * The TAP lines are the workflow's. Returns 0, or 99 (a hard error,
 * said on stderr) when the store, the engine or the server cannot start. */
int api_e2e_run(hh_api_kind kind, void (*workflow)(int port));

#endif
