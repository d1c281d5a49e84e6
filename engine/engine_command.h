/* engine_command: heat-engine's commands, a client of a running engine's
 * control socket (service_control.h) for operators and the OCF agent.
 *
 *   status    print the engine's role, term and health
 *   promote   take the active role with a new fencing term, then status
 *   demote    give the active role up, then status
 *
 * The reply's members are printed one per line as KEY=VALUE (strings as
 * they are, with line breaks turned into spaces; numbers; true or false;
 * anything else as compact JSON), for shell scripts to read.
 */
#ifndef HH_ENGINE_COMMAND_H
#define HH_ENGINE_COMMAND_H

/* Exit codes of a command (heat-engine(8)); 2 and 3 are the daemon's. */
enum {
    HH_CMD_REFUSED = 1,     /* the engine answered with an error */
    HH_CMD_UNREACHABLE = 4, /* no engine answers on the socket */
};

/* Run cmd (borrowed) against the engine on sock (borrowed), waiting at
 * most timeout_ms for each step of the exchange. Returns the exit code: 0,
 * HH_CMD_REFUSED or HH_CMD_UNREACHABLE (the reason printed on stderr), or
 * usage_rc for an unknown command. */
int hh_engine_command(const char *sock, const char *cmd, int timeout_ms, int usage_rc);

#endif
