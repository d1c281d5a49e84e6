/* test_db: the database of a test, chosen in one place.
 *
 * HH_TEST_DB_URL unset (or empty): a test uses the SQLite URL it names
 * itself (its fallback). HH_TEST_DB_URL set to a MySQL server's URL with no
 * database (tests/lib/mariadb.sh prints one): each call creates a new empty
 * database there, hh_<tag>_<pid>_<n>, so tests running at once never share
 * one, and returns its URL (with the server URL's parameters, and
 * db_retry_interval=0.01 unless the URL sets it, so a re-run transaction
 * waits milliseconds).
 */
#ifndef HH_TEST_DB_H
#define HH_TEST_DB_H

#include <stdbool.h>

/* A new database for the test tag ([A-Za-z0-9_]) or fallback (borrowed).
 * *url: new string (free()); NULL when the database could not be made
 * (the reason printed as a TAP diagnostic). */
char *hh_test_db_new(const char *tag, const char *fallback);

/* Do the tests run on a MySQL server (HH_TEST_DB_URL set)? */
bool hh_test_db_mysql(void);

#endif
