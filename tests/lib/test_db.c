/* test_db: per-test databases (test_db.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "test_db.h"

bool hh_test_db_mysql(void)
{
    const char *env = getenv("HH_TEST_DB_URL");

    return env != NULL && strncmp(env, "mysql", 5) == 0;
}

char *hh_test_db_new(const char *tag, const char *fallback)
{
    static int serial;
    const char *env = getenv("HH_TEST_DB_URL");
    char name[65], *url = NULL, *out = NULL;
    hh_error err;

    if (!hh_test_db_mysql())
        return strdup(fallback);
    snprintf(name, sizeof(name), "hh_%.40s_%ld_%d", tag, (long)getpid(),
             __atomic_add_fetch(&serial, 1, __ATOMIC_SEQ_CST));
    hh_error_clear(&err);
    if (hh_store_create_database(env, name, &url, &err) != 0) {
        printf("# test_db: %s: %s\n", name, err.message);
        return NULL;
    }
    if (strstr(url, "db_retry_interval=") != NULL)
        return url;
    if (asprintf(&out, "%s%sdb_retry_interval=0.01", url, strchr(url, '?') != NULL ? "&" : "?") < 0)
        out = NULL;
    free(url);
    return out;
}
