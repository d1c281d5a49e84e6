/* hh-test-db TAG FALLBACK: print the URL of a new database for a test
 * script (tests/lib/test_db.h): on HH_TEST_DB_URL's MySQL server when it
 * is set, else FALLBACK. Exit 1 when the database could not be made. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "test_db.h"

int main(int argc, char **argv)
{
    char *url;

    if (argc != 3) {
        fprintf(stderr, "usage: hh-test-db TAG FALLBACK\n");
        return 2;
    }
    url = hh_test_db_new(argv[1], argv[2]);
    if (url == NULL)
        return 1;
    printf("%s\n", url);
    free(url);
    return 0;
}
