/* The option tables of heat-ha. Names, types and defaults follow Heat 19 and
 * the oslo libraries it uses (oslo.config, oslo.log, oslo.messaging,
 * oslo.db, keystonemiddleware, keystoneauth1) so an existing heat.conf loads
 * unchanged; options Heat removed long ago but which seed deployments still
 * carry (verbose, rpc_backend, rabbit_host...) are accepted as deprecated.
 *
 * Secret-bearing URLs ([DEFAULT] transport_url, [database] connection) are
 * not marked secret: hh_conf_log_values masks the password inside any URL,
 * and operators need to see the host part when debugging. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_opts.h"

#define CHOICES(...)                                                                               \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

/* [ha] nodes item: "name:address", name of letters, digits, '.', '-', '_'. */
static bool check_node(const char *text, char *why, size_t len)
{
    const char *colon = strchr(text, ':');
    bool good = colon != NULL && colon != text && colon[1] != '\0';

    for (const char *p = text; good && p < colon; p++)
        good = isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '_';
    if (!good)
        snprintf(why, len, "name:address");
    return good;
}

/* host or host:port, a bracketed IPv6 address as [addr]:port. */
static bool check_host_port(const char *text, char *why, size_t len)
{
    const char *port = NULL;
    bool good = text[0] != '\0' && text[0] != ':';

    if (good && text[0] == '[') {
        const char *close = strchr(text, ']');

        good = close != NULL && close != text + 1 && (close[1] == '\0' || close[1] == ':');
        port = good && close[1] == ':' ? close + 2 : NULL;
    } else if (good) {
        port = strrchr(text, ':');
        port = port ? port + 1 : NULL;
    }
    if (good && port != NULL) {
        char *end = NULL;
        long n = strtol(port, &end, 10);

        good = *port != '\0' && *end == '\0' && n > 0 && n <= 65535;
    }
    if (!good)
        snprintf(why, len, "host or host:port");
    return good;
}

/* ---- common: every program ---- */

