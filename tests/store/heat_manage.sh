#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-manage driven as an operator drives it, against a temporary SQLite
# database, or a new database on HH_TEST_DB_URL's MySQL server
# (tests/lib/test_db.sh) (TAP). Needs the built program (top_builddir).
manage="${top_builddir:-.}/engine/store/heat-manage"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"

# run heat-manage with the test configuration; keep stdout, stderr, exit code
run() {
    "$manage" --config-file "$work/heat.conf" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
    echo $? >"$work/rc"
}
out_is() { [ "$(cat "$work/stdout")" = "$1" ]; }
db=$(test_db_url heat_manage "sqlite:///$work/heat.db") || {
    echo "Bail out! no test database"
    exit 1
}
sql() { test_db_sql "$db" "$1"; }
count() { test_db_value "$db" "$1"; }
is_value() { [ "$(count "$1")" = "$2" ]; }

printf '[database]\nconnection = %s\n' "$db" >"$work/heat.conf"

run db_version
check "db_version of a new database exits 0" rc_is 0
check "new database is at version 0" out_is 0

run service list
check "service list before db_sync fails" rc_is 1
check "and says to run db_sync" err_has "run heat-manage db_sync"

run db_sync 1
check "db_sync 1 exits 0" rc_is 0
run db_version
check "database at version 1" out_is 1
run db_sync
check "db_sync to the latest exits 0" rc_is 0
run db_version
latest=$(cat "$work/stdout")
check "database past version 1" test "$latest" -gt 1
run db_sync
check "db_sync again exits 0" rc_is 0
run db_version
check "and keeps the version" out_is "$latest"
run db_sync 1
check "downgrade exits 1" rc_is 1
check "downgrade refused in words" err_has "^ERROR: .*downgrade"
run db_sync nine
check "non-numeric version is a usage error" rc_is 2

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "INSERT INTO service (id, engine_id, host, hostname, \"binary\", topic, report_interval, created_at, updated_at)
     VALUES ('s1', 'e-live', 'node1', 'node1', 'heat-engine', 'engine', 60, '$now', '$now'),
            ('s2', 'e-dead', 'node2', 'node2', 'heat-engine', 'engine', 60, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
run service list
check "service list exits 0" rc_is 0
check "Heat's header" out_has "^Hostname         Binary           Engine_Id                            Host       Topic      Status     Updated At"
check "live engine up" out_has "^node1 .* e-live .* up "
check "dead engine down" out_has "^node2 .* e-dead .* down "
run service clean
check "service clean exits 0" rc_is 0
check "service clean says so" out_is "Dead engines are removed."
run service list
check "dead engine gone" sh -c "! grep -q e-dead '$work/stdout'"
check "live engine kept" out_has "e-live"
run service nope
check "unknown service action is a usage error" rc_is 2

sql "INSERT INTO raw_template (id, template, files, environment, created_at) VALUES (1, '{}', '{}', '{}', '$now');
     INSERT INTO stack (id, name, raw_template_id, tenant, action, status, created_at, deleted_at)
     VALUES ('old', 'old', 1, 'p1', 'DELETE', 'COMPLETE', '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z'),
            ('live', 'live', 1, 'p1', 'CREATE', 'IN_PROGRESS', '$now', NULL);
     INSERT INTO resource (id, uuid, stack_id, name, status, created_at) VALUES (7, 'u7', 'live', 'r', 'IN_PROGRESS', '$now');
     INSERT INTO resource_data (resource_id, \"key\", value, created_at) VALUES (7, 'password', 'pw', '$now');"
run purge_deleted -g weeks
check "bad granularity is a usage error" rc_is 2
check "bad granularity named" err_has "invalid choice: 'weeks'"
run purge_deleted ten
check "non-integer age exits 1" rc_is 1
check "Heat's words for a bad age" err_has "^ERROR: age should be an integer$"
run purge_deleted -5
check "negative age exits 1" rc_is 1
check "Heat's words for a negative age" err_has "^ERROR: age should be a positive integer$"
run purge_deleted 5 -b x
check "bad batch size exits 1" rc_is 1
check "Heat's words for a bad batch size" err_has "^ERROR: batch_size should be an integer$"
run purge_deleted 5 -b
check "option without its argument is a usage error" rc_is 2
run purge_deleted 1 -p other
check "purge of another project exits 0" rc_is 0
check "leaves p1's stack" is_value "select count(*) from stack where id='old'" 1
run purge_deleted 1 -g days -p p1 -b 5
check "purge_deleted exits 0" rc_is 0
check "old deleted stack purged" is_value "select count(*) from stack where id='old'" 0
check "live stack kept" is_value "select count(*) from stack where id='live'" 1

# granularity: a stack deleted two hours ago, with an event and a snapshot
ago=$(date -u -d '2 hours ago' +%Y-%m-%dT%H:%M:%SZ)
sql "INSERT INTO stack (id, name, raw_template_id, tenant, action, status, created_at, deleted_at)
     VALUES ('recent', 'recent', 1, 'p1', 'DELETE', 'COMPLETE', '$ago', '$ago');
     INSERT INTO event (uuid, stack_id, resource_action, resource_status, resource_name, created_at)
     VALUES ('ev-recent', 'recent', 'DELETE', 'COMPLETE', 'recent', '$ago');
     INSERT INTO snapshot (id, stack_id, name, tenant, status, created_at)
     VALUES ('snap-recent', 'recent', 's', 'p1', 'COMPLETE', '$ago');"
run purge_deleted 3 -g hours
check "purge at 3 hours exits 0" rc_is 0
check "a stack deleted 2 hours ago is kept" test "$(count "select count(*) from stack where id='recent'")" = 1
run purge_deleted 121 --granularity minutes
check "kept at 121 minutes" test "$(count "select count(*) from stack where id='recent'")" = 1
run purge_deleted 7100 -g seconds
check "purge at 7100 seconds exits 0" rc_is 0
check "purged when older than the age in seconds" test "$(count "select count(*) from stack where id='recent'")" = 0
check "its events went with it" test "$(count "select count(*) from event where stack_id='recent'")" = 0
check "its snapshots went with it" test "$(count "select count(*) from snapshot where stack_id='recent'")" = 0
check "purge prints nothing, as Heat's" out_is ""

run resource_data_list 7
check "resource_data_list exits 0" rc_is 0
check "prints key and value" out_has "^password  *pw *$"
run resource_data_list 99
check "unknown resource exits 1" rc_is 1
run resource_data_list
check "missing resource id is a usage error" rc_is 2

run reset_stack_status live
check "reset without confirmation exits 0" rc_is 0
check "asks first" out_has "Continue ? \[y/N\]"
check "and changes nothing on no" is_value "select status from stack where id='live'" IN_PROGRESS
run reset_stack_status -y live
check "reset -y exits 0" rc_is 0
check "stack FAILED" is_value "select status from stack where id='live'" FAILED
run reset_stack_status -y nope
check "reset of an unknown stack exits 1" rc_is 1
check "says not found" err_has "^ERROR: Stack with id nope not found$"

run frobnicate
check "unknown command is a usage error" rc_is 2
"$manage" >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "no command is a usage error" rc_is 2
"$manage" --help >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "--help exits 0" rc_is 0
check "--help lists purge_deleted" out_has "purge_deleted"

printf '[database]\nconnection = postgresql://x/y\n' >"$work/bad.conf"
"$manage" --config-file "$work/bad.conf" db_version >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "unknown URL scheme exits 1" rc_is 1
check "unknown URL scheme explained" err_has "^ERROR: unknown database URL scheme"
printf '[database]\nconnection = mysql+pymysql://heat:secretpw@127.0.0.1:1/heat\nmax_retries = 0\n' >"$work/my.conf"
"$manage" --config-file "$work/my.conf" db_version >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "mysql URL of no server exits 1" rc_is 1
check "and says it could not connect" err_has "mysql: connect: "
check "no password in the message" sh -c "! grep -q secretpw '$work/stderr'"
printf '[DEFAULT]\n' >"$work/empty.conf"
"$manage" --config-file "$work/empty.conf" db_version >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "no connection exits 1" rc_is 1
check "no connection explained" err_has "connection is not set"
"$manage" --config-file "$work/missing.conf" db_version >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/rc"
check "missing config file exits 1" rc_is 1

tap_done
