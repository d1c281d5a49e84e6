/* Unit tests for the store API: every operation, transactions, the fencing
 * term, migrations, two writers at once, bad URLs. On SQLite, or on the
 * MySQL server HH_TEST_DB_URL names (tests/lib/test_db.h: a new database
 * for each), where transactions aborted by a deadlock are re-run. */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mysql.h>

#include "hh_conf.h"
#include "hh_opts.h"
#include "store.h"
#include "tap.h"
#include "test_db.h"

static char dbdir[] = "/tmp/test_store.XXXXXX";
static char dburl[1024];

static hh_store *open_db(const char *url)
{
    hh_store *st = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_store_open(url, &st, &err) != 0) {
        diag("open %s: %s", url, err.message);
        return NULL;
    }
    if (hh_store_db_sync(st, -1, &err) != 0) {
        diag("db_sync: %s", err.message);
        hh_store_close(st);
        return NULL;
    }
    return st;
}

/* A new synced database: in-memory SQLite, or a new MySQL database. */
static hh_store *open_fresh(const char *tag)
{
    char *url = hh_test_db_new(tag, "sqlite://");
    hh_store *st = url != NULL ? open_db(url) : NULL;

    free(url);
    return st;
}

static const char *jstr(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s != NULL ? s : "(none)";
}

static int64_t new_template(hh_store *st, int64_t term)
{
    json_t *t = json_pack("{s:s, s:{}}", "heat_template_version", "2018-08-31", "resources");
    int64_t id = 0;

    hh_store_template_create(st, term, t, NULL, NULL, &id, NULL);
    json_decref(t);
    return id;
}

static void test_urls(void)
{
    hh_store *st = NULL;
    hh_error err;

    hh_error_clear(&err);
    is_int(hh_store_open("", &st, &err), HH_ECONFIG, "empty URL is a config error");
    ok(strstr(err.message, "connection is not set") != NULL, "empty URL: message says so");
    is_int(hh_store_open("postgresql://x/y", &st, &err), HH_ECONFIG, "unknown scheme refused");
    ok(strstr(err.message, "postgresql") != NULL, "unknown scheme named: %s", err.message);
    is_int(hh_store_open("mysql+pymysql://heat:secret@127.0.0.1:1/heat?max_retries=0", &st, &err),
           HH_ECONFIG, "mysql URL of no server: a config error");
    ok(strstr(err.message, "secret") == NULL, "password not in the message: %s", err.message);
    is_int(hh_store_open("mysql://heat@db", &st, &err), HH_ECONFIG, "mysql URL without a database");
    is_int(hh_store_open("mysql://heat@db:http/heat", &st, &err), HH_ECONFIG, "bad port");
    is_int(hh_store_open("mysql://heat@db/heat?charset=latin1", &st, &err), HH_ECONFIG,
           "a charset other than utf8 refused");
    is_int(hh_store_open("mysql://heat@db/heat?db_max_retries=-3", &st, &err), HH_ECONFIG,
           "a negative re-run count refused");
    is_int(hh_store_open("sqlite://host/x.db", &st, &err), HH_ECONFIG, "sqlite URL with host");
    is_int(hh_store_open("sqlite:////nonexistent-dir/sub/x.db", &st, &err), HH_ECONFIG,
           "unopenable sqlite file is a config error");
    ok(st == NULL, "no handle after failures");
    is_int(hh_store_open("sqlite://", &st, &err), 0, "in-memory sqlite opens");
    is_str(hh_store_driver_name(st), "sqlite", "driver chosen by scheme");
    hh_store_close(st);
}

/* The store URL of a heat.conf with connection (NULL: unset) and
 * sqlite_synchronous (NULL: unset); "" when none. */
static void conf_url(const char *connection, const char *sync, char *out, size_t len)
{
    hh_conf *conf = hh_conf_new();
    char *url = NULL;
    hh_error err;

    snprintf(out, len, "(failed)");
    if (conf == NULL || hh_opts_register_common(conf) != 0)
        goto done;
    if (connection != NULL && hh_conf_set(conf, "database", "connection", connection, &err) != 0)
        goto done;
    if (sync != NULL && hh_conf_set(conf, "database", "sqlite_synchronous", sync, &err) != 0)
        goto done;
    if (hh_store_conf_url(conf, &url, &err) == 0)
        snprintf(out, len, "%s", url != NULL ? url : "");
done:
    free(url);
    hh_conf_free(conf);
}

static void test_synchronous(void)
{
    char url[512], got[512];
    hh_store *st = NULL;
    hh_error err;

    hh_error_clear(&err);
    conf_url("sqlite:////var/lib/heat/heat.db", NULL, got, sizeof(got));
    is_str(got, "sqlite:////var/lib/heat/heat.db?synchronous=normal",
           "heat.conf: sqlite_synchronous defaults to false, synchronous=normal");
    conf_url("sqlite:////var/lib/heat/heat.db", "true", got, sizeof(got));
    is_str(got, "sqlite:////var/lib/heat/heat.db?synchronous=full",
           "heat.conf: sqlite_synchronous = true is synchronous=full");
    conf_url("sqlite:///heat.db?timeout=5", "true", got, sizeof(got));
    is_str(got, "sqlite:///heat.db?timeout=5&synchronous=full", "added to an existing query");
    conf_url("sqlite:///heat.db?a=1&synchronous=normal", "true", got, sizeof(got));
    is_str(got, "sqlite:///heat.db?a=1&synchronous=normal", "the URL's own choice is kept");
    conf_url("mysql+pymysql://heat:pw@db/heat", "true", got, sizeof(got));
    is_str(got,
           "mysql+pymysql://heat:pw@db/heat?max_retries=10&retry_interval=10&db_max_retries=20"
           "&db_retry_interval=1&db_inc_retry_interval=true&db_max_retry_interval=10"
           "&max_pool_size=5&connection_recycle_time=3600&sql_mode=TRADITIONAL",
           "a mysql URL gets the [database] keys");
    conf_url("mysql://heat:pw@db/heat?charset=utf8&db_max_retries=3", NULL, got, sizeof(got));
    ok(strstr(got, "?charset=utf8&db_max_retries=3&max_retries=10") != NULL &&
           strstr(got, "db_max_retries=20") == NULL,
       "the URL's own parameters are kept: %s", got);
    conf_url(NULL, NULL, got, sizeof(got));
    is_str(got, "", "no connection: no URL");

    snprintf(url, sizeof(url), "sqlite:///%s/sync.db?synchronous=sometimes", dbdir);
    is_int(hh_store_open(url, &st, &err), HH_ECONFIG, "synchronous must be full or normal");
    ok(strstr(err.message, "synchronous") != NULL, "the message says so: %s", err.message);
    ok(st == NULL, "no handle");
    snprintf(url, sizeof(url), "sqlite:///%s/sync.db?synchronous=FULL", dbdir);
    is_int(hh_store_open(url, &st, &err), 0, "synchronous=FULL opens (any case)");
    is_int(hh_store_db_sync(st, -1, &err), 0, "and writes");
    hh_store_close(st);
    st = NULL;
    snprintf(url, sizeof(url), "sqlite:///%s/sync.db?x=y&synchronous=normal", dbdir);
    is_int(hh_store_open(url, &st, &err), 0, "synchronous=normal after another parameter");
    hh_store_close(st);
    snprintf(url, sizeof(url), "%s/sync.db", dbdir);
    unlink(url);
    snprintf(url, sizeof(url), "%s/sync.db-wal", dbdir);
    unlink(url);
    snprintf(url, sizeof(url), "%s/sync.db-shm", dbdir);
    unlink(url);
}

static void test_schema(void)
{
    hh_store *st = NULL;
    hh_error err;
    int v = -1;

    hh_error_clear(&err);
    is_int(hh_store_open(dburl, &st, &err), 0, "open file database");
    is_int(hh_store_db_version(st, &v, &err), 0, "db_version on an empty database");
    is_int(v, 0, "empty database is version 0");
    is_int(hh_store_db_sync(st, 1, &err), 0, "db_sync to version 1");
    hh_store_db_version(st, &v, &err);
    is_int(v, 1, "now at version 1");
    is_int(hh_store_db_sync(st, -1, &err), 0, "db_sync to the latest");
    hh_store_db_version(st, &v, &err);
    is_int(v, hh_store_schema_latest(st), "at the latest version");
    ok(v >= 2, "there are at least two migrations");
    is_int(hh_store_db_sync(st, -1, &err), 0, "db_sync again is a no-op");
    hh_store_db_version(st, &v, &err);
    is_int(v, hh_store_schema_latest(st), "version unchanged by a second db_sync");
    is_int(hh_store_db_sync(st, 1, &err), HH_EUNSUPPORTED, "downgrade refused");
    is_int(hh_store_db_sync(st, 99, &err), HH_EINVAL, "unknown version refused");
    hh_store_close(st);
}