static const hh_opt default_common[] = {
    {.group = "DEFAULT",
     .name = "host",
     .type = HH_OPT_STR,
     .help = "Name of this node as the engines know it; an opaque identifier, not "
             "necessarily a host name or address. Unset means the system host name."},
    {.group = "DEFAULT",
     .name = "debug",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Log at debug level instead of the default info level."},
    {.group = "DEFAULT",
     .name = "verbose",
     .type = HH_OPT_BOOL,
     .def = "true",
     .deprecated_reason = "info level logging is always on; the option has no effect",
     .help = "Log at info level. Kept so that old configuration files still load; "
             "has no effect."},
    {.group = "DEFAULT",
     .name = "log_file",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "logfile"}},
     .help = "File to write log lines to, as well as syslog. Relative names are "
             "taken from log_dir. Unset means no log file."},
    {.group = "DEFAULT",
     .name = "log_dir",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "logdir"}},
     .help = "Directory of a relative log_file."},
    {.group = "DEFAULT",
     .name = "use_syslog",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Send log lines to syslog (facility LOG_DAEMON)."},
    {.group = "DEFAULT",
     .name = "use_stderr",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Also write log lines to standard error. Daemons started with "
             "--foreground always do."},
    {.group = "DEFAULT",
     .name = "transport_url",
     .type = HH_OPT_STR,
     .def = "rabbit://",
     .help = "Messaging back end and credentials as a URL: "
             "driver://[user:pass@]host:port[,[userN:passN@]hostN:portN]/virtual_host. "
             "\"rabbit://\" alone takes the host and credentials from "
             "[oslo_messaging_rabbit]; \"inproc://\" keeps RPC inside heat-all. "
             "Passwords in the URL are masked in logs."},
    {.group = "DEFAULT",
     .name = "control_exchange",
     .type = HH_OPT_STR,
     .def = "heat",
     .help = "The AMQP topic exchange RPC requests go through; every engine "
             "and API of one cloud must name the same."},
    {.group = "DEFAULT",
     .name = "rpc_backend",
     .type = HH_OPT_STR,
     .def = "rabbit",
     .deprecated_reason = "use transport_url",
     .help = "Messaging driver name from before transport_url. Accepted and "
             "ignored."},
    {.group = "DEFAULT",
     .name = "rpc_response_timeout",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds to wait for the reply to an RPC call."},
    {.group = "DEFAULT",
     .name = "max_template_size",
     .type = HH_OPT_INT,
     .def = "524288",
     .min = "1",
     .help = "Largest template accepted, in bytes."},
    {.group = "DEFAULT",
     .name = "auth_encryption_key",
     .type = HH_OPT_STR,
     .def = "notgood but just long enough i t",
     .secret = true,
     .help = "Key that encrypts credentials and hidden parameters stored in the "
             "database. Must be 32 characters; all engines and APIs of a cloud "
             "must share it."},
    {.group = "DEFAULT",
     .name = "region_name_for_services",
     .type = HH_OPT_STR,
     .help = "Region whose endpoints are taken from the service catalog. Unset "
             "means the region of the request's token."},
    HH_OPT_END,
};

static const hh_opt database[] = {
    {.group = "database",
     .name = "connection",
     .type = HH_OPT_STR,
     .deprecated = {{.group = "DEFAULT", .name = "sql_connection"},
                    {.group = "sql", .name = "connection"}},
     .help = "Database URL, SQLAlchemy style: "
             "mysql+pymysql://user:password@host/heat or sqlite:///path. "
             "The password is masked in logs."},
    {.group = "database",
     .name = "max_retries",
     .type = HH_OPT_INT,
     .def = "10",
     .min = "-1",
     .deprecated = {{.group = "DEFAULT", .name = "sql_max_retries"}},
     .help = "How many times to retry connecting at start-up; -1 retries for "
             "ever."},
    {.group = "database",
     .name = "retry_interval",
     .type = HH_OPT_INT,
     .def = "10",
     .min = "0",
     .deprecated = {{.group = "DEFAULT", .name = "sql_retry_interval"},
                    {.name = "reconnect_interval"}},
     .help = "Seconds between attempts to connect to the database."},
    {.group = "database",
     .name = "max_pool_size",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "0",
     .help = "Most database connections a process keeps open; 0 means no limit."},
    {.group = "database",
     .name = "connection_recycle_time",
     .type = HH_OPT_INT,
     .def = "3600",
     .min = "1",
     .deprecated = {{.name = "idle_timeout"}},
     .help = "Seconds after which a pooled connection is closed and opened "
             "again, to stay under the server's wait_timeout."},
    {.group = "database",
     .name = "db_max_retries",
     .type = HH_OPT_INT,
     .def = "20",
     .min = "0",
     .help = "How many times a MySQL transaction that the server aborted (deadlock "
             "or Galera certification conflict 1213, lock wait timeout 1205, lost "
             "connection 2006/2013) is run again whole, every statement of it, "
             "before the error is returned."},
    {.group = "database",
     .name = "db_retry_interval",
     .type = HH_OPT_INT,
     .def = "1",
     .min = "0",
     .help = "Seconds before the first re-run of an aborted transaction."},
    {.group = "database",
     .name = "db_inc_retry_interval",
     .type = HH_OPT_BOOL,
     .def = "true",
     .help = "Whether the wait doubles at each further re-run, up to "
             "db_max_retry_interval."},
    {.group = "database",
     .name = "db_max_retry_interval",
     .type = HH_OPT_INT,
     .def = "10",
     .min = "0",
     .help = "Longest wait in seconds before a re-run of an aborted transaction."},
    {.group = "database",
     .name = "mysql_sql_mode",
     .type = HH_OPT_STR,
     .def = "TRADITIONAL",
     .help = "The sql_mode of every MySQL session (ANSI_QUOTES is always "
             "added: heat-ha's SQL quotes names with double quotes). Long text "
             "is fitted to its column before it is written, so the strict "
             "modes never fail a write."},
    {.group = "database",
     .name = "sqlite_synchronous",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "For an sqlite:// connection: whether each commit is also "
             "synced to disk before it returns (SQLite synchronous=FULL). "
             "False (synchronous=NORMAL in WAL mode, never OFF) keeps every "
             "commit through the death of the process at any point, which is "
             "what the engine's crash recovery needs, but a power loss or a "
             "kernel crash may undo the last commits (the database stays "
             "consistent, as a killed engine would have left it). True also "
             "keeps them through a power loss, at the cost of one disk sync "
             "(milliseconds on most disks) per state change."},
    HH_OPT_END,
};

static const hh_opt rabbit[] = {
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_host",
     .type = HH_OPT_STR,
     .def = "localhost",
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ host, used when transport_url names no host."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_port",
     .type = HH_OPT_PORT,
     .def = "5672",
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ port, used with rabbit_host."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_hosts",
     .type = HH_OPT_LIST,
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ cluster members as host:port, tried in turn. Unset means "
             "rabbit_host and rabbit_port."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_userid",
     .type = HH_OPT_STR,
     .def = "guest",
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ user name."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_password",
     .type = HH_OPT_STR,
     .def = "guest",
     .secret = true,
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ password."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_virtual_host",
     .type = HH_OPT_STR,
     .def = "/",
     .deprecated_reason = "use [DEFAULT] transport_url",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "RabbitMQ virtual host."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_ha_queues",
     .type = HH_OPT_BOOL,
     .def = "false",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "Declare queues mirrored across the RabbitMQ cluster (x-ha-policy: "
             "all). RabbitMQ 3.0 and later mirror by policy instead; changing this "
             "needs the RabbitMQ database wiped."},
    {.group = "oslo_messaging_rabbit",
     .name = "heartbeat_timeout_threshold",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "0",
     .help = "Seconds without AMQP heartbeats after which the broker is taken "
             "to be down and the connection is made again (heartbeats go every "
             "half of it); 0 turns heartbeats off."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_retry_interval",
     .type = HH_OPT_INT,
     .def = "1",
     .min = "1",
     .help = "Seconds before the first retry of a failed connection to RabbitMQ."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_retry_backoff",
     .type = HH_OPT_INT,
     .def = "2",
     .min = "0",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "Seconds added to the wait after each further failed connection "
             "attempt."},
    {.group = "oslo_messaging_rabbit",
     .name = "rabbit_interval_max",
     .type = HH_OPT_INT,
     .def = "30",
     .min = "1",
     .help = "Longest wait in seconds between two rounds of connection "
             "attempts over every broker."},
    {.group = "oslo_messaging_rabbit",
     .name = "kombu_reconnect_delay",
     .type = HH_OPT_FLOAT,
     .def = "1.0",
     .min = "0",
     .help = "Seconds to wait after a lost connection before connecting "
             "again (to the next broker of transport_url)."},
    {.group = "oslo_messaging_rabbit",
     .name = "amqp_durable_queues",
     .type = HH_OPT_BOOL,
     .def = "false",
     .deprecated = {{.group = "DEFAULT"}},
     .help = "Declare durable queues, which survive a broker restart."},
    HH_OPT_END,
};

