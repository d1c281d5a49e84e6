#!/bin/sh
# Install everything heat-ha's build and test suite need on Debian 12 (apt).
# Idempotent: packages already present are not fetched again.
# Usage: tools/install-deps.sh            (run as root)
set -eu

PACKAGES="
    build-essential autoconf automake libtool pkg-config
    libyaml-dev libjansson-dev libcurl4-openssl-dev libsqlite3-dev
    libmicrohttpd-dev libmariadb-dev librabbitmq-dev
    libcpg-dev libquorum-dev libvotequorum-dev libcmap-dev libcorosync-common-dev libqb-dev
    corosync iproute2 util-linux
    mariadb-server mariadb-client galera-4 rsync
    clang libclang-rt-14-dev mandoc valgrind shellcheck python3 curl
    python3-heatclient python3-openstackclient wrk awscli rabbitmq-server
    resource-agents libxml2-utils xsltproc
    haproxy pacemaker pcs crmsh
"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages:$missing (run as root to install)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing >/dev/null