static void test_stacks(hh_store *st)
{
    char id[HH_STORE_ID_LEN], child[HH_STORE_ID_LEN], other[HH_STORE_ID_LEN];
    hh_store_stack_spec sp = {0};
    json_t *s = NULL, *list = NULL, *tags = json_pack("[ss]", "a", "b");
    hh_store_list_opts lo = {0};
    int64_t tid = new_template(st, 0), n = -1;
    hh_error err;

    hh_error_clear(&err);
    ok(tid > 0, "template created");
    is_int(hh_store_template_get(st, tid, &s, &err), 0, "template read back");
    is_str(jstr(json_object_get(s, "template"), "heat_template_version"), "2018-08-31",
           "template JSON round-trips");
    ok(json_is_object(json_object_get(s, "files")), "absent files stored as {}");
    json_decref(s);

    sp.name = "mystack";
    sp.tenant = "t1";
    sp.username = "demo";
    sp.raw_template_id = tid;
    sp.tags = tags;
    sp.timeout_mins = 60;
    sp.disable_rollback = true;
    is_int(hh_store_stack_create(st, 0, &sp, id, &err), 0, "stack created");
    is_int(strlen(id), 36, "stack id is a UUID");
    ok(id[14] == '4' && strchr("89ab", id[19]) != NULL, "UUID is version 4");
    is_int(hh_store_stack_create(st, 0, &sp, NULL, &err), HH_EEXISTS,
           "same name in the same tenant refused");
    is_str(err.message, "The Stack (mystack) already exists.", "Heat's words for it");
    sp.tenant = "t2";
    is_int(hh_store_stack_create(st, 0, &sp, other, &err), 0, "same name in another tenant");
    sp.tenant = "t1";
    sp.name = "child";
    sp.owner_id = id;
    sp.nested_depth = 1;
    is_int(hh_store_stack_create(st, 0, &sp, child, &err), 0, "nested stack created");
    sp.owner_id = NULL;
    sp.raw_template_id = 999999;
    sp.name = "broken";
    is_int(hh_store_stack_create(st, 0, &sp, NULL, &err), HH_ENOTFOUND,
           "stack with an unknown template refused");

    is_int(hh_store_stack_get(st, id, false, &s, &err), 0, "stack get by id");
    is_str(jstr(s, "name"), "mystack", "name read back");
    is_str(jstr(s, "action"), "CREATE", "default action CREATE");
    is_str(jstr(s, "status"), "IN_PROGRESS", "default status IN_PROGRESS");
    ok(json_is_true(json_object_get(s, "disable_rollback")), "flag read back as boolean");
    is_int(json_array_size(json_object_get(s, "tags")), 2, "tags read back as a list");
    is_int(strlen(jstr(s, "created_at")), 20, "created_at in Heat's form");
    ok(jstr(s, "created_at")[10] == 'T' && jstr(s, "created_at")[19] == 'Z',
       "created_at is ISO 8601 UTC: %s", jstr(s, "created_at"));
    ok(json_is_null(json_object_get(s, "deleted_at")), "not deleted");
    json_decref(s);
    is_int(hh_store_stack_get(st, "no-such-id", false, &s, &err), HH_ENOTFOUND,
           "unknown stack not found");

    is_int(hh_store_stack_get_by_name(st, "t1", "mystack", &s, &err), 0, "get by name+tenant");
    is_str(jstr(s, "id"), id, "by name finds the tenant's stack");
    json_decref(s);
    is_int(hh_store_stack_get_by_name(st, "t3", "mystack", &s, &err), HH_ENOTFOUND,
           "other tenants' stacks are not found by name");

    is_int(hh_store_stack_set_state(st, 0, id, "CREATE", "COMPLETE",
                                    "Stack CREATE completed successfully", &err),
           0, "stack state set");
    hh_store_stack_get(st, id, false, &s, NULL);
    is_str(jstr(s, "status"), "COMPLETE", "status updated");
    is_str(jstr(s, "status_reason"), "Stack CREATE completed successfully", "reason updated");
    ok(json_is_null(json_object_get(s, "updated_at")),
       "updated_at null: the stack was only created (Heat's updated_time None)");
    json_decref(s);
    is_int(hh_store_stack_set_state(st, 0, id, "ADOPT", "IN_PROGRESS", "", &err), 0, "adopt");
    hh_store_stack_get(st, id, false, &s, NULL);
    ok(json_is_null(json_object_get(s, "updated_at")), "an adopt does not set updated_at");
    json_decref(s);
    is_int(
        hh_store_stack_set_state(st, 0, id, "UPDATE", "IN_PROGRESS", "Stack UPDATE started", &err),
        0, "update started");
    hh_store_stack_get(st, id, false, &s, NULL);
    ok(json_is_string(json_object_get(s, "updated_at")), "an update's start sets updated_at");
    json_decref(s);
    is_int(hh_store_stack_set_state(st, 0, id, "CREATE", "COMPLETE",
                                    "Stack CREATE completed successfully", &err),
           0, "back to CREATE COMPLETE");
    is_int(hh_store_stack_set_state(st, 0, "nope", "CREATE", "COMPLETE", "", &err), HH_ENOTFOUND,
           "state of an unknown stack");

    {
        int64_t t2 = new_template(st, 0);
        is_int(hh_store_stack_set_template(st, 0, id, t2, tid, &err), 0, "template switched");
        hh_store_stack_get(st, id, false, &s, NULL);
        is_int(json_integer_value(json_object_get(s, "raw_template_id")), t2, "new template");
        is_int(json_integer_value(json_object_get(s, "prev_raw_template_id")), tid,
               "previous template kept");
        json_decref(s);
    }

    is_int(hh_store_stack_list(st, "t1", NULL, false, false, &list, &err), 0, "list tenant t1");
    is_int(json_array_size(list), 1, "nested stacks hidden by default");
    json_decref(list);
    hh_store_stack_list(st, "t1", NULL, false, true, &list, &err);
    is_int(json_array_size(list), 2, "show_nested lists the child");
    json_decref(list);
    hh_store_stack_list(st, NULL, NULL, false, false, &list, &err);
    is_int(json_array_size(list), 2, "every tenant: two top-level stacks");
    json_decref(list);

    lo.filters = json_pack("{s:[ss]}", "status", "COMPLETE", "FAILED");
    hh_store_stack_list(st, NULL, &lo, false, false, &list, &err);
    is_int(json_array_size(list), 1, "filter on status");
    json_decref(list);
    json_decref((json_t *)lo.filters);
    lo.filters = json_pack("{s:s}", "nope", "x");
    is_int(hh_store_stack_list(st, NULL, &lo, false, false, &list, &err), HH_EINVAL,
           "unknown filter refused");
    json_decref((json_t *)lo.filters);
    lo.filters = NULL;
    lo.sort_key = "name; DROP TABLE stack";
    is_int(hh_store_stack_list(st, NULL, &lo, false, false, &list, &err), HH_EINVAL,
           "unknown sort key refused");
    lo.sort_key = "id";
    lo.sort_dir = "sideways";
    is_int(hh_store_stack_list(st, NULL, &lo, false, false, &list, &err), HH_EINVAL,
           "bad sort direction refused");

    is_int(hh_store_stack_count(st, "t1", false, &n, &err), 0, "count tenant");
    is_int(n, 1, "one top-level stack in t1");
    hh_store_stack_count(st, "t1", true, &n, &err);
    is_int(n, 2, "two with nested");
    hh_store_stack_count(st, NULL, false, &n, &err);
    is_int(n, 2, "two top-level in all tenants");

    is_int(hh_store_stack_children(st, id, &list, &err), 0, "children listed");
    is_int(json_array_size(list), 1, "one child");
    is_str(jstr(json_array_get(list, 0), "id"), child, "the child");
    json_decref(list);

    is_int(hh_store_stack_soft_delete(st, 0, other, &err), 0, "soft delete");
    is_int(hh_store_stack_get(st, other, false, &s, &err), HH_ENOTFOUND,
           "soft-deleted stack is gone from get");
    is_int(hh_store_stack_get(st, other, true, &s, &err), 0, "but visible with show_deleted");
    ok(json_is_string(json_object_get(s, "deleted_at")), "deleted_at set");
    json_decref(s);
    is_int(hh_store_stack_soft_delete(st, 0, other, &err), HH_ENOTFOUND, "delete twice");
    hh_store_stack_list(st, NULL, NULL, true, false, &list, &err);
    is_int(json_array_size(list), 2, "show_deleted lists it");
    json_decref(list);
    json_decref(tags);
}

/* Pagination: 7 stacks in one tenant, pages of 3 by name. */
static void test_paging(hh_store *st)
{
    hh_store_stack_spec sp = {0};
    hh_store_list_opts lo = {0};
    json_t *page = NULL;
    char name[16], marker[HH_STORE_ID_LEN] = "";
    int seen = 0, pages = 0;
    bool ordered = true;
    char last[16] = "";
    hh_error err;

    sp.tenant = "pg";
    sp.raw_template_id = new_template(st, 0);
    for (int i = 6; i >= 0; i--) {
        snprintf(name, sizeof(name), "s%d", i);
        sp.name = name;
        hh_store_stack_create(st, 0, &sp, NULL, NULL);
    }
    lo.limit = 3;
    lo.sort_key = "name";
    lo.sort_dir = "asc";
    do {
        lo.marker = marker[0] != '\0' ? marker : NULL;
        if (hh_store_stack_list(st, "pg", &lo, false, false, &page, &err) != 0)
            break;
        for (size_t i = 0; i < json_array_size(page); i++) {
            const char *nm = jstr(json_array_get(page, i), "name");
            if (strcmp(nm, last) <= 0)
                ordered = false;
            snprintf(last, sizeof(last), "%s", nm);
            seen++;
        }
        if (json_array_size(page) > 0)
            snprintf(marker, sizeof(marker), "%s",
                     jstr(json_array_get(page, json_array_size(page) - 1), "id"));
        pages++;
        json_decref(page);
    } while (seen < 7 && pages < 10);
    is_int(seen, 7, "paging with a marker visits every stack");
    is_int(pages, 3, "in three pages of three");
    ok(ordered, "in name order without repeats");
    lo.marker = "not-a-stack";
    is_int(hh_store_stack_list(st, "pg", &lo, false, false, &page, &err), HH_ENOTFOUND,
           "unknown marker refused");
    lo.marker = NULL;
    lo.sort_dir = "desc";
    hh_store_stack_list(st, "pg", &lo, false, false, &page, &err);
    is_str(jstr(json_array_get(page, 0), "name"), "s6", "descending order");
    json_decref(page);
}