/* ---- engine ---- */

static const hh_opt default_engine[] = {
    {.group = "DEFAULT",
     .name = "state_path",
     .type = HH_OPT_STR,
     .def = "/var/lib/heat-ha",
     .help = "Directory heat-all keeps its state in, created when missing: its "
             "pid file, and its SQLite database (sqlite:///STATE_PATH/heat.sqlite) "
             "when [database] connection is unset."},
    {.group = "DEFAULT",
     .name = "report_interval",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds between an engine's heartbeats in the service table. An "
             "engine not heard from for twice this long is shown as down."},
    {.group = "DEFAULT",
     .name = "graceful_shutdown_timeout",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds heat-engine waits, once told to stop, for the steps its "
             "workers are running to finish before it exits anyway."},
    {.group = "DEFAULT",
     .name = "num_engine_workers",
     .type = HH_OPT_INT,
     .min = "1",
     .help = "Number of heat-engine worker processes. Unset means the number of "
             "CPUs, but at least 4."},
    {.group = "DEFAULT",
     .name = "max_nested_stack_depth",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "1",
     .help = "Deepest nesting of stacks within stacks."},
    {.group = "DEFAULT",
     .name = "max_resources_per_stack",
     .type = HH_OPT_INT,
     .def = "1000",
     .min = "-1",
     .help = "Most resources in one top-level stack, nested stacks included; "
             "-1 means no limit."},
    {.group = "DEFAULT",
     .name = "max_stacks_per_tenant",
     .type = HH_OPT_INT,
     .def = "512",
     .min = "-1",
     .help = "Most stacks one project may have at a time; -1 means no limit."},
    {.group = "DEFAULT",
     .name = "max_events_per_stack",
     .type = HH_OPT_INT,
     .def = "1000",
     .min = "0",
     .help = "About how many events a stack keeps; older events are purged. 0 "
             "keeps them all."},
    {.group = "DEFAULT",
     .name = "event_purge_batch_size",
     .type = HH_OPT_INT,
     .def = "200",
     .min = "1",
     .help = "Events deleted per purge once a stack has more than "
             "max_events_per_stack. Smaller keeps more events but purges more often."},
    {.group = "DEFAULT",
     .name = "max_snapshots_per_stack",
     .type = HH_OPT_INT,
     .def = "32",
     .min = "-1",
     .help = "Most snapshots one stack may have; -1 means no limit."},
    {.group = "DEFAULT",
     .name = "stack_action_timeout",
     .type = HH_OPT_INT,
     .def = "3600",
     .min = "1",
     .help = "Seconds a stack action (create, update, delete...) may run when "
             "the request gives no timeout."},
    {.group = "DEFAULT",
     .name = "action_retry_limit",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "0",
     .help = "Times to retry bringing a failed resource to a good state; 0 "
             "turns retries off."},
    {.group = "DEFAULT",
     .name = "client_retry_limit",
     .type = HH_OPT_INT,
     .def = "2",
     .min = "0",
     .help = "Times to retry a call to another service after an error known to "
             "be intermittent; 0 turns retries off."},
    {.group = "DEFAULT",
     .name = "error_wait_time",
     .type = HH_OPT_INT,
     .def = "240",
     .min = "0",
     .help = "Seconds that tasks running in parallel may go on after one of "
             "them failed, before they are cancelled."},
    {.group = "DEFAULT",
     .name = "template_fetch_timeout",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds to wait for a template, environment or file given by URL."},
    {.group = "DEFAULT",
     .name = "enable_stack_abandon",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Allow stack abandon (delete a stack but keep its resources)."},
    {.group = "DEFAULT",
     .name = "enable_stack_adopt",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Allow stack adopt (create a stack from existing resources)."},
    {.group = "DEFAULT",
     .name = "observe_on_update",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "On update, read resources' actual properties and converge them to "
             "the new template."},
    {.group = "DEFAULT",
     .name = "stack_scheduler_hints",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Pass the stack's identity (heat_root_stack_id, heat_stack_id, "
             "heat_stack_name, heat_path_in_stack, heat_resource_name, "
             "heat_resource_uuid) as scheduler hints when creating servers and "
             "volumes."},
    {.group = "DEFAULT",
     .name = "hidden_stack_tags",
     .type = HH_OPT_LIST,
     .def = "data-processing-cluster",
     .help = "Stacks with any of these tags are left out of stack lists."},
    {.group = "DEFAULT",
     .name = "heat_metadata_server_url",
     .type = HH_OPT_STR,
     .help = "URL servers use to reach the CloudFormation-compatible metadata "
             "API. Unset means the endpoint in the Keystone catalog."},
    {.group = "DEFAULT",
     .name = "heat_waitcondition_server_url",
     .type = HH_OPT_STR,
     .help = "URL servers use to signal wait conditions, the CFN API's "
             ".../v1/waitcondition: the base of the URLs that "
             "AWS::CloudFormation::WaitConditionHandle and CFN_SIGNAL handles "
             "give. Unset means http://127.0.0.1:8000/v1/waitcondition, "
             "heat-all on loopback."},
    {.group = "DEFAULT",
     .name = "heat_watch_server_url",
     .type = HH_OPT_STR,
     .deprecated_reason = "the CloudWatch API was removed",
     .help = "URL of the CloudWatch-compatible API. Accepted and ignored."},
    {.group = "DEFAULT",
     .name = "stack_domain_admin",
     .type = HH_OPT_STR,
     .help = "Keystone user allowed to manage users and projects in the stack "
             "user domain."},
    {.group = "DEFAULT",
     .name = "stack_domain_admin_password",
     .type = HH_OPT_STR,
     .secret = true,
     .help = "Password of stack_domain_admin."},
    {.group = "DEFAULT",
     .name = "stack_user_domain_id",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "stack_user_domain"}},
     .help = "ID of the Keystone domain that holds users created by templates. "
             "When set, stack_user_domain_name is ignored."},
    {.group = "DEFAULT",
     .name = "stack_user_domain_name",
     .type = HH_OPT_STR,
     .help = "Name of the Keystone domain that holds users created by templates."},
    {.group = "DEFAULT",
     .name = "environment_dir",
     .type = HH_OPT_STR,
     .def = "/etc/heat/environment.d",
     .help = "Directory of global environment files, loaded in name order."},
    {.group = "DEFAULT",
     .name = "template_dir",
     .type = HH_OPT_STR,
     .def = "/etc/heat/templates",
     .help = "Directory of templates that environments may refer to by file name."},
    {.group = "DEFAULT",
     .name = "deferred_auth_method",
     .type = HH_OPT_CHOICE,
     .def = "trusts",
     .choices = CHOICES("password", "trusts"),
     .deprecated_reason = "stored passwords do not work with Keystone v3",
     .help = "How the engine acts for the user later: with a Keystone trust, "
             "or with the stored password."},
    {.group = "DEFAULT",
     .name = "default_software_config_transport",
     .type = HH_OPT_CHOICE,
     .def = "POLL_SERVER_CFN",
     .choices = CHOICES("POLL_SERVER_CFN", "POLL_SERVER_HEAT", "POLL_TEMP_URL", "ZAQAR_MESSAGE"),
     .help = "How servers fetch software configuration metadata when the "
             "template does not say: through the CloudFormation API with a "
             "keypair (POLL_SERVER_CFN), the Heat API with Keystone credentials "
             "(POLL_SERVER_HEAT), a Swift TempURL (POLL_TEMP_URL) or a Zaqar "
             "queue (ZAQAR_MESSAGE)."},
    {.group = "DEFAULT",
     .name = "default_deployment_signal_transport",
     .type = HH_OPT_CHOICE,
     .def = "CFN_SIGNAL",
     .choices = CHOICES("CFN_SIGNAL", "TEMP_URL_SIGNAL", "HEAT_SIGNAL", "ZAQAR_SIGNAL"),
     .help = "How servers return deployment outputs when the template does not "
             "say: a signed CloudFormation URL (CFN_SIGNAL), a Swift TempURL "
             "(TEMP_URL_SIGNAL), the Heat API (HEAT_SIGNAL) or a Zaqar queue "
             "(ZAQAR_SIGNAL)."},
    {.group = "DEFAULT",
     .name = "default_user_data_format",
     .type = HH_OPT_CHOICE,
     .def = "HEAT_CFNTOOLS",
     .choices = CHOICES("HEAT_CFNTOOLS", "RAW", "SOFTWARE_CONFIG"),
     .help = "How a server's user_data is packaged when the template does not "
             "say: with heat-cfntools boot data (HEAT_CFNTOOLS), unchanged (RAW) "
             "or inside software config data (SOFTWARE_CONFIG)."},
    HH_OPT_END,
};

/* keystoneauth1 password plugin options, as Heat reads them for [trustee]. */
static const hh_opt trustee[] = {
    {.group = "trustee",
     .name = "auth_type",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "auth_plugin"}},
     .help = "Authentication plugin of the trustee user; only \"password\" is "
             "supported."},
    {.group = "trustee",
     .name = "auth_url",
     .type = HH_OPT_STR,
     .help = "Keystone URL the trustee authenticates against."},
    {.group = "trustee",
     .name = "username",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "user_name"}},
     .help = "User that receives trusts and acts for users later."},
    {.group = "trustee",
     .name = "password",
     .type = HH_OPT_STR,
     .secret = true,
     .help = "Password of the trustee user."},
    {.group = "trustee",
     .name = "user_domain_id",
     .type = HH_OPT_STR,
     .help = "Domain ID of the trustee user."},
    {.group = "trustee",
     .name = "user_domain_name",
     .type = HH_OPT_STR,
     .help = "Domain name of the trustee user."},
    HH_OPT_END,
};

