/* heat-api-cfn: the CloudFormation-compatible Query API daemon
 * (api_daemon.h, api_cfn.h). */
#include "config.h"

#include "api_daemon.h"

int main(int argc, char **argv)
{
    return hh_api_daemon_main(argc, argv, HH_API_CFN);
}