static void test_resources(hh_store *st, const char *stack_id)
{
    hh_store_resource_spec rs = {0};
    json_t *r = NULL, *list = NULL, *props = json_pack("{s:i}", "value", 1), *md;
    char uuid[HH_STORE_ID_LEN], *value = NULL, *big;
    int64_t id = 0, id2 = 0;
    hh_error err;

    hh_error_clear(&err);
    rs.stack_id = stack_id;
    rs.name = "server";
    rs.type = "OS::Heat::None";
    rs.properties_data = props;
    is_int(hh_store_resource_create(st, 0, &rs, &id, uuid, &err), 0, "resource created");
    ok(id > 0 && strlen(uuid) == 36, "integer id and uuid");
    rs.name = "volume";
    hh_store_resource_create(st, 0, &rs, &id2, NULL, &err);
    rs.stack_id = "no-such-stack";
    is_int(hh_store_resource_create(st, 0, &rs, &id2, NULL, &err), HH_ENOTFOUND,
           "resource of an unknown stack refused");

    is_int(hh_store_resource_set_physical_id(st, 0, id, "phys-1234", &err), 0,
           "physical id stored before the state is reported");
    is_int(hh_store_resource_set_state(st, 0, id, "CREATE", "COMPLETE", "state changed", &err), 0,
           "resource state set");
    is_int(hh_store_resource_get(st, id, &r, &err), 0, "resource get");
    is_str(jstr(r, "physical_resource_id"), "phys-1234", "physical id read back");
    is_str(jstr(r, "status"), "COMPLETE", "status read back");
    is_str(jstr(r, "type"), "OS::Heat::None", "type read back");
    is_int(json_integer_value(json_object_get(json_object_get(r, "properties_data"), "value")), 1,
           "properties data read back");
    is_int(json_integer_value(json_object_get(r, "atomic_key")), 2, "atomic key counts updates");
    is_str(jstr(r, "root_stack_id"), stack_id, "root stack defaults to the stack");
    json_decref(r);
    md = json_pack("{s:s}", "k", "v");
    is_int(hh_store_resource_set_metadata(st, 0, id, md, &err), 0, "metadata set");
    json_decref(md);
    hh_store_resource_get_by_name(st, stack_id, "server", &r, &err);
    is_str(jstr(json_object_get(r, "rsrc_metadata"), "k"), "v", "metadata read back by name");
    json_decref(r);
    md = json_pack("{s:i}", "length", 32);
    is_int(hh_store_resource_set_properties(st, 0, id, md, &err), 0, "properties_data set");
    json_decref(md);
    hh_store_resource_get(st, id, &r, &err);
    is_int(json_integer_value(json_object_get(json_object_get(r, "properties_data"), "length")), 32,
           "properties_data read back");
    json_decref(r);
    is_int(hh_store_resource_set_properties(st, 0, 987654, NULL, &err), HH_ENOTFOUND,
           "properties of an unknown resource");
    is_int(hh_store_resource_set_state(st, 0, 987654, "CREATE", "FAILED", "", &err), HH_ENOTFOUND,
           "state of an unknown resource");
    is_int(hh_store_resource_list(st, stack_id, &list, &err), 0, "resources listed");
    is_int(json_array_size(list), 2, "two resources");
    is_str(jstr(json_array_get(list, 1), "name"), "volume", "in creation order");
    json_decref(list);

    /* resource data */
    is_int(hh_store_resource_data_set(st, 0, id, "password", "s3cret", true, &err), 0,
           "resource data set");
    is_int(hh_store_resource_data_set(st, 0, id, "password", "n3w", true, &err), 0,
           "resource data replaced");
    hh_store_resource_data_set(st, 0, id, "pre-create", "hook", false, &err);
    is_int(hh_store_resource_data_get(st, id, "password", &value, &err), 0, "resource data get");
    is_str(value, "n3w", "latest value kept");
    free(value);
    is_int(hh_store_resource_data_get(st, id, "nokey", &value, &err), HH_ENOTFOUND,
           "unknown key not found");
    is_int(hh_store_resource_data_get_all(st, id, &r, &err), 0, "resource data get all");
    is_int(json_object_size(r), 2, "two keys");
    json_decref(r);
    is_int(hh_store_resource_data_get_all(st, 424242, &r, &err), HH_ENOTFOUND,
           "data of an unknown resource");
    is_int(hh_store_resource_data_set(st, 0, 424242, "k", "v", false, &err), HH_ENOTFOUND,
           "data for an unknown resource refused");
    is_int(hh_store_resource_data_delete(st, 0, id, "password", &err), 0, "resource data deleted");
    is_int(hh_store_resource_data_delete(st, 0, id, "password", &err), HH_ENOTFOUND,
           "deleted twice");

    /* long text never fails a write; cut on a character boundary */
    big = malloc(200001);
    memset(big, 'x', 200000);
    big[200000] = '\0';
    memcpy(big + HH_STORE_TEXT_MAX - 1, "\xc3\xa9", 2); /* é across the limit */
    is_int(hh_store_resource_set_state(st, 0, id, "UPDATE", "FAILED", big, &err), 0,
           "200 kB status reason accepted");
    hh_store_resource_get(st, id, &r, &err);
    is_int(strlen(jstr(r, "status_reason")), HH_STORE_TEXT_MAX - 1,
           "reason fitted without splitting a character");
    json_decref(r);
    is_int(hh_store_resource_set_physical_id(st, 0, id, big, &err), 0, "long physical id fitted");
    is_int(hh_store_resource_set_state(st, 0, id, "UPDATE", "FAILED", "bad \xff byte", &err), 0,
           "invalid UTF-8 accepted");
    hh_store_resource_get(st, id, &r, &err);
    is_str(jstr(r, "status_reason"), "bad ? byte", "invalid byte replaced");
    json_decref(r);
    free(big);

    is_int(hh_store_resource_delete(st, 0, id2, &err), 0, "resource deleted");
    is_int(hh_store_resource_get(st, id2, &r, &err), HH_ENOTFOUND, "deleted resource gone");
    json_decref(props);
}

static void test_events(hh_store *st, const char *stack_id)
{
    hh_store_event_spec ev = {0};
    hh_store_list_opts lo = {0};
    json_t *list = NULL;
    char uuid[HH_STORE_ID_LEN], third[HH_STORE_ID_LEN] = "";
    int64_t n = 0, deleted = 0;
    hh_error err;

    hh_error_clear(&err);
    ev.stack_id = stack_id;
    ev.resource_type = "OS::Heat::None";
    ev.resource_action = "CREATE";
    char name[8];

    for (int i = 0; i < 10; i++) {
        snprintf(name, sizeof(name), "r%d", i % 2);
        ev.resource_name = name;
        ev.resource_status = i % 2 ? "COMPLETE" : "IN_PROGRESS";
        ev.resource_status_reason = "state changed";
        if (hh_store_event_create(st, 0, &ev, uuid, &err) != 0)
            diag("event: %s", err.message);
        if (i == 2)
            memcpy(third, uuid, sizeof(third));
    }
    is_int(hh_store_event_count(st, stack_id, &n, &err), 0, "events counted");
    is_int(n, 10, "ten events");
    ev.stack_id = "nope";
    is_int(hh_store_event_create(st, 0, &ev, NULL, &err), HH_ENOTFOUND,
           "event of an unknown stack refused");
    is_int(hh_store_event_list(st, stack_id, NULL, &list, &err), 0, "events listed");
    is_int(json_array_size(list), 10, "all of them");
    is_str(jstr(json_array_get(list, 2), "uuid"), third, "in insertion order");
    json_decref(list);
    lo.marker = third;
    lo.limit = 4;
    hh_store_event_list(st, stack_id, &lo, &list, &err);
    is_int(json_array_size(list), 4, "limit after a marker");
    ok(strcmp(jstr(json_array_get(list, 0), "uuid"), third) != 0, "page starts after the marker");
    json_decref(list);
    lo.marker = NULL;
    lo.limit = 0;
    lo.filters = json_pack("{s:s}", "resource_status", "COMPLETE");
    hh_store_event_list(st, stack_id, &lo, &list, &err);
    is_int(json_array_size(list), 5, "filter on resource_status");
    json_decref(list);
    json_decref((json_t *)lo.filters);
    lo.filters = NULL;
    lo.sort_dir = "desc";
    hh_store_event_list(st, stack_id, &lo, &list, &err);
    is_str(jstr(json_array_get(list, 7), "uuid"), third, "descending order");
    json_decref(list);

    is_int(hh_store_event_purge(st, 0, stack_id, 6, &deleted, &err), 0, "events purged");
    is_int(deleted, 4, "the oldest four went");
    hh_store_event_count(st, stack_id, &n, &err);
    is_int(n, 6, "six kept");
    lo.sort_dir = NULL;
    lo.marker = third;
    is_int(hh_store_event_list(st, stack_id, &lo, &list, &err), HH_ENOTFOUND,
           "purged event is no marker");
}

static void test_services(hh_store *st)
{
    hh_store_service_spec sv = {0};
    char id[HH_STORE_ID_LEN];
    json_t *list = NULL;
    int64_t removed = -1, term = 0, now = 0;
    hh_error err;

    hh_error_clear(&err);
    sv.engine_id = "e1";
    sv.host = "node1";
    sv.hostname = "node1";
    sv.binary = "heat-engine";
    sv.topic = "engine";
    sv.report_interval = 60;
    is_int(hh_store_service_create(st, &sv, id, &err), 0, "service registered");
    is_int(hh_store_service_heartbeat(st, id, &err), 0, "heartbeat");
    is_int(hh_store_service_heartbeat(st, "nope", &err), HH_ENOTFOUND, "heartbeat of nobody");
    is_int(hh_store_service_list(st, &list, &err), 0, "services listed");
    is_int(json_array_size(list), 1, "one service");
    is_str(jstr(json_array_get(list, 0), "status"), "up", "fresh service is up");
    json_decref(list);
    is_int(hh_store_service_clean(st, &removed, &err), 0, "clean");
    is_int(removed, 0, "a live service stays");

    /* the role: active while the engine holds the current term */
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "standby", "an engine without a term: standby");
    ok(json_object_get(json_array_get(list, 0), "term") == NULL, "and no term");
    json_decref(list);
    is_int(hh_store_term_acquire(st, "e1", &term, &err), 0, "e1 promoted");
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "active", "the term's holder is active");
    is_int(json_integer_value(json_object_get(json_array_get(list, 0), "term")), term,
           "with its term");
    json_decref(list);
    is_int(hh_store_term_release(st, "e2", term, &err), 0, "another engine's release");
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "active", "changes nothing");
    json_decref(list);
    is_int(hh_store_term_release(st, "e1", term - 1, &err), 0, "an older term's release");
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "active", "changes nothing either");
    json_decref(list);
    is_int(hh_store_term_release(st, "e1", term, &err), 0, "e1 demoted: its term released");
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "standby", "then it is standby");
    json_decref(list);
    hh_store_term_current(st, &now, &err);
    is_int(now, term, "the term number stays");
    hh_store_term_acquire(st, "e1", &term, &err);
    hh_store_term_acquire(st, "e9", &term, &err);
    hh_store_service_list(st, &list, &err);
    is_str(jstr(json_array_get(list, 0), "role"), "standby", "deposed by a newer term: standby");
    json_decref(list);

    is_int(hh_store_service_delete(st, id, &err), 0, "service deleted");
    hh_store_service_list(st, &list, &err);
    is_int(json_array_size(list), 0, "deleted service not listed");
    json_decref(list);
    is_int(hh_store_service_heartbeat(st, id, &err), 0, "a heartbeat after a soft delete");
    hh_store_service_list(st, &list, &err);
    is_int(json_array_size(list), 1, "brings the row back (Heat's report clears deleted_at)");
    json_decref(list);
    hh_store_service_delete(st, id, &err);
}