static const hh_opt clients_keystone[] = {
    {.group = "clients_keystone",
     .name = "auth_uri",
     .type = HH_OPT_STR,
     .def = "",
     .help = "Unversioned Keystone URL, e.g. http://controller:5000, used by "
             "the engine's Keystone client."},
    {.group = "clients_heat",
     .name = "url",
     .type = HH_OPT_STR,
     .def = "",
     .help = "The native API's URL with a %(tenant_id)s placeholder, e.g. "
             "http://controller:8004/v1/%(tenant_id)s: the base of the signal "
             "URLs that wait condition handles give (TOKEN_SIGNAL endpoint, "
             "HEAT_SIGNAL alarm_url). Unset means "
             "http://127.0.0.1:8004/v1/%(tenant_id)s, heat-all on loopback."},
    HH_OPT_END,
};

/* ---- API ---- */

static const hh_opt default_api[] = {
    {.group = "DEFAULT",
     .name = "max_json_body_size",
     .type = HH_OPT_INT,
     .def = "1048576",
     .min = "1",
     .help = "Largest JSON request body accepted, in bytes; keep it above "
             "max_template_size."},
    HH_OPT_END,
};

static const hh_opt heat_api[] = {
    {.group = "heat_api",
     .name = "bind_host",
     .type = HH_OPT_IP,
     .def = "0.0.0.0",
     .help = "Address heat-api listens on."},
    {.group = "heat_api",
     .name = "bind_port",
     .type = HH_OPT_PORT,
     .def = "8004",
     .help = "Port heat-api listens on."},
    {.group = "heat_api",
     .name = "workers",
     .type = HH_OPT_INT,
     .def = "0",
     .min = "0",
     .help = "Worker threads serving requests; 0 means one per CPU."},
    {.group = "heat_api",
     .name = "max_header_line",
     .type = HH_OPT_INT,
     .def = "16384",
     .min = "1",
     .help = "Longest request header line accepted, in bytes; Keystone v3 "
             "tokens with large catalogs may need more."},
    {.group = "heat_api",
     .name = "tcp_keepidle",
     .type = HH_OPT_INT,
     .def = "600",
     .min = "1",
     .help = "Seconds a connection is idle before TCP keepalive probes start "
             "(TCP_KEEPIDLE)."},
    {.group = "heat_api",
     .name = "backlog",
     .type = HH_OPT_INT,
     .def = "4096",
     .min = "1",
     .help = "Length of heat-api's queue of connections not yet accepted."},
    {.group = "heat_api",
     .name = "heat_api_root",
     .type = HH_OPT_STR,
     .help = "Root of the Heat API URL as clients see it, e.g. "
             "https://example.com/orchestration/v1. Set it when heat-api is not at the root "
             "of its web server: links and Location headers are built from it. Unset: from "
             "the request's scheme and host (X-Forwarded-Proto, X-Forwarded-Host and "
             "X-Forwarded-Prefix honoured)."},
    HH_OPT_END,
};

