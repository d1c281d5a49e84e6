/* hh_opts: every option heat-ha knows, with Heat's names and defaults.
 *
 * The tables are grouped by who reads them; each program registers the
 * groups it uses (registering a table twice is harmless, so heat-all may
 * call both the engine and the API functions):
 *
 *   common  [DEFAULT] logging, host, messaging; [database];
 *           [oslo_messaging_rabbit]
 *   engine  [DEFAULT] stack limits, timeouts, software config defaults,
 *           stack domain; [trustee]; [clients_keystone]
 *   api     [DEFAULT] max_json_body_size; [heat_api]; [eventlet_opts]; [heat_api_cfn];
 *           [paste_deploy]; [keystone_authtoken]; [ec2authtoken]
 *   agent   [ha] (the HA agent and the HAProxy generator)
 *
 * Each function returns hh_conf_register's rc (0, or HH_EEXISTS / ENOMEM /
 * HH_EINTERNAL, which are bugs or out of memory).
 */
#ifndef HH_OPTS_H
#define HH_OPTS_H

#include "hh_conf.h"

int hh_opts_register_common(hh_conf *conf);
/* common + engine */
int hh_opts_register_engine(hh_conf *conf);
/* common + api */
int hh_opts_register_api(hh_conf *conf);
/* common + agent */
int hh_opts_register_agent(hh_conf *conf);
/* Everything, in the order the sample file and man page list it. */
int hh_opts_register_all(hh_conf *conf);

#endif