static void test_snapshots(hh_store *st, const char *stack_id)
{
    char id[HH_STORE_ID_LEN];
    json_t *data = json_pack("{s:s}", "resources", "x"), *s = NULL, *list = NULL;
    hh_error err;

    hh_error_clear(&err);
    is_int(hh_store_snapshot_create(st, 0, stack_id, "snap", "t1", data, NULL, NULL, id, &err), 0,
           "snapshot created");
    is_int(hh_store_snapshot_update(st, 0, id, "COMPLETE", "done", NULL, &err), 0,
           "snapshot status set");
    is_int(hh_store_snapshot_get(st, id, &s, &err), 0, "snapshot get");
    is_str(jstr(s, "status"), "COMPLETE", "status read back");
    is_str(jstr(json_object_get(s, "data"), "resources"), "x", "data kept");
    json_decref(s);
    hh_store_snapshot_list(st, stack_id, &list, &err);
    is_int(json_array_size(list), 1, "one snapshot");
    json_decref(list);
    is_int(hh_store_snapshot_delete(st, 0, id, &err), 0, "snapshot deleted");
    is_int(hh_store_snapshot_get(st, id, &s, &err), HH_ENOTFOUND, "deleted snapshot gone");
    json_decref(data);
}

static void test_transactions(hh_store *st)
{
    hh_store_stack_spec sp = {0};
    char id[HH_STORE_ID_LEN];
    json_t *s = NULL;
    int64_t before = 0, after = 0;
    hh_error err;

    hh_error_clear(&err);
    sp.tenant = "tx";
    sp.raw_template_id = new_template(st, 0);
    hh_store_stack_count(st, "tx", false, &before, NULL);
    is_int(hh_store_begin(st, &err), 0, "begin");
    ok(hh_store_in_transaction(st), "in a transaction");
    is_int(hh_store_begin(st, &err), HH_EINVAL, "no nested begin");
    sp.name = "rolled";
    hh_store_stack_create(st, 0, &sp, id, &err);
    is_int(hh_store_rollback(st), 0, "rollback");
    hh_store_stack_count(st, "tx", false, &after, NULL);
    is_int(after, before, "rolled back stack is not there");
    is_int(hh_store_stack_get(st, id, true, &s, &err), HH_ENOTFOUND, "not even when deleted");
    is_int(hh_store_rollback(st), HH_EINVAL, "rollback without begin");
    is_int(hh_store_commit(st, &err), HH_EINVAL, "commit without begin");

    hh_store_begin(st, &err);
    sp.name = "kept";
    hh_store_stack_create(st, 0, &sp, id, &err);
    hh_store_stack_set_state(st, 0, id, "CREATE", "COMPLETE", "ok", &err);
    is_int(hh_store_commit(st, &err), 0, "commit");
    is_int(hh_store_stack_get(st, id, false, &s, &err), 0, "committed stack there");
    is_str(jstr(s, "status"), "COMPLETE", "with both writes");
    json_decref(s);

    /* a failed write poisons the transaction: commit undoes everything */
    hh_store_stack_count(st, "tx", false, &before, NULL);
    hh_store_begin(st, &err);
    sp.name = "first";
    hh_store_stack_create(st, 0, &sp, NULL, &err);
    sp.name = "kept"; /* exists */
    is_int(hh_store_stack_create(st, 0, &sp, NULL, &err), HH_EEXISTS, "failing write in tx");
    sp.name = "third";
    is_int(hh_store_stack_create(st, 0, &sp, NULL, &err), HH_EINVAL,
           "writes after a failure are refused");
    is_int(hh_store_commit(st, &err), HH_EEXISTS, "commit reports the failure");
    ok(!hh_store_in_transaction(st), "transaction over");
    hh_store_stack_count(st, "tx", false, &after, NULL);
    is_int(after, before, "nothing of the failed transaction is there");
}

/* hh_store_data_version: unchanged while nothing is committed, moved by
 * a commit of this handle, of another handle and of another process. */
static void test_data_version(void)
{
    hh_store *a = open_db(dburl), *b = open_db(dburl), *m = NULL;
    uint64_t v1 = 0, v2 = 0, v3 = 0;
    int64_t term = 0, tid = 0;
    json_t *t = NULL;
    hh_error err;
    pid_t pid;
    int status = 0, fds[2];

    hh_error_clear(&err);
    ok(a != NULL && b != NULL, "two handles on one file");
    if (a == NULL || b == NULL)
        goto done;
    hh_store_term_current(a, &term, &err);
    is_int(hh_store_data_version(a, &v1, &err), 0, "a data version");
    is_int(hh_store_data_version(a, &v2, &err), 0, "again");
    ok(v1 == v2, "unchanged while nothing is committed");
    new_template(b, term);
    hh_store_data_version(a, &v2, &err);
    ok(v2 > v1, "another handle's commit moves it");
    hh_store_data_version(b, &v3, &err);
    ok(v3 >= v2, "versions are the process's: the writer's handle sees no older one");
    hh_store_data_version(a, &v1, &err);
    new_template(a, term);
    hh_store_data_version(a, &v2, &err);
    ok(v2 > v1, "the handle's own commit moves it");
    hh_store_data_version(a, &v1, &err);
    /* the child says through a pipe what it wrote (its exit status is
     * valgrind's when the tests run under it: the parent's handles look
     * lost in the child) */
    if (pipe(fds) != 0)
        goto done;
    pid = fork();
    if (pid == 0) {
        hh_store *c = NULL;

        close(fds[0]);
        if (hh_store_open(dburl, &c, NULL) == 0)
            tid = new_template(c, term);
        hh_store_close(c);
        if (write(fds[1], &tid, sizeof(tid)) != (ssize_t)sizeof(tid))
            _exit(1);
        _exit(0);
    }
    close(fds[1]);
    if (pid < 0 || read(fds[0], &tid, sizeof(tid)) != (ssize_t)sizeof(tid))
        tid = 0;
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, &status, 0);
    ok(tid > 0 && hh_store_template_get(a, tid, &t, &err) == 0, "another process commits");
    json_decref(t);
    hh_store_data_version(a, &v2, &err);
    ok(v2 > v1, "another process's commit moves it");
    hh_store_begin(a, &err);
    is_int(hh_store_data_version(a, &v1, &err), HH_EINVAL, "none inside a transaction");
    hh_store_rollback(a);
    m = open_db("sqlite://");
    is_int(hh_store_data_version(m, &v1, &err), HH_EUNSUPPORTED,
           "an in-memory database has none to share");
done:
    hh_store_close(a);
    hh_store_close(b);
    hh_store_close(m);
}

static void test_fencing(void)
{
    hh_store *a = open_db(dburl), *b = open_db(dburl);
    hh_store_stack_spec sp = {0};
    char id[HH_STORE_ID_LEN];
    json_t *s = NULL;
    int64_t ta = 0, tb = 0, cur = 0, tid;
    hh_error err;

    hh_error_clear(&err);
    ok(a != NULL && b != NULL, "two handles on one database");
    if (a == NULL || b == NULL)
        goto done;
    is_int(hh_store_term_acquire(a, "engine-a", &ta, &err), 0, "engine a takes a term");
    is_int(hh_store_term_acquire(b, "engine-b", &tb, &err), 0, "engine b takes a term");
    is_int(tb, ta + 1, "terms only grow, by one");
    hh_store_term_current(a, &cur, &err);
    is_int(cur, tb, "current term is b's");
    tid = new_template(b, tb);
    sp.name = "fenced";
    sp.tenant = "f";
    sp.raw_template_id = tid;
    is_int(hh_store_stack_create(b, tb, &sp, id, &err), 0, "current term writes");
    is_int(hh_store_stack_set_state(a, ta, id, "DELETE", "IN_PROGRESS", "x", &err), HH_EFENCED,
           "deposed term is fenced");
    ok(strstr(err.message, "fenced") != NULL, "message says fenced: %s", err.message);
    is_str(hh_strerror(HH_EFENCED), "fenced by a newer term", "HH_EFENCED has a name");
    hh_store_stack_get(b, id, false, &s, &err);
    is_str(jstr(s, "action"), "CREATE", "fenced write changed nothing");
    json_decref(s);
    sp.name = "ghost";
    is_int(hh_store_stack_create(a, ta, &sp, NULL, &err), HH_EFENCED, "fenced create");
    is_int(hh_store_stack_get_by_name(b, "f", "ghost", &s, &err), HH_ENOTFOUND,
           "fenced create left nothing");
    hh_store_begin(a, &err);
    is_int(hh_store_event_create(a, ta, &(hh_store_event_spec){.stack_id = id}, NULL, &err),
           HH_EFENCED, "fenced inside a transaction");
    is_int(hh_store_commit(a, &err), HH_EFENCED, "and the transaction fails");
    is_int(hh_store_term_acquire(a, "engine-a", &ta, &err), 0, "a promoted again");
    is_int(hh_store_stack_set_state(b, tb, id, "DELETE", "IN_PROGRESS", "x", &err), HH_EFENCED,
           "now b is fenced");
    is_int(hh_store_stack_set_state(a, ta, id, "UPDATE", "COMPLETE", "x", &err), 0, "and a writes");
done:
    hh_store_close(a);
    hh_store_close(b);
}