/* Heat's [eventlet_opts]: kept under that name for existing heat.conf files. */
static const hh_opt eventlet_opts[] = {
    {.group = "eventlet_opts",
     .name = "wsgi_keep_alive",
     .type = HH_OPT_BOOL,
     .def = "true",
     .help = "Keep HTTP connections open between requests (HTTP/1.1 keep-alive); false "
             "closes each connection after its response."},
    {.group = "eventlet_opts",
     .name = "client_socket_timeout",
     .type = HH_OPT_INT,
     .def = "900",
     .min = "0",
     .help = "Seconds an idle HTTP connection is kept open before the API servers close "
             "it; 0 means never."},
    HH_OPT_END,
};

static const hh_opt heat_api_cfn[] = {
    {.group = "heat_api_cfn",
     .name = "bind_host",
     .type = HH_OPT_IP,
     .def = "0.0.0.0",
     .help = "Address heat-api-cfn listens on."},
    {.group = "heat_api_cfn",
     .name = "bind_port",
     .type = HH_OPT_PORT,
     .def = "8000",
     .help = "Port heat-api-cfn listens on."},
    {.group = "heat_api_cfn",
     .name = "workers",
     .type = HH_OPT_INT,
     .def = "1",
     .min = "0",
     .help = "Worker threads serving requests; 0 means one per CPU."},
    {.group = "heat_api_cfn",
     .name = "max_header_line",
     .type = HH_OPT_INT,
     .def = "16384",
     .min = "1",
     .help = "Longest request header line accepted, in bytes."},
    {.group = "heat_api_cfn",
     .name = "tcp_keepidle",
     .type = HH_OPT_INT,
     .def = "600",
     .min = "1",
     .help = "Seconds a connection is idle before TCP keepalive probes start "
             "(TCP_KEEPIDLE)."},
    {.group = "heat_api_cfn",
     .name = "backlog",
     .type = HH_OPT_INT,
     .def = "4096",
     .min = "1",
     .help = "Length of heat-api-cfn's queue of connections not yet accepted."},
    HH_OPT_END,
};

