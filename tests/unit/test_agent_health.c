/* Unit tests for agent_health: what an engine's status answer says of it
 * (database, broker, deposed), the debounce of failed checks, and the
 * status line of an HTTP health check's answer. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "agent_health.h"
#include "tap.h"

static hh_engine_report report(const char *text, bool check_broker)
{
    hh_engine_report r;
    json_t *reply = json_loads(text, 0, NULL);

    if (reply == NULL)
        diag("bad test JSON: %s", text);
    hh_engine_report_read(reply, check_broker, &r);
    json_decref(reply);
    return r;
}

static int status_of(const char *line, int *code)
{
    return hh_http_status_parse(line, strlen(line), code);
}

int main(void)
{
    hh_engine_report r;
    hh_health_count h = {.threshold = 3};
    int code = -1;

    plan_lazy();

    /* the engine's answer */
    r = report("{\"role\": \"active\", \"term\": 4, \"database_ok\": true, \"database_term\": 4, "
               "\"broker_ok\": true, \"transport\": \"amqp\"}",
               true);
    ok(r.has_role && r.active && !r.deposed && r.fit, "active with its database: fit and active");
    is_str(r.role, "active", "role active");
    is_int((int)r.term, 4, "its term");
    is_str(r.why, "", "no reason when fit");
    r = report("{\"role\": \"standby\", \"term\": 0, \"database_ok\": false, "
               "\"database_error\": \"unable to open database file\", \"broker_ok\": true}",
               true);
    ok(!r.fit && !r.active, "database unreachable: not fit");
    is_str(r.why, "database unreachable: unable to open database file", "and says why");
    r = report("{\"role\": \"standby\", \"database_ok\": false}", false);
    is_str(r.why, "database unreachable: no reason given", "no database_error: said so");
    r = report("{\"role\": \"standby\", \"database_ok\": true, \"database_term\": 2, "
               "\"broker_ok\": false, \"transport\": \"none\"}",
               true);
    ok(!r.fit, "broker down with check_broker: not fit");
    is_str(r.why, "no RPC transport (none)", "and says why");
    r = report("{\"role\": \"standby\", \"database_ok\": true, \"broker_ok\": false}", false);
    ok(r.fit, "broker down without check_broker: fit");
    r = report("{\"role\": \"active\", \"term\": 3, \"database_ok\": true, \"database_term\": 5, "
               "\"broker_ok\": true}",
               true);
    ok(r.deposed && !r.active && r.fit, "a newer database term: deposed, not active, still fit");
    is_str(r.role, "deposed", "role deposed");
    is_int((int)r.db_term, 5, "the database's term");
    r = report("{\"role\": \"standby\", \"term\": 3, \"database_ok\": true, \"database_term\": 5}",
               false);
    ok(!r.deposed && !r.active, "standby behind the database's term: just standby");
    r = report("{\"role\": \"active\", \"term\": 5, \"database_ok\": false}", false);
    ok(r.active && !r.deposed && !r.fit, "active without its database: active (holds), not fit");
    r = report("{\"role\": \"active\", \"term\": 1}", false);
    ok(!r.fit, "an answer without database_ok is not fit");
    is_str(r.why, "the engine does not report its database", "and says why");
    r = report("{\"error\": \"activation failed: locked\"}", false);
    ok(!r.has_role && !r.active && r.role[0] == '\0', "an error answer has no role");
    r = report("[1, 2]", false);
    ok(!r.has_role && !r.fit, "not an object: no role, not fit");

    /* debounce: N failures in a row */
    ok(!h.healthy, "a new count is not healthy");
    ok(hh_health_record(&h, true), "the first good check makes it healthy (a change)");
    ok(!hh_health_record(&h, false), "one failure: no change");
    ok(!hh_health_record(&h, false) && h.healthy, "two failures: still healthy");
    ok(!hh_health_record(&h, true) && h.failures == 0, "a good check resets the failures");
    hh_health_record(&h, false);
    hh_health_record(&h, false);
    ok(hh_health_record(&h, false) && !h.healthy, "three in a row: unhealthy (a change)");
    ok(!hh_health_record(&h, false) && h.failures == 4, "more failures: no further change");
    ok(hh_health_record(&h, true) && h.healthy, "one good check: healthy again");
    {
        hh_health_count one = {.threshold = 0, .healthy = true};

        ok(hh_health_record(&one, false) && !one.healthy, "threshold 0 counts as 1");
    }

    /* HTTP status lines */
    is_int(status_of("HTTP/1.1 200 OK\r\n", &code), 0, "HTTP/1.1 200 OK parses");
    is_int(code, 200, "status 200");
    is_int(status_of("HTTP/1.0 503 Service Unavailable\r\n", &code), 0, "HTTP/1.0 503 parses");
    is_int(code, 503, "status 503");
    is_int(status_of("HTTP/1.1 204\r\n", &code), 0, "a status without a reason parses");
    is_int(status_of("HTTP/1.1 20", &code), EAGAIN, "a partial status line: more needed");
    is_int(status_of("HTTP/1.1 200", &code), EAGAIN, "three digits without a separator: more");
    is_int(status_of("HTT", &code), EAGAIN, "a partial prefix: more needed");
    is_int(status_of("", &code), EAGAIN, "nothing yet: more needed");
    is_int(status_of("SSH-2.0-OpenSSH\r\n", &code), EPROTO, "not HTTP: EPROTO");
    is_int(status_of("HTTP/1.1 2000 x", &code), EPROTO, "four digits: EPROTO");
    is_int(status_of("HTTP/1.1 20x x", &code), EPROTO, "a letter in the code: EPROTO");
    is_int(status_of("HTTP/1.1 099 x", &code), EPROTO, "below 100: EPROTO");
    is_int(code, 0, "and no code");
    is_int(status_of("HTTP/2 200 x", &code), EPROTO, "HTTP/2 framing: EPROTO");
    return done_testing();
}