static void test_maintenance(void)
{
    hh_store *st = open_db(dburl);
    hh_store_stack_spec sp = {0};
    hh_store_resource_spec rs = {0};
    hh_store_service_spec sv = {0};
    char top[HH_STORE_ID_LEN], kid[HH_STORE_ID_LEN], gone[HH_STORE_ID_LEN], sid[HH_STORE_ID_LEN];
    json_t *s = NULL, *data = NULL;
    int64_t rid = 0, purged = -1, term = 0, tid, kept_tid;
    hh_error err;

    hh_error_clear(&err);
    if (st == NULL)
        return;
    hh_store_term_current(st, &term, NULL);
    sp.tenant = "m";
    sp.raw_template_id = new_template(st, term);
    sp.name = "stuck";
    hh_store_stack_create(st, term, &sp, top, &err);
    sp.name = "stuck-child";
    sp.owner_id = top;
    hh_store_stack_create(st, term, &sp, kid, &err);
    rs.stack_id = kid;
    rs.name = "r";
    rs.status = "IN_PROGRESS";
    hh_store_resource_create(st, term, &rs, &rid, NULL, &err);
    hh_store_resource_data_set(st, term, rid, "pre-create", "hook", false, &err);
    hh_store_resource_data_set(st, term, rid, "keep", "me", false, &err);
    is_int(hh_store_reset_stack_status(st, top, &err), 0, "reset_stack_status");
    hh_store_stack_get(st, top, false, &s, NULL);
    is_str(jstr(s, "status"), "FAILED", "stuck stack FAILED");
    is_str(jstr(s, "status_reason"), "Stack status manually reset", "Heat's reason");
    json_decref(s);
    hh_store_stack_get(st, kid, false, &s, NULL);
    is_str(jstr(s, "status"), "FAILED", "nested stack reset too");
    json_decref(s);
    hh_store_resource_get(st, rid, &s, NULL);
    is_str(jstr(s, "status"), "FAILED", "in-progress resource reset");
    json_decref(s);
    hh_store_resource_data_get_all(st, rid, &data, NULL);
    ok(json_object_get(data, "pre-create") == NULL && json_object_get(data, "keep") != NULL,
       "hook data removed, other data kept");
    json_decref(data);
    is_int(hh_store_reset_stack_status(st, "nope", &err), HH_ENOTFOUND, "reset of no stack");

    /* purge: a soft-deleted stack with events and a template of its own */
    tid = new_template(st, term);
    kept_tid = sp.raw_template_id;
    sp.owner_id = NULL;
    sp.name = "gone";
    sp.raw_template_id = tid;
    hh_store_stack_create(st, term, &sp, gone, &err);
    hh_store_event_create(st, term, &(hh_store_event_spec){.stack_id = gone}, NULL, &err);
    hh_store_stack_soft_delete(st, term, gone, &err);
    is_int(hh_store_purge_deleted(st, 3600, NULL, 10, &purged, &err), 0, "purge older than 1h");
    is_int(purged, 0, "nothing that old");
    is_int(hh_store_purge_deleted(st, 0, "other-project", 10, &purged, &err), 0,
           "purge of another project");
    is_int(purged, 0, "leaves this project's stacks");
    is_int(hh_store_purge_deleted(st, 0, NULL, 1, &purged, &err), 0, "purge everything deleted");
    ok(purged >= 1, "stacks purged: %lld", (long long)purged);
    is_int(hh_store_stack_get(st, gone, true, &s, &err), HH_ENOTFOUND, "purged stack gone");
    is_int(hh_store_template_get(st, tid, &s, &err), HH_ENOTFOUND, "its template gone");
    is_int(hh_store_template_get(st, kept_tid, &s, &err), 0, "a shared template stays");
    json_decref(s);
    is_int(hh_store_purge_deleted(st, -1, NULL, 10, &purged, &err), HH_EINVAL, "negative age");

    sv.engine_id = "old";
    sv.host = sv.hostname = "n";
    sv.binary = "heat-engine";
    sv.topic = "engine";
    sv.report_interval = 1;
    hh_store_service_create(st, &sv, sid, &err);
    sleep(3);
    {
        int64_t removed = 0;
        json_t *list = NULL;
        hh_store_service_list(st, &list, &err);
        is_str(jstr(json_array_get(list, 0), "status"), "down", "silent service is down");
        json_decref(list);
        hh_store_service_clean(st, &removed, &err);
        is_int(removed, 1, "service clean removes it");
        is_int(hh_store_service_heartbeat(st, sid, &err), HH_ENOTFOUND,
               "for good: a heartbeat finds no row (the engine registers again)");
        sv.id = sid;
        is_int(hh_store_service_create(st, &sv, NULL, &err), 0, "under the same id");
        sv.id = NULL;
        hh_store_service_list(st, &list, &err);
        is_str(jstr(json_array_get(list, 0), "status"), "up", "and is up again");
        json_decref(list);
    }
    hh_store_close(st);
}

#define WRITERS 2
#define PER_WRITER 200

static void *writer(void *arg)
{
    const char *stack_id = arg;
    hh_store *st = NULL;
    hh_error err;
    long fails = 0;

    if (hh_store_open(dburl, &st, &err) != 0)
        return (void *)(long)PER_WRITER;
    for (int i = 0; i < PER_WRITER; i++) {
        hh_store_event_spec ev = {.stack_id = stack_id, .resource_name = "w"};
        /* transactions of two writes: both or neither */
        if (hh_store_begin(st, &err) != 0) {
            fails++;
            continue;
        }
        hh_store_event_create(st, 0, &ev, NULL, &err);
        hh_store_event_create(st, 0, &ev, NULL, &err);
        if (hh_store_commit(st, &err) != 0)
            fails++;
    }
    hh_store_close(st);
    return (void *)fails;
}

static void test_concurrency(void)
{
    hh_store *st = open_db(dburl);
    hh_store_stack_spec sp = {0};
    char id[HH_STORE_ID_LEN];
    pthread_t th[WRITERS];
    long fails = 0;
    int64_t n = 0, term = 0;

    if (st == NULL)
        return;
    hh_store_term_current(st, &term, NULL);
    sp.name = "busy";
    sp.tenant = "c";
    sp.raw_template_id = new_template(st, term);
    hh_store_stack_create(st, term, &sp, id, NULL);
    hh_store_term_acquire(st, NULL, &term, NULL); /* writers at term 0 are now fenced */
    for (int i = 0; i < WRITERS; i++)
        pthread_create(&th[i], NULL, writer, id);
    for (int i = 0; i < WRITERS; i++) {
        void *r = NULL;
        pthread_join(th[i], &r);
        fails += (long)r;
    }
    is_int(fails, WRITERS * PER_WRITER, "every stale-term writer was fenced");
    hh_store_event_count(st, id, &n, NULL);
    is_int(n, 0, "and wrote nothing");
    hh_store_close(st);
}

/* Creates of one stack name at once, each on its own connection: exactly
 * one commits, whatever the interleaving of their name checks; the others
 * fail with StackExists (or, on MySQL, EBUSY: a deadlock whose re-run
 * found the winner's row). A deleted stack frees its name; a nested stack
 * may share it. */
#define NAMERS 6
#define NAME_ROUNDS 15

typedef struct namer {
    pthread_barrier_t *start;
    const char *url;
    int64_t tid;
    int wins, exists, busy, other;
} namer;

static void *name_racer(void *arg)
{
    namer *nm = arg;
    hh_store *st = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_store_open(nm->url, &st, &err) != 0)
        st = NULL;
    for (int r = 0; r < NAME_ROUNDS; r++) {
        char name[32], id[HH_STORE_ID_LEN];
        hh_store_stack_spec sp = {.tenant = "race", .raw_template_id = nm->tid};
        int rc;

        snprintf(name, sizeof(name), "race-%d", r);
        sp.name = name;
        pthread_barrier_wait(nm->start);
        hh_error_clear(&err);
        rc = st != NULL ? hh_store_stack_create(st, 0, &sp, id, &err) : EIO;
        if (rc == 0)
            nm->wins++;
        else if (rc == HH_EEXISTS && err.type != NULL && strcmp(err.type, "StackExists") == 0)
            nm->exists++;
        else if (rc == EBUSY)
            nm->busy++;
        else {
            diag("create %s: %s", name, err.message);
            nm->other++;
        }
    }
    hh_store_close(st);
    return NULL;
}

static void test_name_race(void)
{
    char file[sizeof(dbdir) + 32];
    char *url = NULL;
    hh_store *st = NULL;
    pthread_barrier_t start;
    pthread_t th[NAMERS];
    namer nm[NAMERS];
    int wins = 0, exists = 0, busy = 0, other = 0;
    int64_t n = -1;
    char id[HH_STORE_ID_LEN], child[HH_STORE_ID_LEN];
    hh_store_stack_spec sp = {.name = "race-0", .tenant = "race"};
    json_t *s = NULL;
    hh_error err;

    snprintf(file, sizeof(file), "sqlite:///%s/names.db", dbdir);
    if ((url = hh_test_db_new("store_names", file)) == NULL || (st = open_db(url)) == NULL) {
        free(url);
        return;
    }
    pthread_barrier_init(&start, NULL, NAMERS);
    for (int i = 0; i < NAMERS; i++) {
        nm[i] = (namer){.start = &start, .url = url, .tid = new_template(st, 0)};
        pthread_create(&th[i], NULL, name_racer, &nm[i]);
    }
    for (int i = 0; i < NAMERS; i++) {
        pthread_join(th[i], NULL);
        wins += nm[i].wins;
        exists += nm[i].exists;
        busy += nm[i].busy;
        other += nm[i].other;
    }
    pthread_barrier_destroy(&start);
    diag("%d creates of %d names: %d StackExists, %d EBUSY", NAMERS * NAME_ROUNDS, NAME_ROUNDS,
         exists, busy);
    is_int(wins, NAME_ROUNDS, "concurrent creates of one name: exactly one commits per name");
    is_int(other, 0, "the others fail with StackExists or EBUSY, nothing else");
    ok(exists > 0, "StackExists, Heat's error, is what a late create gets");
    hh_store_stack_count(st, "race", false, &n, NULL);
    is_int(n, NAME_ROUNDS, "one live stack per name");

    hh_error_clear(&err);
    sp.raw_template_id = nm[0].tid;
    is_int(hh_store_stack_create(st, 0, &sp, id, &err), HH_EEXISTS, "a taken name is refused");
    is_str(err.type != NULL ? err.type : "(none)", "StackExists", "as StackExists");
    hh_store_stack_get_by_name(st, "race", "race-0", &s, NULL);
    snprintf(id, sizeof(id), "%s", jstr(s, "id"));
    json_decref(s);
    is_int(hh_store_stack_soft_delete(st, 0, id, &err), 0, "delete race-0");
    is_int(hh_store_stack_create(st, 0, &sp, id, &err), 0, "a deleted stack frees its name");
    sp.owner_id = id;
    is_int(hh_store_stack_create(st, 0, &sp, child, &err), 0, "a nested stack may share it");
    sp.owner_id = NULL;
    sp.tenant = "other";
    is_int(hh_store_stack_create(st, 0, &sp, child, &err), 0, "and another tenant");
    hh_store_close(st);
    free(url);
}

/* A writer of the same process waits for the open write transaction of
 * another connection to the file, rather than failing or sleeping in
 * SQLite's busy handler, and then sees its commit. */
static pthread_mutex_t hold_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hold_cond = PTHREAD_COND_INITIALIZER;
static int hold_phase; /* 1: the holder's transaction is open */