static const hh_opt paste_deploy[] = {
    {.group = "paste_deploy",
     .name = "flavor",
     .type = HH_OPT_STR,
     .help = "Pipeline flavor of Heat's paste configuration. heat-ha builds its "
             "pipeline in code and accepts only unset or \"keystone\"."},
    {.group = "paste_deploy",
     .name = "api_paste_config",
     .type = HH_OPT_STR,
     .def = "api-paste.ini",
     .help = "Heat's paste configuration file. Accepted for compatibility; "
             "heat-ha does not read it."},
    HH_OPT_END,
};

static const hh_opt keystone_authtoken[] = {
    {.group = "keystone_authtoken",
     .name = "www_authenticate_uri",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "auth_uri"}},
     .help = "Public Keystone URL sent to clients in WWW-Authenticate when a "
             "token is missing or invalid."},
    {.group = "keystone_authtoken",
     .name = "auth_type",
     .type = HH_OPT_STR,
     .deprecated = {{.name = "auth_plugin"}},
     .help = "Authentication plugin of the service user that validates tokens; "
             "only \"password\" is supported."},
    {.group = "keystone_authtoken",
     .name = "auth_url",
     .type = HH_OPT_STR,
     .help = "Keystone URL the service user authenticates against."},
    {.group = "keystone_authtoken",
     .name = "project_domain_id",
     .type = HH_OPT_STR,
     .help = "Domain ID of the service user's project."},
    {.group = "keystone_authtoken",
     .name = "project_domain_name",
     .type = HH_OPT_STR,
     .help = "Domain name of the service user's project."},
    {.group = "keystone_authtoken",
     .name = "user_domain_id",
     .type = HH_OPT_STR,
     .help = "Domain ID of the service user."},
    {.group = "keystone_authtoken",
     .name = "user_domain_name",
     .type = HH_OPT_STR,
     .help = "Domain name of the service user."},
    {.group = "keystone_authtoken",
     .name = "project_name",
     .type = HH_OPT_STR,
     .help = "Project of the service user."},
    {.group = "keystone_authtoken",
     .name = "username",
     .type = HH_OPT_STR,
     .help = "Service user that validates tokens."},
    {.group = "keystone_authtoken",
     .name = "password",
     .type = HH_OPT_STR,
     .secret = true,
     .help = "Password of the service user."},
    {.group = "keystone_authtoken",
     .name = "memcached_servers",
     .type = HH_OPT_LIST,
     .check = check_host_port,
     .deprecated = {{.name = "memcache_servers"}},
     .help = "memcached servers (host:port) to cache validated tokens in. Unset "
             "caches them in each process."},
    {.group = "keystone_authtoken",
     .name = "region_name",
     .type = HH_OPT_STR,
     .help = "Region of the Keystone endpoint."},
    HH_OPT_END,
};

static const hh_opt ec2authtoken[] = {
    {.group = "ec2authtoken",
     .name = "auth_uri",
     .type = HH_OPT_STR,
     .help = "Keystone URL that validates EC2 signatures for heat-api-cfn."},
    {.group = "ec2authtoken",
     .name = "multi_cloud",
     .type = HH_OPT_BOOL,
     .def = "false",
     .help = "Let requests name the Keystone to validate against (orchestration "
             "of several clouds)."},
    HH_OPT_END,
};

/* ---- agent: heat-ha's own ---- */

