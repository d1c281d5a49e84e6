/* Unit tests for hh_conf and hh_opts: registry, INI syntax, types, bounds,
 * precedence of files and directories, deprecated names, unknown keys,
 * errors with places, the seed heat.conf, and secret masking in logs. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "tap.h"

static const hh_opt test_opts[] = {
    {.group = "test", .name = "s", .type = HH_OPT_STR, .def = "dflt", .help = "a string"},
    {.group = "test", .name = "b", .type = HH_OPT_BOOL, .def = "false", .help = "a bool"},
    {.group = "test",
     .name = "i",
     .type = HH_OPT_INT,
     .def = "5",
     .min = "1",
     .max = "10",
     .help = "an int",
     .deprecated = {{.name = "old_i"}, {.group = "DEFAULT", .name = "test_i"}}},
    {.group = "test", .name = "f", .type = HH_OPT_FLOAT, .def = "1.5", .min = "0.5", .max = "2.5"},
    {.group = "test", .name = "l", .type = HH_OPT_LIST, .def = "x, y"},
    {.group = "test",
     .name = "c",
     .type = HH_OPT_CHOICE,
     .def = "one",
     .choices = (const char *const[]){"one", "two", NULL}},
    {.group = "test", .name = "p", .type = HH_OPT_PORT, .def = "80"},
    {.group = "test", .name = "ip", .type = HH_OPT_IP},
    {.group = "test", .name = "pin", .type = HH_OPT_INT, .secret = true},
    HH_OPT_END,
};

static const hh_opt dup_opts[] = {
    {.group = "DEFAULT", .name = "debug", .type = HH_OPT_BOOL},
    HH_OPT_END,
};

static const hh_opt bad_opts[] = {
    {.group = "test", .name = "fine", .type = HH_OPT_STR},
    {.group = "test", .name = "broken", .type = HH_OPT_INT, .def = "many"},
    HH_OPT_END,
};

static char tmpdir[256];
static char *logbuf;
static size_t loglen;
static FILE *log_file;

static void log_capture(void)
{
    log_file = open_memstream(&logbuf, &loglen);
    hh_log_set_stream(log_file);
}

/* Stop capturing; returns the captured text (owned by the caller). */
static char *log_release(void)
{
    char *text = NULL;

    hh_log_set_stream(NULL);
    fclose(log_file);
    text = logbuf;
    logbuf = NULL;
    return text;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;

    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static void write_file(const char *name, const char *text)
{
    char path[512];
    FILE *f = NULL;

    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    f = fopen(path, "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

static int load(hh_conf *conf, const char *text, hh_error *err)
{
    return hh_conf_load_buffer(conf, text, strlen(text), "t.conf", err);
}

static hh_conf *new_test_conf(void)
{
    hh_conf *conf = hh_conf_new();

    hh_opts_register_all(conf);
    hh_conf_register(conf, test_opts);
    return conf;
}

static void test_registry(void)
{
    hh_conf *conf = hh_conf_new();
    size_t n;
    size_t count = 99;
    const char *const *l = NULL;
    char *logged = NULL;

    is_int(hh_opts_register_all(conf), 0, "register all options");
    n = hh_conf_count(conf);
    ok(n > 100, "over 100 options registered (%zu)", n);
    is_int(hh_opts_register_engine(conf), 0, "registering shared tables again is harmless");
    is_int(hh_opts_register_api(conf), 0, "api tables again too");
    is_int(hh_conf_count(conf), n, "no duplicates after registering twice");
    log_capture();
    is_int(hh_conf_register(conf, dup_opts), HH_EEXISTS, "another option with a taken name");
    is_int(hh_conf_register(conf, bad_opts), HH_EINTERNAL, "malformed default refused");
    logged = log_release();
    ok(strstr(logged, "[DEFAULT] debug is registered twice") != NULL, "  duplicate logged");
    ok(strstr(logged, "[test] broken is malformed: invalid integer 'many'") != NULL,
       "  malformed entry logged with the reason");
    free(logged);
    is_int(hh_conf_count(conf), n, "nothing of a refused table registered");

    is_int(hh_conf_get_int(conf, "DEFAULT", "max_template_size"), 524288, "max_template_size");
    is_int(hh_conf_get_int(conf, "DEFAULT", "max_nested_stack_depth"), 5, "nested depth");
    is_int(hh_conf_get_int(conf, "DEFAULT", "max_resources_per_stack"), 1000, "resources");
    is_int(hh_conf_get_int(conf, "DEFAULT", "max_stacks_per_tenant"), 512, "stacks per tenant");
    is_int(hh_conf_get_int(conf, "DEFAULT", "max_json_body_size"), 1048576, "json body");
    is_int(hh_conf_get_int(conf, "DEFAULT", "stack_action_timeout"), 3600, "action timeout");
    is_int(hh_conf_get_int(conf, "heat_api", "bind_port"), 8004, "heat_api port");
    is_int(hh_conf_get_int(conf, "heat_api_cfn", "bind_port"), 8000, "heat_api_cfn port");
    is_str(hh_conf_get_str(conf, "heat_api", "bind_host"), "0.0.0.0", "bind_host");
    is_str(hh_conf_get_str(conf, "DEFAULT", "deferred_auth_method"), "trusts", "choice default");
    is_str(hh_conf_get_str(conf, "ha", "control_socket"), "/run/heat-ha/engine.sock",
           "[ha] control_socket");
    ok(!hh_conf_get_bool(conf, "DEFAULT", "debug"), "debug defaults to false");
    ok(hh_conf_get_str(conf, "DEFAULT", "host") == NULL, "host unset by default");
    ok(!hh_conf_is_set(conf, "DEFAULT", "max_template_size"), "defaults are not 'set'");
    l = hh_conf_get_list(conf, "DEFAULT", "hidden_stack_tags", &count);
    ok(count == 1 && strcmp(l[0], "data-processing-cluster") == 0 && l[1] == NULL, "list default");
    l = hh_conf_get_list(conf, "ha", "nodes", &count);
    ok(l != NULL && l[0] == NULL && count == 0, "unset list is empty, not NULL");
    hh_conf_free(conf);
}

static void test_syntax(void)
{
    hh_conf *conf = new_test_conf();
    hh_error err;
    size_t count = 0;
    const char *const *l = NULL;
    const char *text = "# comment\n"
                       "; another comment\n"
                       "\n"
                       "[test]\n"
                       "s: colon value  \n"
                       "i=7\n"
                       "b = Yes\r\n"
                       "f = 2.25\n"
                       "l = a, b ,,c,\n"
                       "  d\n"
                       "\n"
                       "c = 'two'\n"
                       "ip = ::1\n"
                       "[Test]\n"
                       "p = 8080\n";

    is_int(load(conf, text, &err), 0, "syntax sample loads");
    is_str(hh_conf_get_str(conf, "test", "s"), "colon value", "key: value, trimmed");
    is_int(hh_conf_get_int(conf, "test", "i"), 7, "key=value without spaces");
    ok(hh_conf_get_bool(conf, "test", "b"), "boolean Yes with CRLF");
    ok(hh_conf_get_float(conf, "test", "f") == 2.25, "float");
    l = hh_conf_get_list(conf, "test", "l", &count);
    ok(count == 4 && strcmp(l[0], "a") == 0 && strcmp(l[1], "b") == 0 && strcmp(l[2], "c") == 0 &&
           strcmp(l[3], "d") == 0,
       "list trimmed, empty items dropped, continuation line joined");
    is_str(hh_conf_get_str(conf, "test", "l"), "a, b ,,c,\nd", "continuation joined with newline");
    is_str(hh_conf_get_str(conf, "test", "c"), "two", "quotes stripped, choice");
    is_str(hh_conf_get_str(conf, "test", "ip"), "::1", "IPv6 address");
    is_int(hh_conf_get_int(conf, "test", "p"), 8080, "section names other than DEFAULT fold case");
    ok(hh_conf_is_set(conf, "test", "i"), "loaded value is 'set'");

    is_int(load(conf, "[test]\ns = first\ns = second\n", &err), 0, "repeated key");
    is_str(hh_conf_get_str(conf, "test", "s"), "second", "later assignment in a file wins");
    is_int(load(conf, "[test]\ni =\n", &err), 0, "empty integer");
    is_int(hh_conf_get_int(conf, "test", "i"), 5, "empty integer means the default");

    is_int(load(conf, "s = x\n", &err), HH_EPARSE, "assignment before a section");
    is_int(err.line, 1, "  on line 1");
    is_int(load(conf, "[test]\n\n[oops\n", &err), HH_EPARSE, "section without ']'");
    is_int(err.line, 3, "  on line 3");
    is_int(load(conf, "[test]\n  stray\n", &err), HH_EPARSE, "continuation without a key");
    is_int(load(conf, "[test]\njust words\n", &err), HH_EPARSE, "line without = or :");
    is_int(hh_conf_load_buffer(conf, "[test]\ns = a\0b\n", 14, "nul.conf", &err), HH_EPARSE,
           "NUL byte refused");
    is_str(err.source, "nul.conf", "  error names the source");
    hh_conf_free(conf);
}

static void test_values(void)
{
    hh_conf *conf = new_test_conf();
    static const char *const truths[] = {"true", "TRUE", "yes", "On", "1"};
    static const char *const lies[] = {"false", "False", "NO", "off", "0"};
    bool all = true;
    char *logged = NULL;
    hh_error err;

    for (size_t i = 0; i < 5; i++) {
        all &= hh_conf_set(conf, "test", "b", truths[i], &err) == 0 &&
               hh_conf_get_bool(conf, "test", "b");
        all &= hh_conf_set(conf, "test", "b", lies[i], &err) == 0 &&
               !hh_conf_get_bool(conf, "test", "b");
    }
    ok(all, "true/false yes/no on/off 1/0 in any case");
    is_int(hh_conf_set(conf, "test", "b", "maybe", &err), HH_ECONFIG, "bad boolean");
    is_str(err.message,
           "[test] b: invalid boolean 'maybe' (expected true/false, yes/no, on/off or 1/0)",
           "  message says what was expected");

    is_int(load(conf,
                "[DEFAULT]\n#1\n#2\n#3\n#4\n#5\n#6\n#7\n#8\n#9\n#10\n"
                "num_engine_workers = x\n",
                &err),
           HH_ECONFIG, "invalid integer");
    is_str(err.source, "t.conf", "  error names the file");
    is_int(err.line, 12, "  and the line");
    is_str(err.message, "[DEFAULT] num_engine_workers: invalid integer 'x'",
           "  and the group, key and what is wrong");

    is_int(load(conf, "[test]\ns = applied?\ni = 0\n", &err), HH_ECONFIG, "below the minimum");
    is_str(err.message, "[test] i: value 0 is less than the minimum 1", "  message names min");
    is_str(hh_conf_get_str(conf, "test", "s"), "dflt", "a failed load applies nothing");
    is_int(hh_conf_set(conf, "test", "i", "11", &err), HH_ECONFIG, "above the maximum");
    is_int(hh_conf_set(conf, "test", "i", "99999999999", &err), HH_ECONFIG, "int overflow");
    is_int(hh_conf_set(conf, "test", "f", "3", &err), HH_ECONFIG, "float above maximum");
    is_int(hh_conf_set(conf, "test", "f", "nan", &err), HH_ECONFIG, "nan is not a number");
    is_int(hh_conf_set(conf, "test", "p", "70000", &err), HH_ECONFIG, "port out of range");
    is_int(hh_conf_set(conf, "test", "ip", "10.0.0.300", &err), HH_ECONFIG, "bad IP");
    is_int(hh_conf_set(conf, "test", "c", "three", &err), HH_ECONFIG, "bad choice");
    is_str(err.message, "[test] c: invalid choice 'three' (expected one of: 'one', 'two')",
           "  message lists the choices");
    is_int(hh_conf_set(conf, "test", "pin", "1234x", &err), HH_ECONFIG, "bad secret value");
    ok(strstr(err.message, "1234x") == NULL && strstr(err.message, "****") != NULL,
       "  message hides a secret value");
    is_int(hh_conf_set(conf, "test", "nosuch", "1", &err), HH_ENOTFOUND, "set of unknown option");
    is_int(hh_conf_set(conf, "ha", "nodes", "ctl1:10.0.0.11, ctl-2:fd00::2", &err), 0,
           "[ha] nodes as name:address");
    is_int(hh_conf_set(conf, "ha", "nodes", "ctl1:10.0.0.11, 10.0.0.12", &err), HH_ECONFIG,
           "[ha] nodes item without a name");
    is_str(err.message, "[ha] nodes: invalid item '10.0.0.12' (expected name:address)",
           "  message names the item and the form");
    is_int(hh_conf_set(conf, "ha", "galera_nodes", "db1, db2:3306, [fd00::3]:3306", &err), 0,
           "[ha] galera_nodes as host[:port]");
    is_int(hh_conf_set(conf, "ha", "galera_nodes", "db1:99999", &err), HH_ECONFIG,
           "  port out of range refused");

    is_int(hh_conf_set(conf, "test", "i", "9", &err), 0, "set a value");
    is_int(hh_conf_get_int(conf, "test", "i"), 9, "  read back");
    ok(hh_conf_get_float(conf, "test", "i") == 9.0, "  ints read as floats too");
    is_int(hh_conf_set(conf, "test", "i", NULL, &err), 0, "unset a value");
    is_int(hh_conf_get_int(conf, "test", "i"), 5, "  back to the default");

    log_capture();
    ok(hh_conf_get_str(conf, "nope", "nothing") == NULL, "unregistered option reads NULL");
    is_int(hh_conf_get_int(conf, "nope", "nothing"), 0, "  or 0");
    is_int(hh_conf_get_int(conf, "test", "s"), 0, "wrong getter for the type reads 0");
    logged = log_release();
    is_int(count_of(logged, "ERROR"), 3, "  each logged as an error");
    free(logged);
    hh_conf_free(conf);
}

static void test_files(void)
{
    hh_conf *conf = new_test_conf();
    char a[512], b[512], dir[512], path[600];
    hh_error err;

    snprintf(a, sizeof(a), "%s/a.conf", tmpdir);
    snprintf(b, sizeof(b), "%s/b.conf", tmpdir);
    snprintf(dir, sizeof(dir), "%s/conf.d", tmpdir);
    write_file("a.conf", "[test]\ns = from a\ni = 2\n");
    write_file("b.conf", "[test]\ns = from b\n");
    mkdir(dir, 0700);
    write_file("conf.d/20-second.conf", "[test]\ni = 4\nc = two\n");
    write_file("conf.d/10-first.conf", "[test]\ni = 3\nf = 0.5\n");
    write_file("conf.d/30-third.txt", "this is not ini\n");

    is_int(hh_conf_load_file(conf, a, &err), 0, "load a file");
    is_int(hh_conf_load_file(conf, b, &err), 0, "load a second file");
    is_str(hh_conf_get_str(conf, "test", "s"), "from b", "later file wins");
    is_int(hh_conf_get_int(conf, "test", "i"), 2, "earlier file's other keys stay");
    is_int(hh_conf_load_dir(conf, dir, &err), 0, "load a config dir (non-.conf skipped)");
    is_int(hh_conf_get_int(conf, "test", "i"), 4, "config dir files in sorted order");
    ok(hh_conf_get_float(conf, "test", "f") == 0.5, "  each of them applied");

    snprintf(path, sizeof(path), "%s/missing.conf", tmpdir);
    is_int(hh_conf_load_file(conf, path, &err), ENOENT, "unreadable file is an errno");
    is_str(err.source, path, "  error names the file");
    is_int(hh_conf_load_dir(conf, path, &err), ENOENT, "missing config dir is an errno");
    hh_conf_free(conf);

    conf = new_test_conf();
    {
        char arg_dir[600];
        char *argv[] = {"heat-engine", "-f", "--config-file", a, arg_dir, "--config-file", b};

        snprintf(arg_dir, sizeof(arg_dir), "--config-dir=%s", dir);
        is_int(hh_conf_load_args(conf, 7, argv, &err), 0, "load_args");
        is_str(hh_conf_get_str(conf, "test", "s"), "from b", "  in command-line order");
        is_int(hh_conf_get_int(conf, "test", "i"), 4, "  dir after the first file");
        is_int(hh_conf_load_args(conf, 3, argv, &err), HH_ECONFIG, "--config-file needs a value");
    }
    hh_conf_free(conf);
}

static void test_names(void)
{
    hh_conf *conf = new_test_conf();
    char *logged = NULL;
    hh_error err;

    log_capture();
    is_int(load(conf,
                "[DEFAULT]\nnot_a_heat_key = 1\nnot_a_heat_key = 2\n"
                "[no_such_group]\nkey = secret\n[default]\ndebug = true\n",
                &err),
           0, "unknown keys and groups load");
    is_int(load(conf, "[DEFAULT]\nnot_a_heat_key = 3\n", &err), 0, "again from another file");
    logged = log_release();
    is_int(hh_conf_unknown_count(conf), 3, "three distinct unknown keys");
    is_int(count_of(logged, "unknown option"), 3, "each warned about once");
    ok(!hh_conf_get_bool(conf, "DEFAULT", "debug"), "[default] is not [DEFAULT]");
    is_str(hh_conf_get_raw(conf, "DEFAULT", "not_a_heat_key"), "3", "unknown value kept");
    free(logged);

    is_int(load(conf, "[DEFAULT]\nrabbit_host = oldhost\n[test]\nold_i = 8\n", &err), 0,
           "deprecated names load");
    is_str(hh_conf_get_str(conf, "oslo_messaging_rabbit", "rabbit_host"), "oldhost",
           "[DEFAULT] rabbit_host maps to [oslo_messaging_rabbit]");
    is_int(hh_conf_get_int(conf, "test", "i"), 8, "deprecated name maps to the option");
    is_int(hh_conf_get_int(conf, "test", "old_i"), 8, "getters accept deprecated names");
    is_int(load(conf, "[test]\ni = 6\nold_i = 7\n[DEFAULT]\ntest_i = 9\n", &err), 0,
           "current and deprecated names in one file");
    is_int(hh_conf_get_int(conf, "test", "i"), 6, "  the current name wins");
    is_int(hh_conf_unknown_count(conf), 3, "deprecated names are not unknown");
    hh_conf_free(conf);
}

static void test_seed(void)
{
    hh_conf *conf = hh_conf_new();
    const char *srcdir = getenv("top_srcdir");
    char path[512];
    char *logged = NULL;
    size_t count = 0;
    const char *const *l = NULL;
    hh_error err;

    snprintf(path, sizeof(path), "%s/tests/unit/fixtures/seed-heat.conf", srcdir ? srcdir : ".");
    hh_opts_register_engine(conf);
    hh_opts_register_api(conf);
    log_capture();
    is_int(hh_conf_load_file(conf, path, &err), 0, "seed heat.conf loads");
    if (err.rc != 0)
        diag("%s:%d: %s", err.source, err.line, err.message);
    is_int(hh_conf_unknown_count(conf), 0, "  with no unknown key");
    ok(!hh_conf_get_bool(conf, "DEFAULT", "debug"), "  debug = False");
    ok(hh_conf_get_bool(conf, "DEFAULT", "verbose"), "  verbose = True (deprecated)");
    is_str(hh_conf_get_str(conf, "DEFAULT", "rpc_backend"), "rabbit", "  rpc_backend");
    is_str(hh_conf_get_str(conf, "DEFAULT", "transport_url"),
           "rabbit://openstack:RABBIT_PASS@controller", "  transport_url");
    is_str(hh_conf_get_str(conf, "DEFAULT", "heat_waitcondition_server_url"),
           "http://controller:8000/v1/waitcondition", "  waitcondition URL");
    is_str(hh_conf_get_str(conf, "DEFAULT", "stack_user_domain_name"), "heat", "  domain");
    is_str(hh_conf_get_str(conf, "database", "connection"),
           "mysql+pymysql://heat:HEAT_DBPASS@controller/heat", "  database connection");
    is_str(hh_conf_get_str(conf, "oslo_messaging_rabbit", "rabbit_password"), "RABBIT_PASS",
           "  rabbit_password");
    is_int(hh_conf_get_int(conf, "oslo_messaging_rabbit", "rabbit_port"), 5672,
           "  rabbit_port default");
    is_str(hh_conf_get_str(conf, "keystone_authtoken", "auth_type"), "password",
           "  auth_plugin read as auth_type");
    is_str(hh_conf_get_str(conf, "keystone_authtoken", "www_authenticate_uri"),
           "http://controller:5000", "  auth_uri read as www_authenticate_uri");
    l = hh_conf_get_list(conf, "keystone_authtoken", "memcached_servers", &count);
    ok(count == 1 && strcmp(l[0], "controller:11211") == 0, "  memcached_servers list");
    is_str(hh_conf_get_str(conf, "trustee", "auth_type"), "password", "  trustee auth_type");
    is_str(hh_conf_get_str(conf, "trustee", "user_domain_id"), "default", "  trustee domain");
    is_str(hh_conf_get_str(conf, "clients_keystone", "auth_uri"), "http://controller:35357",
           "  clients_keystone auth_uri");
    is_str(hh_conf_get_str(conf, "ec2authtoken", "auth_uri"), "http://controller:5000/v3",
           "  ec2authtoken auth_uri");
    free(log_release());

    hh_log_set_level(HH_LOG_DEBUG);
    log_capture();
    hh_conf_log_values(conf);
    logged = log_release();
    hh_log_set_level(HH_LOG_INFO);
    ok(strstr(logged, "HEAT_DBPASS") == NULL && strstr(logged, "RABBIT_PASS") == NULL &&
           strstr(logged, "HEAT_PASS") == NULL && strstr(logged, "HEAT_DOMAIN_PASS") == NULL,
       "no password in the logged values");
    ok(strstr(logged, "[database] connection = mysql+pymysql://heat:****@controller/heat") != NULL,
       "URL password masked, rest shown");
    ok(strstr(logged, "rabbit://openstack:****@controller") != NULL, "transport_url masked");
    ok(strstr(logged, "[DEFAULT] stack_domain_admin_password = ****") != NULL,
       "secret option shown as ****");
    ok(strstr(logged, "[keystone_authtoken] username = heat") != NULL, "plain values shown");
    free(logged);
    hh_conf_free(conf);
}

static void test_mask(void)
{
    char buf[256];

    hh_conf_mask_url("rabbit://a:p1@h1:5672,b:p2@h2:5672/vhost?x=a:b@c", buf, sizeof(buf));
    is_str(buf, "rabbit://a:****@h1:5672,b:****@h2:5672/vhost?x=a:b@c", "every host's password");
    hh_conf_mask_url("http://controller:5000/v3", buf, sizeof(buf));
    is_str(buf, "http://controller:5000/v3", "URL without user info unchanged");
    hh_conf_mask_url("x http://u@h and ftp://u:p@h", buf, sizeof(buf));
    is_str(buf, "x http://u@h and ftp://u:****@h", "URLs inside text, user without password");
    hh_conf_mask_url("mysql://root:secret@db", buf, 12);
    is_str(buf, "mysql://roo", "truncated output stays terminated");
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    char cmd[600];

    plan_lazy();
    hh_log_open("test_conf", true, false);
    snprintf(tmpdir, sizeof(tmpdir), "%s/test_conf.XXXXXX", base ? base : "/tmp");
    if (mkdtemp(tmpdir) == NULL) {
        printf("Bail out! mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    test_registry();
    test_syntax();
    test_values();
    test_files();
    test_names();
    test_seed();
    test_mask();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        diag("could not remove %s", tmpdir);
    return done_testing();
}