static void *holder(void *arg)
{
    const char *stack_id = arg;
    hh_store_event_spec ev = {.stack_id = stack_id, .resource_name = "holder"};
    hh_store *st = NULL;
    hh_error err;
    long rc = -1;

    int64_t term = 0;

    if (hh_store_open(dburl, &st, &err) == 0 && hh_store_term_current(st, &term, &err) == 0 &&
        hh_store_begin(st, &err) == 0) {
        pthread_mutex_lock(&hold_lock);
        hold_phase = 1;
        pthread_cond_signal(&hold_cond);
        pthread_mutex_unlock(&hold_lock);
        usleep(100 * 1000); /* the other writer is waiting now, or soon */
        rc = hh_store_event_create(st, term, &ev, NULL, &err);
        if (rc == 0)
            rc = hh_store_commit(st, &err);
    }
    hh_store_close(st);
    return (void *)rc;
}

static void test_writer_waits(void)
{
    hh_store *st = open_db(dburl), *other = NULL;
    hh_store_stack_spec sp = {0};
    hh_store_event_spec ev = {0};
    char id[HH_STORE_ID_LEN];
    pthread_t th;
    void *r = NULL;
    int64_t term = 0, n = -1;
    hh_error err;

    if (st == NULL)
        return;
    hh_store_term_current(st, &term, NULL);
    sp.name = "waits";
    sp.tenant = "c";
    sp.raw_template_id = new_template(st, term);
    hh_store_stack_create(st, term, &sp, id, NULL);
    other = open_db(dburl);
    pthread_create(&th, NULL, holder, id);
    pthread_mutex_lock(&hold_lock);
    while (hold_phase == 0)
        pthread_cond_wait(&hold_cond, &hold_lock);
    pthread_mutex_unlock(&hold_lock);
    is_int(hh_store_begin(other, &err), 0, "a second writer's begin waits for the first");
    hh_store_event_count(other, id, &n, NULL);
    is_int(n, 1, "and starts after the first committed");
    ev.stack_id = id;
    ev.resource_name = "second";
    is_int(hh_store_event_create(other, term, &ev, NULL, &err), 0, "then writes");
    is_int(hh_store_commit(other, &err), 0, "and commits");
    pthread_join(th, &r);
    is_int((long)r, 0, "the first writer committed");
    hh_store_event_count(st, id, &n, NULL);
    is_int(n, 2, "both events are there");
    hh_store_close(other);
    hh_store_close(st);
}

static hh_store_event_spec *cur_spec;
static int64_t cur_term;

static void *writer_term(void *arg)
{
    hh_store *st = NULL;
    hh_error err;
    long fails = 0;

    (void)arg;
    if (hh_store_open(dburl, &st, &err) != 0)
        return (void *)(long)PER_WRITER;
    for (int i = 0; i < PER_WRITER; i++) {
        if (hh_store_begin(st, &err) != 0) {
            fails++;
            continue;
        }
        hh_store_event_create(st, cur_term, cur_spec, NULL, &err);
        hh_store_event_create(st, cur_term, cur_spec, NULL, &err);
        if (hh_store_commit(st, &err) != 0)
            fails++;
    }
    hh_store_close(st);
    return (void *)fails;
}

static void test_concurrency_current(void)
{
    hh_store *st = open_db(dburl);
    hh_store_stack_spec sp = {0};
    hh_store_event_spec ev = {0};
    char id[HH_STORE_ID_LEN];
    pthread_t th[WRITERS];
    long fails = 0;
    int64_t n = -1;

    if (st == NULL)
        return;
    hh_store_term_current(st, &cur_term, NULL);
    sp.name = "busy2";
    sp.tenant = "c";
    sp.raw_template_id = new_template(st, cur_term);
    hh_store_stack_create(st, cur_term, &sp, id, NULL);
    ev.stack_id = id;
    ev.resource_name = "w";
    cur_spec = &ev;
    for (int i = 0; i < WRITERS; i++)
        pthread_create(&th[i], NULL, writer_term, NULL);
    for (int i = 0; i < WRITERS; i++) {
        void *r = NULL;
        pthread_join(th[i], &r);
        fails += (long)r;
    }
    is_int(fails, 0, "two threads with their own connections: no transaction failed");
    hh_store_event_count(st, id, &n, NULL);
    is_int(n, 2 * WRITERS * PER_WRITER, "every event of both writers is there");
    hh_store_close(st);
}

/* ---- MySQL: transactions re-run whole ---- */

/* The store serializes its writers (begin takes the write lock), so the
 * transactions the server aborts here meet a writer of their own: a plain
 * connection to the same database, as another program would be. */
static MYSQL *ext_connect(const char *url)
{
    char sock[512] = "", db[128] = "";
    const char *p = strstr(url, "unix_socket="), *d = strstr(url, "://");
    MYSQL *m = mysql_init(NULL);

    if (p != NULL)
        sscanf(p + 12, "%511[^&]", sock);
    if (d != NULL && (d = strchr(d + 3, '/')) != NULL)
        sscanf(d + 1, "%127[^?]", db);
    if (m != NULL && mysql_real_connect(m, NULL, "root", NULL, db, 0, sock, 0) == NULL) {
        diag("connect %s: %s", db, mysql_error(m));
        mysql_close(m);
        m = NULL;
    }
    return m;
}

/* Run a query on m: its error number (0: done). */
static unsigned int ext_q(MYSQL *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static unsigned int ext_q(MYSQL *m, const char *fmt, ...)
{
    char q[512];
    va_list ap;
    MYSQL_RES *res;

    va_start(ap, fmt);
    vsnprintf(q, sizeof(q), fmt, ap);
    va_end(ap);
    if (mysql_query(m, q) != 0) {
        diag("%s: %s", q, mysql_error(m));
        return mysql_errno(m);
    }
    res = mysql_store_result(m);
    mysql_free_result(res);
    return 0;
}

static char *dl_url;   /* the database of the test running */
static sem_t dl_began; /* the store's transaction holds the write lock */

typedef struct dl_arg {
    const char *stack_id;
    int64_t res; /* the resource the transaction updates */
    bool read_stack;
    int rc;
    int64_t retries;
    char msg[512];
} dl_arg;

/* The store's transaction: [read the stack,] write an event, update res. */
static void *dl_tx(void *p)
{
    dl_arg *a = p;
    hh_store *st = NULL;
    hh_store_event_spec ev = {.stack_id = a->stack_id, .resource_name = "store"};
    json_t *row = NULL;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    a->rc = -1;
    if (hh_store_open(dl_url, &st, &err) != 0 || hh_store_begin(st, &err) != 0) {
        sem_post(&dl_began);
        goto done;
    }
    sem_post(&dl_began);
    rc = a->read_stack ? hh_store_stack_get(st, a->stack_id, false, &row, &err) : 0;
    json_decref(row);
    if (rc == 0)
        rc = hh_store_event_create(st, 0, &ev, NULL, &err);
    if (rc == 0)
        rc = hh_store_resource_set_state(st, 0, a->res, "UPDATE", "IN_PROGRESS", "store", &err);
    a->rc = rc == 0 ? hh_store_commit(st, &err) : (hh_store_rollback(st), rc);
    a->retries = hh_store_retries(st);
done:
    snprintf(a->msg, sizeof(a->msg), "%s", err.message);
    hh_store_close(st);
    return NULL;
}

/* A deadlock between the store's transaction (which holds the write lock
 * and waits for a row of the other writer) and a heavier writer (which
 * then asks for the write lock): the server aborts the store's (1213). The
 * store re-runs it whole: with the reads unchanged it commits, its effects
 * once; with its read of the stack changed (conflict) it fails EBUSY,
 * leaving nothing. */
static void deadlock_case(bool conflict)
{
    const char *tag = conflict ? "store_conflict" : "store_deadlock";
    hh_store *st = (dl_url = hh_test_db_new(tag, "")) != NULL ? open_db(dl_url) : NULL;
    MYSQL *ext = NULL;
    hh_store_stack_spec sp = {0};
    hh_store_resource_spec rs = {0};
    char id[HH_STORE_ID_LEN], name[16];
    dl_arg a = {0};
    json_t *r = NULL, *stack = NULL, *evs = NULL;
    hh_store_list_opts lo = {0};
    int64_t ra = 0;
    pthread_t t;

    if (st == NULL || (ext = ext_connect(dl_url)) == NULL) {
        ok(0, "%s: databases and connections", tag);
        goto done;
    }
    sp.name = tag;
    sp.tenant = "d";
    sp.raw_template_id = new_template(st, 0);
    hh_store_stack_create(st, 0, &sp, id, NULL);
    rs.stack_id = id;
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof(name), "r%02d", i);
        rs.name = name;
        hh_store_resource_create(st, 0, &rs, i == 0 ? &ra : NULL, NULL, NULL);
    }
    /* the other writer: 20 rows, and the stack row when conflict */
    ext_q(ext, "BEGIN");
    ext_q(ext,
          "UPDATE resource SET status_reason = 'ext', atomic_key = atomic_key + 1"
          " WHERE stack_id = '%s'",
          id);
    if (conflict)
        ext_q(ext, "UPDATE stack SET status_reason = 'ext' WHERE id = '%s'", id);
    a = (dl_arg){.stack_id = id, .res = ra, .read_stack = conflict};
    sem_init(&dl_began, 0, 0);
    pthread_create(&t, NULL, dl_tx, &a);
    sem_wait(&dl_began);
    /* The store's transaction holds the write lock and then waits for a
     * row of ext (the resource, or the stack its event refers to); ext
     * asks for the write lock: a deadlock, whose lighter side the server
     * aborts: the store's. */
    is_int(ext_q(ext, "UPDATE fence_term SET holder = 'ext' WHERE id = 1"), 0,
           "%s: the other writer took the write lock: the server aborted the store's", tag);
    is_int(ext_q(ext, "COMMIT"), 0, "%s: the other writer committed", tag);
    pthread_join(t, NULL);
    sem_destroy(&dl_began);
    ok(a.retries >= 1, "%s: the store re-ran its transaction (%lld)", tag, (long long)a.retries);
    hh_store_resource_get(st, ra, &r, NULL);
    lo.filters = json_pack("{s:s}", "resource_name", "store");
    hh_store_event_list(st, id, &lo, &evs, NULL);
    hh_store_stack_get(st, id, false, &stack, NULL);
    if (!conflict) {
        is_int(a.rc, 0, "%s: and committed (%s)", tag, a.msg);
        is_int(json_integer_value(json_object_get(r, "atomic_key")), 2,
               "%s: the row was updated once by each", tag);
        is_str(jstr(r, "status_reason"), "store", "%s: the store's update came last", tag);
        is_int(json_array_size(evs), 1, "%s: the re-run transaction's event is there once", tag);
    } else {
        is_int(a.rc, EBUSY, "%s: its re-run read another stack row: EBUSY", tag);
        ok(strstr(a.msg, "conflict") != NULL, "%s: it says why: %s", tag, a.msg);
        is_int(json_integer_value(json_object_get(r, "atomic_key")), 1,
               "%s: nothing of the failed transaction stayed", tag);
        is_str(jstr(r, "status_reason"), "ext", "%s: the row is the other writer's", tag);
        is_int(json_array_size(evs), 0, "%s: no event of it", tag);
        is_str(jstr(stack, "status_reason"), "ext", "%s: the stack is the other writer's", tag);
    }