static const hh_opt ha[] = {
    {.group = "ha",
     .name = "node_name",
     .type = HH_OPT_STR,
     .help = "This node's name in [ha] nodes. Unset means [DEFAULT] host, else "
             "the system host name."},
    {.group = "ha",
     .name = "nodes",
     .type = HH_OPT_LIST,
     .check = check_node,
     .help = "Every controller of the cluster as name:address, e.g. "
             "ctl1:10.0.0.11, ctl2:10.0.0.12, ctl3:10.0.0.13. The HAProxy "
             "configuration lists each address as an API back end."},
    {.group = "ha",
     .name = "vip",
     .type = HH_OPT_IP,
     .help = "Virtual IP address the APIs are published on; it moves to a "
             "healthy node when its holder fails. Unset means no virtual IP."},
    {.group = "ha",
     .name = "vip_prefix",
     .type = HH_OPT_INT,
     .def = "24",
     .min = "1",
     .max = "128",
     .help = "Prefix length of the virtual IP's network."},
    {.group = "ha",
     .name = "vip_interface",
     .type = HH_OPT_STR,
     .help = "Network interface the virtual IP is added to. Unset means the "
             "interface whose network contains the address."},
    {.group = "ha",
     .name = "priority",
     .type = HH_OPT_INT,
     .def = "100",
     .min = "0",
     .max = "255",
     .help = "Preference for leading: of the nodes whose engine is healthy, "
             "heat-ha-agent elects the one with the highest priority, ties going to "
             "the lowest corosync node id; a healthy leader keeps the role when a "
             "better node joins. The virtual IP follows the same order, ties "
             "going to the lowest node name."},
    {.group = "ha",
     .name = "control_socket",
     .type = HH_OPT_STR,
     .def = "/run/heat-ha/engine.sock",
     .help = "Unix socket on which heat-engine answers the agent's health and "
             "control requests."},
    {.group = "ha",
     .name = "agent_socket",
     .type = HH_OPT_STR,
     .def = "/run/heat-ha/agent.sock",
     .help = "Unix socket on which heat-ha-agent answers the operator's status, "
             "move-leader and standby commands."},
    {.group = "ha",
     .name = "cpg_group",
     .type = HH_OPT_STR,
     .def = "heat-ha",
     .help = "Corosync process group the agents of one cluster join."},
    {.group = "ha",
     .name = "takeover_delay",
     .type = HH_OPT_FLOAT,
     .def = "0.5",
     .min = "0",
     .max = "60",
     .help = "Seconds a newly elected agent waits before promoting its engine "
             "when the previous leader was lost with its node (not when its "
             "agent or engine stopped or failed): the time the lost node needs "
             "to notice it lost quorum and demote its own engine."},
    {.group = "ha",
     .name = "engine_command",
     .type = HH_OPT_STR,
     .help = "Command line (split at white space, no shell) with which "
             "heat-ha-agent starts and supervises the local heat-engine, e.g. "
             "heat-engine -f --config-file /etc/heat/heat.conf. The engine dies "
             "with its agent. Unset means the engine is started otherwise."},
    {.group = "ha",
     .name = "api_command",
     .type = HH_OPT_STR,
     .help = "Command line with which heat-ha-agent starts and supervises the "
             "local heat-api. Unset means heat-api is not supervised."},
    {.group = "ha",
     .name = "api_cfn_command",
     .type = HH_OPT_STR,
     .help = "Command line with which heat-ha-agent starts and supervises the "
             "local heat-api-cfn. Unset means heat-api-cfn is not supervised."},
    {.group = "ha",
     .name = "restart_delay",
     .type = HH_OPT_FLOAT,
     .def = "1",
     .min = "0.1",
     .help = "Seconds before a supervised service that exited is started again; "
             "doubled for each further exit within crash_loop_window."},
    {.group = "ha",
     .name = "restart_delay_max",
     .type = HH_OPT_FLOAT,
     .def = "30",
     .min = "0.1",
     .help = "Longest delay before a supervised service is started again."},
    {.group = "ha",
     .name = "crash_loop_count",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "1",
     .help = "Exits of a supervised service within crash_loop_window after which "
             "it is declared in a crash loop and no longer restarted (the engine "
             "then stays unhealthy and never leads)."},
    {.group = "ha",
     .name = "crash_loop_window",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds over which a supervised service's exits are counted."},
    {.group = "ha",
     .name = "engine_health_interval",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "1",
     .help = "Seconds between health checks of the local heat-engine."},
    {.group = "ha",
     .name = "engine_health_timeout",
     .type = HH_OPT_INT,
     .def = "15",
     .min = "1",
     .help = "Seconds heat-ha-agent waits for the local heat-engine's answer to "
             "one health check or role change; no answer in time is a failed check."},
    {.group = "ha",
     .name = "engine_health_failures",
     .type = HH_OPT_INT,
     .def = "3",
     .min = "1",
     .max = "100",
     .help = "Failed health checks in a row (no answer in time, its database "
             "unreachable, or its RPC transport down with engine_check_broker) "
             "after which the local engine is unhealthy and its node gives up "
             "the leadership; one good answer makes it healthy again. An engine "
             "that is not running is unhealthy at once."},
    {.group = "ha",
     .name = "engine_check_broker",
     .type = HH_OPT_BOOL,
     .def = "true",
     .help = "Count an engine without its RPC transport ([DEFAULT] "
             "transport_url) as failing its health checks, as the heat-engine "
             "OCF agent's check_broker does. Set it false where no API process "
             "needs the engine over the broker."},
    {.group = "ha",
     .name = "api_health_interval",
     .type = HH_OPT_FLOAT,
     .def = "10",
     .min = "0.1",
     .max = "3600",
     .help = "Seconds between heat-ha-agent's health checks (GET /healthcheck on "
             "[heat_api] and [heat_api_cfn] bind_host and bind_port) of the heat-api "
             "and heat-api-cfn it supervises (api_command, api_cfn_command). Any HTTP "
             "answer counts: a 503 means no engine answers, not a stuck API."},
    {.group = "ha",
     .name = "api_health_timeout",
     .type = HH_OPT_FLOAT,
     .def = "10",
     .min = "0.1",
     .max = "3600",
     .help = "Seconds a supervised API has to answer one health check; keep it "
             "above the few seconds heat-api's /healthcheck waits for an engine."},
    {.group = "ha",
     .name = "api_health_failures",
     .type = HH_OPT_INT,
     .def = "3",
     .min = "1",
     .max = "100",
     .help = "Health checks in a row that a running supervised API does not answer "
             "after which heat-ha-agent kills it and starts it again (with "
             "restart_delay's backoff, counted towards crash_loop_count)."},
    {.group = "ha",
     .name = "api_start_timeout",
     .type = HH_OPT_FLOAT,
     .def = "30",
     .min = "0",
     .max = "3600",
     .help = "Seconds a supervised API that was just started has to answer its "
             "first health check; its unanswered checks count only after that."},
    {.group = "ha",
     .name = "no_quorum_policy",
     .type = HH_OPT_CHOICE,
     .def = "demote",
     .choices = CHOICES("demote", "stop"),
     .help = "What heat-ha-agent does with the local heat-engine while its node's "
             "partition has no quorum (or no corosync): demote it and keep it "
             "running as a standby (demote), or demote it and stop it, starting it "
             "again once quorum returns (stop; only for an engine it supervises). "
             "Either way no engine is active without quorum, and the supervised "
             "APIs keep running."},
    {.group = "ha",
     .name = "haproxy_config",
     .type = HH_OPT_STR,
     .def = "/etc/haproxy/haproxy.cfg",
     .help = "HAProxy configuration file that heat-ha-haproxy --write writes."},
    {.group = "ha",
     .name = "haproxy_stats_socket",
     .type = HH_OPT_STR,
     .def = "/run/haproxy/admin.sock",
     .help = "HAProxy admin socket, used to drain and enable back ends."},
    {.group = "ha",
     .name = "galera_nodes",
     .type = HH_OPT_LIST,
     .check = check_host_port,
     .help = "Galera cluster members as host:port. When set, the HAProxy "
             "configuration sends database traffic to one member at a time, "
             "with the others as backups."},
    {.group = "ha",
     .name = "haproxy_api_port",
     .type = HH_OPT_PORT,
     .def = "8004",
     .help = "Port of the heat-api frontend HAProxy publishes on the virtual IP. "
             "The back ends are every node's address at [heat_api] bind_port, so "
             "heat-api must listen on the node's own address ([heat_api] "
             "bind_host), not on every address, when HAProxy runs on the same "
             "node with the same port."},
    {.group = "ha",
     .name = "haproxy_api_cfn_port",
     .type = HH_OPT_PORT,
     .def = "8000",
     .help = "Port of the heat-api-cfn frontend on the virtual IP; the back ends "
             "are every node's address at [heat_api_cfn] bind_port."},
    {.group = "ha",
     .name = "haproxy_galera_port",
     .type = HH_OPT_PORT,
     .def = "3306",
     .help = "Port of the Galera frontend on the virtual IP (when galera_nodes is "
             "set)."},
    {.group = "ha",
     .name = "haproxy_check_interval",
     .type = HH_OPT_FLOAT,
     .def = "2",
     .min = "0.01",
     .max = "3600",
     .help = "Seconds between HAProxy's health checks of each back end (GET "
             "/healthcheck for the APIs, a TCP connection for Galera). Two failed "
             "checks take a server out, two good ones bring it back."},
    {.group = "ha",
     .name = "haproxy_timeout",
     .type = HH_OPT_INT,
     .def = "60",
     .min = "1",
     .help = "Seconds HAProxy waits for the next data from an API client or an "
             "API server before it closes the connection."},
    {.group = "ha",
     .name = "haproxy_galera_timeout",
     .type = HH_OPT_INT,
     .def = "3600",
     .min = "1",
     .help = "Seconds an idle database connection through HAProxy stays open."},
    HH_OPT_END,
};

static int register_tables(hh_conf *conf, const hh_opt *const *tables, size_t n)
{
    int rc = 0;

    for (size_t i = 0; i < n && rc == 0; i++)
        rc = hh_conf_register(conf, tables[i]);
    return rc;
}

#define REGISTER(conf, ...)                                                                        \
    do {                                                                                           \
        static const hh_opt *const tables_[] = {__VA_ARGS__};                                      \
        return register_tables(conf, tables_, sizeof(tables_) / sizeof(tables_[0]));               \
    } while (0)

int hh_opts_register_common(hh_conf *conf)
{
    REGISTER(conf, default_common, database, rabbit);
}

int hh_opts_register_engine(hh_conf *conf)
{
    REGISTER(conf, default_common, default_engine, database, rabbit, trustee, clients_keystone);
}

int hh_opts_register_api(hh_conf *conf)
{
    REGISTER(conf, default_common, default_api, database, rabbit, heat_api, eventlet_opts,
             heat_api_cfn, paste_deploy, keystone_authtoken, ec2authtoken);
}

int hh_opts_register_agent(hh_conf *conf)
{
    REGISTER(conf, default_common, database, rabbit, heat_api, heat_api_cfn, ha);
}

int hh_opts_register_all(hh_conf *conf)
{
    REGISTER(conf, default_common, default_engine, default_api, database, rabbit, trustee,
             clients_keystone, heat_api, eventlet_opts, heat_api_cfn, paste_deploy,
             keystone_authtoken, ec2authtoken, ha);
}
