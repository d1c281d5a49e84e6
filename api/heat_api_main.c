/* heat-api: the native Orchestration API daemon (api_daemon.h). */
#include "config.h"

#include "api_daemon.h"

int main(int argc, char **argv)
{
    return hh_api_daemon_main(argc, argv, HH_API_NATIVE);
}