done:
    json_decref((json_t *)lo.filters);
    json_decref(evs);
    json_decref(stack);
    json_decref(r);
    if (ext != NULL)
        mysql_close(ext);
    hh_store_close(st);
    free(dl_url);
    dl_url = NULL;
}

/* Kill every other connection to ext's database: 0 or an error number. */
static unsigned int kill_others(MYSQL *ext)
{
    MYSQL_RES *res;
    MYSQL_ROW row;
    unsigned int e = 0;

    if (mysql_query(ext, "SELECT id FROM information_schema.processlist"
                         " WHERE db = DATABASE() AND id <> CONNECTION_ID()") != 0 ||
        (res = mysql_store_result(ext)) == NULL)
        return mysql_errno(ext);
    while (e == 0 && (row = mysql_fetch_row(res)) != NULL)
        e = ext_q(ext, "KILL CONNECTION %s", row[0]);
    mysql_free_result(res);
    return e;
}

/* The server ends the store's connection (2006/2013): a read outside a
 * transaction reconnects and runs again; a transaction is re-run whole on
 * a new connection, its effects once. */
static void test_lost_connection(void)
{
    hh_store *st = (dl_url = hh_test_db_new("store_lost", "")) != NULL ? open_db(dl_url) : NULL;
    hh_store_stack_spec sp = {.name = "lost", .tenant = "l"};
    hh_store_event_spec ev = {.resource_name = "lost"};
    char id[HH_STORE_ID_LEN];
    json_t *row = NULL;
    MYSQL *ext = NULL;
    int64_t n = -1, before;
    hh_error err;

    hh_error_clear(&err);
    if (st == NULL || (ext = ext_connect(dl_url)) == NULL) {
        ok(0, "lost: database and connection");
        goto done;
    }
    sp.raw_template_id = new_template(st, 0);
    hh_store_stack_create(st, 0, &sp, id, NULL);
    ev.stack_id = id;
    before = hh_store_retries(st);
    is_int(kill_others(ext), 0, "lost: the server killed the store's connection");
    is_int(hh_store_stack_get(st, id, false, &row, &err), 0,
           "lost: a read after it reconnects and runs again (%s)", err.message);
    is_str(jstr(row, "name"), "lost", "lost: and reads the stack");
    ok(hh_store_retries(st) > before, "lost: counted as a re-run");
    is_int(hh_store_begin(st, &err), 0, "lost: a transaction begins");
    is_int(hh_store_event_create(st, 0, &ev, NULL, &err), 0, "lost: writes an event");
    is_int(kill_others(ext), 0, "lost: the server kills the connection inside the transaction");
    is_int(hh_store_event_create(st, 0, &ev, NULL, &err), 0,
           "lost: the next write re-runs the transaction on a new connection (%s)", err.message);
    is_int(hh_store_commit(st, &err), 0, "lost: and commits (%s)", err.message);
    hh_store_event_count(st, id, &n, NULL);
    is_int(n, 2, "lost: both events, the first once");
done:
    json_decref(row);
    if (ext != NULL)
        mysql_close(ext);
    hh_store_close(st);
    free(dl_url);
    dl_url = NULL;
}

/* A Unix-socket relay to the test server. Armed, it passes the next
 * COMMIT on, waits for the server's answer and then drops the client's
 * connection without passing the answer back: the commit landed, and the
 * client saw its connection lost at COMMIT (2013). */
typedef struct relay {
    char path[108], target[108];
    int lfd, stop[2];
    atomic_int armed, fired;
    pthread_t th;
} relay;

static bool write_all(int fd, const unsigned char *b, ssize_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, (size_t)n);
        if (w <= 0)
            return false;
        b += w;
        n -= w;
    }
    return true;
}

static void relay_conn(relay *r, int cfd)
{
    /* COM_QUERY "COMMIT": length 7, sequence 0 */
    static const unsigned char commit[] = {7, 0, 0, 0, 3, 'C', 'O', 'M', 'M', 'I', 'T'};
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    unsigned char buf[65536];
    int sfd = socket(AF_UNIX, SOCK_STREAM, 0);

    snprintf(a.sun_path, sizeof(a.sun_path), "%s", r->target);
    if (sfd < 0 || connect(sfd, (struct sockaddr *)&a, sizeof(a)) != 0)
        goto done;
    for (;;) {
        struct pollfd p[3] = {{.fd = cfd, .events = POLLIN},
                              {.fd = sfd, .events = POLLIN},
                              {.fd = r->stop[0], .events = POLLIN}};
        ssize_t n;

        if (poll(p, 3, -1) < 0 || p[2].revents != 0)
            break;
        if (p[0].revents != 0) {
            if ((n = read(cfd, buf, sizeof(buf))) <= 0 || !write_all(sfd, buf, n))
                break;
            if (atomic_load(&r->armed) && memmem(buf, (size_t)n, commit, sizeof(commit))) {
                struct pollfd q = {.fd = sfd, .events = POLLIN};
                if (poll(&q, 1, 10000) == 1 && read(sfd, buf, sizeof(buf)) > 0)
                    atomic_fetch_add(&r->fired, 1);
                atomic_store(&r->armed, 0);
                break; /* the answer stays here */
            }
        }
        if (p[1].revents != 0 &&
            ((n = read(sfd, buf, sizeof(buf))) <= 0 || !write_all(cfd, buf, n)))
            break;
    }
done:
    if (sfd >= 0)
        close(sfd);
    close(cfd);
}

static void *relay_main(void *arg)
{
    relay *r = arg;

    for (;;) {
        struct pollfd p[2] = {{.fd = r->lfd, .events = POLLIN},
                              {.fd = r->stop[0], .events = POLLIN}};
        int cfd;

        if (poll(p, 2, -1) < 0 || p[1].revents != 0)
            return NULL;
        if ((cfd = accept(r->lfd, NULL, NULL)) >= 0)
            relay_conn(r, cfd);
    }
}

/* Start r (initialised with lfd and stop -1) in dbdir, to the server of
 * url (its unix_socket). *via: new, url through the relay. */
