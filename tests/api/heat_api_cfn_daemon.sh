#!/bin/sh
# heat-api-cfn as an operator runs it (TAP): heat-api's daemon checks
# (command line, exit codes, [heat_api_cfn] bind_host/bind_port, signals)
# on heat-api-cfn.
prog=heat-api-cfn
# shellcheck source=tests/api/heat_api_daemon.sh
. "${top_srcdir:-.}/tests/api/heat_api_daemon.sh"
