#!/bin/sh
# tests/engine/engine_fence.sh on a private MariaDB server
# (tests/lib/mariadb.sh): skipped when MariaDB or the MySQL driver is not
# there.
FENCE_DB=mysql
export FENCE_DB
exec "${top_srcdir:-.}/tests/engine/engine_fence.sh"