static int relay_start(relay *r, const char *url, char **via)
{
    const char *sock = strstr(url, "unix_socket="), *end;
    struct sockaddr_un a = {.sun_family = AF_UNIX};

    if (sock == NULL)
        return -1;
    sock += strlen("unix_socket=");
    end = sock + strcspn(sock, "&");
    snprintf(r->target, sizeof(r->target), "%.*s", (int)(end - sock), sock);
    snprintf(r->path, sizeof(r->path), "%s/relay.sock", dbdir);
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", r->path);
    unlink(r->path);
    if (pipe(r->stop) != 0)
        return -1;
    if ((r->lfd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
        bind(r->lfd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(r->lfd, 4) != 0 ||
        asprintf(via, "%.*s%s%s", (int)(sock - url), url, r->path, end) < 0 ||
        pthread_create(&r->th, NULL, relay_main, r) != 0)
        return -1;
    return 0;
}

static void relay_stop(relay *r)
{
    if (r->th != 0) {
        if (write(r->stop[1], "x", 1) == 1)
            pthread_join(r->th, NULL);
    }
    if (r->lfd >= 0)
        close(r->lfd);
    for (int i = 0; i < 2; i++)
        if (r->stop[i] >= 0)
            close(r->stop[i]);
    if (r->path[0] != '\0')
        unlink(r->path);
}

/* The connection lost at COMMIT after the commit landed (a Galera writer
 * killed between its commit and its answer): the store finds the
 * transaction's row and reports the commit, rather than re-running it
 * into a duplicate key; a transaction of updates only is run again, to
 * the same rows and values. */
static void test_commit_lost(void)
{
    char *url = hh_test_db_new("store_commit", ""), *via = NULL;
    hh_store *st = NULL;
    hh_store_stack_spec sp = {.name = "landed", .tenant = "l"};
    hh_store_event_spec ev = {.resource_name = "landed"};
    char id[HH_STORE_ID_LEN];
    json_t *row = NULL;
    relay r = {.lfd = -1, .stop = {-1, -1}};
    int64_t n = -1, before;
    hh_error err;

    hh_error_clear(&err);
    if (url == NULL || relay_start(&r, url, &via) != 0 || (st = open_db(via)) == NULL) {
        ok(0, "commit lost: a database behind a relay");
        goto done;
    }
    sp.raw_template_id = new_template(st, 0);
    hh_store_stack_create(st, 0, &sp, id, NULL);
    ev.stack_id = id;
    before = hh_store_retries(st);
    hh_store_begin(st, &err);
    hh_store_event_create(st, 0, &ev, NULL, &err);
    hh_store_event_create(st, 0, &ev, NULL, &err);
    atomic_store(&r.armed, 1);
    is_int(hh_store_commit(st, &err), 0, "commit lost: the commit that landed is reported (%s)",
           err.message);
    is_int(atomic_load(&r.fired), 1,
           "commit lost: the server answered the COMMIT, the store never saw it");
    ok(hh_store_retries(st) > before, "commit lost: the store connected again");
    hh_store_event_count(st, id, &n, NULL);
    is_int(n, 2, "commit lost: both events, once");

    hh_error_clear(&err);
    hh_store_begin(st, &err);
    hh_store_stack_set_state(st, 0, id, "CREATE", "COMPLETE", "done", &err);
    atomic_store(&r.armed, 1);
    is_int(hh_store_commit(st, &err), 0, "commit lost: updates only are run again (%s)",
           err.message);
    is_int(atomic_load(&r.fired), 2, "commit lost: (the COMMIT's answer was dropped again)");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status_reason"), "done", "commit lost: to the same values");
done:
    json_decref(row);
    hh_store_close(st);
    relay_stop(&r);
    free(via);
    free(url);
}

/* utf8mb4 and strict sql_mode: 4-byte characters and over-long text are
 * written, fitted. */
static void test_long_text(void)
{
    hh_store *st = open_fresh("store_text");
    hh_store_stack_spec sp = {0};
    char id[HH_STORE_ID_LEN], name[1300];
    json_t *row = NULL;
    hh_error err;

    if (st == NULL)
        return;
    hh_error_clear(&err);
    for (size_t i = 0; i + 4 < sizeof(name); i += 4)
        memcpy(name + i, "\xf0\x9f\x94\xa5", 4); /* U+1F525 */
    name[sizeof(name) - 4] = '\0';
    sp.name = name;
    sp.tenant = "long";
    sp.status_reason = name;
    sp.raw_template_id = new_template(st, 0);
    ok(sp.raw_template_id > 0, "template");
    is_int(hh_store_stack_create(st, 0, &sp, id, &err), 0,
           "a name of 4-byte characters longer than its column is written (%s)", err.message);
    hh_store_stack_get(st, id, false, &row, NULL);
    is_int(strlen(jstr(row, "name")), 252, "fitted to 255 bytes on a character boundary");
    is_int(strncmp(jstr(row, "status_reason"), name, 16), 0, "4-byte characters kept");
    json_decref(row);
    hh_store_close(st);
}

/* A db_sync killed in the middle of a migration: MySQL commits each schema
 * statement at once, so the database keeps part of the migration without
 * its version. The next db_sync completes it (here every migration after
 * the version left is already applied, the worst case), and the rows
 * written before stay. */
static void test_migration_cut_short(void)
{
    char *url = hh_test_db_new("cut", "sqlite://");
    hh_store *st = url != NULL ? open_db(url) : NULL;
    MYSQL *m = url != NULL ? ext_connect(url) : NULL;
    static const struct {
        const char *sql, *what;
    } cut[] = {
        {"UPDATE schema_version SET version = 2", "migrations 3 and later applied, version 2 left"},
        {"UPDATE schema_version SET version = 0", "every migration applied, version 0 left"},
        {"DELETE FROM schema_version", "killed between schema_version and its row"},
        {"DROP INDEX ux_stack_live_name ON stack", "the last migration's index missing"},
    };
    int64_t term = 0;
    hh_error err;
    int v = -1;

    hh_error_clear(&err);
    if (!ok(st != NULL && m != NULL, "a synced database and a plain connection to it"))
        goto done;
    is_int(hh_store_term_acquire(st, "cut", &term, &err), 0, "a term taken (a row written)");
    for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
        if (i == 3)
            ext_q(m, "UPDATE schema_version SET version = %d", hh_store_schema_latest(st) - 1);
        is_int(ext_q(m, "%s", cut[i].sql), 0, "%s", cut[i].what);
        if (!ok(hh_store_db_sync(st, -1, &err) == 0, "%s: db_sync completes it", cut[i].what))
            diag("db_sync: %s", err.message);
        hh_store_db_version(st, &v, &err);
        is_int(v, hh_store_schema_latest(st), "%s: at the latest version", cut[i].what);
    }
    hh_store_term_current(st, &term, &err);
    is_int(term, 1, "the term written before is kept");
    is_int(ext_q(m, "CREATE UNIQUE INDEX ux_stack_live_name ON stack (tenant, name, live)"), 1061,
           "the dropped index is back");
done:
    if (m != NULL)
        mysql_close(m);
    hh_store_close(st);
    free(url);
}

static void test_software_configs(hh_store *st)
{
    char c1[HH_STORE_ID_LEN], c2[HH_STORE_ID_LEN], d1[HH_STORE_ID_LEN], missing[HH_STORE_ID_LEN];
    json_t *cfg =
        json_pack("{s:[], s:[], s:{}, s:s}", "inputs", "outputs", "options", "config", "echo hi");
    json_t *row = NULL, *list = NULL, *in = json_pack("{s:i}", "x", 1);
    hh_store_deployment_spec dsp = {0}, upd = {0};
    hh_error err;

    hh_error_clear(&err);
    is_int(hh_store_software_config_create(st, 0, "cfg-a", "script", cfg, "t1", c1, &err), 0,
           "software config created");
    is_int(hh_store_software_config_create(st, 0, "cfg-b", "Heat::Ungrouped", cfg, "t2", c2, &err),
           0, "a second project's config");
    is_int(hh_store_software_config_get(st, c1, "t1", &row, &err), 0, "config read back");
    is_str(jstr(row, "name"), "cfg-a", "name");
    is_str(jstr(row, "group"), "script", "group (a reserved word) stored");
    is_str(jstr(json_object_get(row, "config"), "config"), "echo hi", "config is JSON");
    ok(json_is_array(json_object_get(json_object_get(row, "config"), "inputs")), "inputs kept");
    json_decref(row);
    row = NULL;
    is_int(hh_store_software_config_get(st, c1, "t2", &row, &err), HH_ENOTFOUND,
           "another project's config is not found");
    ok(strncmp(err.message, "Software config with id ", 24) == 0, "Heat's message");
    hh_store_uuid(missing);
    hh_store_software_config_get(st, missing, NULL, &row, &err);
    ok(strstr(err.message, "not found") != NULL && strcmp(err.type, "NotFound") == 0,
       "Heat's NotFound: %s", err.message);

    hh_store_software_config_list(st, "t1", 0, NULL, &list, &err);
    is_int(json_array_size(list), 1, "list of a project");
    json_decref(list);
    hh_store_software_config_list(st, NULL, 0, NULL, &list, &err);
    is_int(json_array_size(list), 2, "list of every project");
    json_decref(list);
    hh_store_software_config_list(st, NULL, 1, NULL, &list, &err);
    is_int(json_array_size(list), 1, "limit");
    json_decref(list);

    dsp.config_id = c1;
    dsp.server_id = "server-1";
    dsp.tenant = "t1";
    dsp.input_values = in;
    dsp.action = "CREATE";
    dsp.status = "IN_PROGRESS";
    is_int(hh_store_software_deployment_create(st, 0, &dsp, d1, &err), 0, "deployment created");
    dsp.config_id = missing;
    is_int(hh_store_software_deployment_create(st, 0, &dsp, NULL, &err), HH_ENOTFOUND,
           "a deployment of no config is refused");
    is_int(hh_store_software_config_delete(st, 0, c1, "t1", &err), HH_EINVAL,
           "a referenced config is not deleted");
    is_str(err.type, "InvalidRestrictedAction", "... with Heat's exception");
    upd.status = "COMPLETE";
    upd.status_reason = "Outputs received";
    is_int(hh_store_software_deployment_update(st, 0, d1, "t1", &upd, &err), 0, "update");
    hh_store_software_deployment_get(st, d1, NULL, &row, &err);
    is_str(jstr(row, "status"), "COMPLETE", "status updated");
    is_str(jstr(row, "action"), "CREATE", "action kept");
    is_int(json_integer_value(json_object_get(json_object_get(row, "input_values"), "x")), 1,
           "input_values kept");
    json_decref(row);
    row = NULL;
    hh_store_software_deployment_list(st, "t1", "server-1", &list, &err);
    is_int(json_array_size(list), 1, "deployments of a server");
    json_decref(list);
    hh_store_software_deployment_list(st, "t1", "server-2", &list, &err);
    is_int(json_array_size(list), 0, "none of another server");
    json_decref(list);
    is_int(hh_store_software_deployment_delete(st, 0, d1, "t2", &err), HH_ENOTFOUND,
           "another project cannot delete it");
    is_int(hh_store_software_deployment_delete(st, 0, d1, "t1", &err), 0, "deployment deleted");
    is_int(hh_store_software_config_delete(st, 0, c1, "t1", &err), 0, "then the config goes");
    is_int(hh_store_software_config_get(st, c1, NULL, &row, &err), HH_ENOTFOUND, "gone");
    is_int(hh_store_software_config_delete(st, 0, c1, "t1", &err), HH_ENOTFOUND,
           "a second delete is NotFound");
    hh_store_software_config_delete(st, 0, c2, NULL, &err);
    json_decref(cfg);
    json_decref(in);
}

int main(void)
{
    hh_store *st = NULL;
    char sid[HH_STORE_ID_LEN];
    hh_store_stack_spec sp = {0};

    plan_lazy();
    if (mkdtemp(dbdir) == NULL)
        return 99;
    snprintf(dburl, sizeof(dburl), "sqlite:///%s/heat.db", dbdir);
    {
        char *url = hh_test_db_new("store", dburl);
        if (url == NULL) {
            printf("Bail out! no test database\n");
            return 99;
        }
        snprintf(dburl, sizeof(dburl), "%s", url);
        free(url);
    }
    diag("database: %s", hh_test_db_mysql() ? "mysql" : "sqlite");
    test_urls();
    test_synchronous();
    test_schema();

    st = open_fresh("store_ops");
    ok(st != NULL, "a new database synced");
    if (st != NULL) {
        test_stacks(st);
        test_paging(st);
        sp.name = "holder";
        sp.tenant = "t1";
        sp.raw_template_id = new_template(st, 0);
        hh_store_stack_create(st, 0, &sp, sid, NULL);
        test_resources(st, sid);
        test_events(st, sid);
        test_snapshots(st, sid);
        test_software_configs(st);
        test_transactions(st);
        test_services(st); /* takes terms: the fenced writes at 0 come before */
        hh_store_close(st);
    }
    if (!hh_test_db_mysql()) /* MySQL: hh_store_data_version is HH_EUNSUPPORTED */
        test_data_version();
    test_fencing();
    test_maintenance();
    test_concurrency_current();
    test_concurrency();
    test_name_race();
    if (hh_test_db_mysql()) {
        deadlock_case(false);
        deadlock_case(true);
        test_lost_connection();
        test_commit_lost();
        test_long_text();
        test_migration_cut_short();
    } else {
        test_writer_waits();
    }

    {
        char path[300];
        snprintf(path, sizeof(path), "%s/heat.db", dbdir);
        unlink(path);
        snprintf(path, sizeof(path), "%s/heat.db-wal", dbdir);
        unlink(path);
        snprintf(path, sizeof(path), "%s/heat.db-shm", dbdir);
        unlink(path);
        rmdir(dbdir);
    }
    return done_testing();
}
