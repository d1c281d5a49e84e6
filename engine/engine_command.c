/* engine_command: heat-engine's control socket commands (see the header). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "engine_command.h"
#include "hh_error.h"
#include "service_control.h"

/* One member as KEY=VALUE on stdout. */
static void print_member(const char *key, const json_t *v)
{
    char *text = NULL;

    if (json_is_string(v)) {
        const char *s = json_string_value(v);

        printf("%s=", key);
        for (; *s != '\0'; s++)
            putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
        putchar('\n');
    } else if (json_is_integer(v)) {
        printf("%s=%" JSON_INTEGER_FORMAT "\n", key, json_integer_value(v));
    } else if (json_is_boolean(v)) {
        printf("%s=%s\n", key, json_is_true(v) ? "true" : "false");
    } else if ((text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
        printf("%s=%s\n", key, text);
    }
    free(text);
}

int hh_engine_command(const char *sock, const char *cmd, int timeout_ms, int usage_rc)
{
    json_t *req = NULL, *reply = NULL, *v;
    const char *key;
    hh_error err;
    int status = HH_CMD_UNREACHABLE, rc;

    hh_error_clear(&err);
    if (strcmp(cmd, "status") != 0 && strcmp(cmd, "promote") != 0 && strcmp(cmd, "demote") != 0) {
        fprintf(stderr, "heat-engine: unknown command %s (status, promote, demote)\n", cmd);
        return usage_rc;
    }
    if ((req = json_pack("{s:s}", "op", cmd)) == NULL) {
        fprintf(stderr, "heat-engine: out of memory\n");
        goto done;
    }
    if ((rc = hh_control_ask(sock, req, timeout_ms, &reply, &err)) != 0) {
        fprintf(stderr, "heat-engine: no engine answers: %s\n",
                err.message[0] != '\0' ? err.message : hh_strerror(rc));
        goto done;
    }
    status = HH_CMD_REFUSED;
    if (!json_is_object(reply)) {
        fprintf(stderr, "heat-engine: %s: the reply is not an object\n", sock);
        goto done;
    }
    if ((v = json_object_get(reply, "error")) != NULL) {
        fprintf(stderr, "heat-engine: %s refused: %s\n", cmd,
                json_is_string(v) ? json_string_value(v) : "(no message)");
        goto done;
    }
    json_object_foreach(reply, key, v) print_member(key, v);
    status = 0;
done:
    json_decref(req);
    json_decref(reply);
    return status;
}
